import ArgumentParser
import Foundation
import PodTermBuiltins
import PodTermFuzz

/// `podterm-fuzz`: throws seeded, mutated scenario files and `--set` values at the real
/// `podterm` binary and reports crashes, hangs, unlocated errors and memory hogs.
struct PodtermFuzz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podterm-fuzz",
        abstract: "Fuzz podterm's loader and engine with mutated scenario files.",
        discussion: """
        Each input is a built-in scenario with seeded mutations (byte flips, truncation, line \
        deletion and duplication, key renames, shape swaps, extreme numbers, aliases, invalid \
        UTF-8) or a generated file (huge trees, deep nesting, alias bombs, crash loops, fast \
        workloads, wide pods), run as its own `podterm` process. Prints \
        `N inputs: C crashes, H hangs, M without location, X over memory`; exits 1 if any.
        """)

    @Option(help: "How many inputs.") var inputs: Int = 10_000
    @Option(help: "The campaign's seed: the same seed gives the same inputs.") var seed: UInt64 = 1
    @Option(help: "The first input's number (to replay part of a campaign).") var first: Int = 0
    @Option(help: "How many inputs run at once.") var jobs: Int = 2
    @Option(help: "Seconds after which an input counts as a hang.") var hangLimit: Int = 10
    @Option(help: "Peak memory (MB) over which an input counts as a memory hog.") var memoryLimit: Int = 500
    @Option(help: "The podterm binary (default: the one next to this program).") var podterm: String?
    @Option(help: "A folder to keep failing inputs in.") var keep: String?
    @Flag(help: "Print each input's description instead of running it.") var list = false

    func validate() throws {
        guard (1...10_000_000).contains(inputs) else { throw ValidationError("--inputs must be 1…10000000") }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be 1…64") }
        guard (1...600).contains(hangLimit) else { throw ValidationError("--hang-limit must be 1…600 seconds") }
        guard first >= 0 else { throw ValidationError("--first must be 0 or more") }
    }

    func run() throws {
        let corpus = BuiltinScenarios.all.map { InputMaker.Seed(name: $0.name, text: $0.yaml) }
        let maker = InputMaker(corpus: corpus, seed: seed)
        if list {
            for i in first..<(first + inputs) { print(maker.input(i).summary) }
            return
        }
        let binary = podterm ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("podterm").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("no podterm binary at \(binary); build it (swift build --product podterm) or pass --podterm")
        }
        if let keep { try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true) }
        var campaign = Campaign(podterm: binary, maker: maker, count: inputs)
        campaign.first = first
        campaign.jobs = jobs
        campaign.hangLimitMs = hangLimit * 1000
        campaign.maxRSSKiB = memoryLimit * 1024
        campaign.keepDirectory = keep
        let total = inputs
        let start = Date()
        let report = campaign.run { n in
            if n % 500 == 0 || n == total {
                FileHandle.standardError.write(Data("  \(n)/\(total) inputs, \(Int(Date().timeIntervalSince(start))) s\n".utf8))
            }
        }
        for f in report.findings.prefix(100) {
            print("\(f.verdict.rawValue.uppercased()): \(f.input.summary)\n    \(f.detail)")
        }
        if report.findings.count > 100 { print("(+\(report.findings.count - 100) more)") }
        print(report.figures)
        print(report.summaryLine)
        if !report.findings.isEmpty { throw ExitCode(1) }
    }
}

PodtermFuzz.main()
