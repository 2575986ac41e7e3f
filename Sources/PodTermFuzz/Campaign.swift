import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// A fuzz campaign: `count` inputs from an `InputMaker`, each run through the real `podterm`
/// binary in its own process, judged, and summed up.
///
/// ```swift
/// let report = Campaign(podterm: path, maker: maker, count: 300).run()
/// print(report.summaryLine)   // "300 inputs: 0 crashes, 0 hangs, 0 without location, 0 over memory"
/// ```
public struct Campaign: Sendable {
    /// One input that did not pass, with what was seen.
    public struct Finding: Sendable {
        public var input: FuzzInput
        public var verdict: Verdict
        public var detail: String
    }

    /// The result of a campaign.
    public struct Report: Sendable {
        public var inputs: Int
        public var counts: [Verdict: Int]
        public var findings: [Finding]
        public var maxRSSKiB: Int
        public var slowestMs: Int
        public var largestOutputBytes: Int
        public var statuses: [Int32: Int]

        public func count(_ v: Verdict) -> Int { counts[v, default: 0] }

        /// `N inputs: C crashes, H hangs, M without location, X over memory`.
        public var summaryLine: String {
            "\(inputs) inputs: \(count(.crash)) crashes, \(count(.hang)) hangs, \(count(.withoutLocation)) without location, \(count(.memory)) over memory"
        }

        /// The figures behind the summary, one per line.
        public var figures: String {
            let byStatus = statuses.keys.sorted().map { "\($0): \(statuses[$0]!)" }.joined(separator: ", ")
            return """
            peak memory of any input: \(maxRSSKiB / 1024) MB
            slowest input: \(slowestMs) ms
            largest output: \(largestOutputBytes) bytes
            exit statuses: \(byStatus)
            """
        }
    }

    public var podterm: String
    public var maker: InputMaker
    public var count: Int
    public var first: Int = 0
    public var jobs: Int = 2
    public var hangLimitMs: Int = 10_000
    public var maxRSSKiB: Int = 500 * 1024
    /// Where to keep the files of failing inputs (nil: keep none).
    public var keepDirectory: String?

    public init(podterm: String, maker: InputMaker, count: Int) {
        self.podterm = podterm
        self.maker = maker
        self.count = count
    }

    /// Runs every input and returns the report; `progress` is called after each one.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) -> Report {
        let scratch = makeScratchDirectory()
        defer { rmdir(scratch) }
        var environment = Self.childEnvironment()
        environment.append("NO_COLOR=1")
        environment.append("SWIFT_BACKTRACE=enable=no")
        let env = environment
        let results = ResultBox(count: count)
        let done = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, jobs)) { worker in
            var i = worker
            while i < count {
                let input = maker.input(first + i)
                let file = "\(scratch)/input-\(input.index).yaml"
                write(input.bytes, to: file)
                let args = input.arguments.map { $0 == "FILE" ? file : $0 }
                let child = ChildRun.run(podterm, args, environment: env, limitMs: hangLimitMs, scratch: "\(scratch)/run-\(input.index)")
                let verdict = Verdict.judge(child, maxRSSKiB: maxRSSKiB)
                if verdict != .ok, let keep = keepDirectory {
                    write(input.bytes, to: "\(keep)/input-\(input.index).yaml")
                    write(Array("podterm \(input.arguments.joined(separator: " "))\n\(input.summary)\n\(child.stderr)".utf8), to: "\(keep)/input-\(input.index).txt")
                }
                unlink(file)
                results.set(i, (input, verdict, child))
                progress?(done.increment())
                i += max(1, jobs)
            }
        }
        return Self.report(results.items.compactMap { $0 })
    }

    static func report(_ items: [(FuzzInput, Verdict, ChildRun)]) -> Report {
        var counts: [Verdict: Int] = [:]
        var statuses: [Int32: Int] = [:]
        var findings: [Finding] = []
        var maxRSS = 0, slowest = 0, largest = 0
        for (input, verdict, child) in items {
            counts[verdict, default: 0] += 1
            maxRSS = max(maxRSS, child.maxRSSKiB)
            slowest = max(slowest, child.milliseconds)
            largest = max(largest, child.stdoutBytes)
            switch child.ending {
            case .exited(let s): statuses[s, default: 0] += 1
            case .signalled(let s): statuses[128 + s, default: 0] += 1
            case .timedOut: statuses[-1, default: 0] += 1
            }
            if verdict != .ok {
                let firstLine = child.stderr.split(separator: "\n").first.map(String.init) ?? ""
                findings.append(Finding(input: input, verdict: verdict,
                    detail: "\(child.ending) after \(child.milliseconds) ms, \(child.maxRSSKiB / 1024) MB: \(firstLine.prefix(300))"))
            }
        }
        return Report(inputs: items.count, counts: counts, findings: findings, maxRSSKiB: maxRSS,
                      slowestMs: slowest, largestOutputBytes: largest, statuses: statuses)
    }

    private func makeScratchDirectory() -> String {
        var template = Array("/tmp/podterm-fuzz-XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else { return "/tmp" }
        return String(cString: p)
    }

    private static func childEnvironment() -> [String] {
        var result: [String] = []
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if !s.hasPrefix("NO_COLOR=") && !s.hasPrefix("SWIFT_BACKTRACE=") { result.append(s) }
            p += 1
        }
        return result
    }
}

private func write(_ bytes: [UInt8], to path: String) {
    guard let f = fopen(path, "w") else { return }
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
}

/// Results written by index from several threads; each index is written once.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLockish()
    private(set) var items: [(FuzzInput, Verdict, ChildRun)?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: (FuzzInput, Verdict, ChildRun)) {
        lock.withLock { items[i] = value }
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLockish()
    private var value = 0
    func increment() -> Int { lock.withLock { value += 1; return value } }
}

/// A pthread mutex, so this module needs no Foundation.
private final class NSLockish: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}
