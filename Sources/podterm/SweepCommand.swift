import ArgumentParser
import Foundation
import PodTerm
import PodTermScenario

/// `podterm sweep`: one scenario over a grid of one or two varied fields, N seeded runs per
/// point, on every core; each point's outcome figures as a table, CSV or JSON.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario over a grid of one or two varied fields and print each point's outcome figures.",
        discussion: """
            --vary PATH=FROM..TO[:STEP] varies a number or a duration (pod.terminationGracePeriodSeconds=1..60, \
            network.consumers.ingress-nginx.delay=0s..5s:500ms); --vary PATH=a,b,c a list of values of any kind \
            (signals, shells, words). PATH is as after --set. With --runs N each point runs N times, run r with the \
            same seed at every point (run 0: the sweep's seed), and each cell shows the mean and p50/p95/max. \
            Output is byte-identical for any --threads. On a terminal the table comes with a chart, and runs \
            longer than a second show progress on standard error.
            Exit status: 0 ok, 2 bad input (a scenario, a --set or --vary value the field refuses), 5 a run ran out \
            of events, 64 a flag is wrong.
            """)

    @Argument(help: "A scenario file, or the name of a built-in scenario.", completion: ScenarioCompletion.kind)
    var scenario: String

    @Option(name: .customLong("vary"), help: ArgumentHelp("A varied field: PATH=FROM..TO[:STEP] or PATH=a,b,c. Once or twice.", valueName: "path=values"))
    var vary: [String] = []

    @Option(help: "Runs per point, 1 to \(Sweep.maxRuns).")
    var runs: Int = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("The sweep's seed, 0 to 2^64−1 (default: the scenario's).", valueName: "seed"))
    var seed: String?

    @Option(help: "How many points run at once, 1 to \(Sweep.maxThreads) (default: the processors).")
    var threads: Int = Sweep.defaultThreads

    @Option(help: "Output format: table, csv or json (podterm.sweep/v1).")
    var format: SweepFormat = .table

    @Option(name: .customLong("figure"), help: ArgumentHelp("A figure to show (repeatable; default: the workload figures, pod.deleteToGone and the SIGKILL counts).", valueName: "name"))
    var figures: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a field for every point, as in `podterm run`. Repeatable.", valueName: "key=value"))
    var overrides: [String] = []

    @Flag(help: "No chart under the table, even on a terminal.")
    var noChart = false

    @OptionGroup var budget: EventBudgetOption

    enum SweepFormat: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    func validate() throws {
        guard (1...2).contains(vary.count) else { throw ValidationError("--vary: give one or two varied fields, e.g. --vary pod.terminationGracePeriodSeconds=1..60") }
        guard (1...Sweep.maxRuns).contains(runs) else { throw ValidationError("--runs: expected 1 to \(Sweep.maxRuns), got \(runs)") }
        guard (1...Sweep.maxThreads).contains(threads) else { throw ValidationError("--threads: expected 1 to \(Sweep.maxThreads), got \(threads)") }
    }

    func run() throws {
        let axes = try vary.map { v in try SweepTool.flag { try SweepAxis(parsing: v) } }
        let (loaded, seed) = try SweepTool.load(scenario, overrides: overrides, seed: self.seed)
        let sweep = Sweep(loaded, vary: axes, runs: runs, seed: seed, figures: figures.isEmpty ? nil : figures,
                          threads: threads, maxEvents: budget.value)
        let progress = ProgressBar(label: "sweep")
        let result = SweepTool.wait { () async throws(SweepError) -> SweepResult in try await sweep.run(progress: progress.update) }
        progress.finish()
        switch result {
        case .failure(let e): SweepTool.fail(e, file: loaded.fileName)
        case .success(let r):
            let name = SweepTool.name(of: loaded)
            var out: String
            switch format {
            case .table:
                out = SweepRendering.table(r, scenarioName: name, seed: sweep.seed)
                if !noChart, isatty(STDOUT_FILENO) == 1 {
                    out += "\n" + SweepChart.render(r, width: SweepTool.columns(), unicode: SweepTool.unicode)
                }
            case .csv: out = SweepRendering.csv(r)
            case .json: out = SweepRendering.json(r, scenarioName: name, seed: sweep.seed)
            }
            Terminal.write(out)
        }
    }
}

/// `podterm tune`: the smallest value of one field for which the constraints hold.
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Find the smallest value of a field for which outcome constraints hold.",
        discussion: """
            --minimize PATH=FROM..TO[:STEP] is the field and the range searched (PATH as after --set); \
            --subject-to 'FIGURE OP VALUE' (OP: == != <= < >= >), repeatable, what must hold, in every run or, \
            with --confidence C, in at least that share of the --runs N runs. tune tries 17 values spread over \
            the range, bisects, then checks the value above the answer; when a larger value fails where a smaller \
            one held it says the figures are not monotone and runs the whole range. It prints the answer, the runs \
            at the boundary and the --set line to reproduce it.
            Exit status: 0 found, 1 no value in the range satisfies, 2 bad input, 5 a run ran out of events, 64 a flag is wrong.
            """)

    @Argument(help: "A scenario file, or the name of a built-in scenario.", completion: ScenarioCompletion.kind)
    var scenario: String

    @Option(help: ArgumentHelp("The field and its range: PATH=FROM..TO[:STEP].", valueName: "path=range"))
    var minimize: String

    @Option(name: .customLong("subject-to"), help: ArgumentHelp("A constraint on an outcome figure, e.g. 'kafka.lost == 0'. Repeatable.", valueName: "constraint"))
    var subjectTo: [String] = []

    @Option(help: "The share of runs that must meet the constraints, above 0 and at most 1 (default 1: every run).")
    var confidence: Double = 1

    @Option(help: "Runs per value, 1 to \(Sweep.maxRuns).")
    var runs: Int = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("The seed, 0 to 2^64−1 (default: the scenario's).", valueName: "seed"))
    var seed: String?

    @Option(help: "How many values run at once, 1 to \(Sweep.maxThreads) (default: the processors).")
    var threads: Int = Sweep.defaultThreads

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a field for every run, as in `podterm run`. Repeatable.", valueName: "key=value"))
    var overrides: [String] = []

    @OptionGroup var budget: EventBudgetOption

    func validate() throws {
        guard !subjectTo.isEmpty else { throw ValidationError("--subject-to: give at least one constraint, e.g. --subject-to 'kafka.lost == 0'") }
        guard confidence > 0, confidence <= 1 else { throw ValidationError("--confidence: expected a share above 0 and at most 1 (e.g. 0.99), got \(confidence)") }
        guard (1...Sweep.maxRuns).contains(runs) else { throw ValidationError("--runs: expected 1 to \(Sweep.maxRuns), got \(runs)") }
        guard (1...Sweep.maxThreads).contains(threads) else { throw ValidationError("--threads: expected 1 to \(Sweep.maxThreads), got \(threads)") }
    }

    func run() throws {
        let axis = try SweepTool.flag { try SweepAxis(parsing: minimize, flag: "--minimize") }
        guard axis.isRange else { Terminal.fail("--minimize \(minimize): expected PATH=FROM..TO[:STEP], a range of numbers or durations", status: 64) }
        let constraints = try subjectTo.map { c in try SweepTool.flag { try Constraint(parsing: c) } }
        let (loaded, seed) = try SweepTool.load(scenario, overrides: overrides, seed: self.seed)
        let tune = Tune(loaded, minimize: axis, subjectTo: constraints, runs: runs, confidence: confidence, seed: seed,
                        threads: threads, maxEvents: budget.value)
        let progress = ProgressBar(label: "tune")
        let result = SweepTool.wait { () async throws(SweepError) -> TuneResult in try await tune.run(progress: progress.update) }
        progress.finish()
        switch result {
        case .failure(let e): SweepTool.fail(e, file: loaded.fileName)
        case .success(let t):
            let command = (["podterm", "run", scenario] + overrides.map { "--set " + SweepTool.shellQuote($0) }).joined(separator: " ")
            Terminal.write(TuneRendering.render(t, scenarioName: SweepTool.name(of: loaded), seed: seed ?? loaded.scenario.seed, command: command))
            if t.answer == nil { Foundation.exit(1) }
        }
    }
}

/// What `sweep` and `tune` share: loading, errors and their statuses, waiting for the task group.
enum SweepTool {
    static func load(_ scenario: String, overrides: [String], seed: String?) throws -> (LoadedScenario, UInt64?) {
        do {
            let s = try ScenarioSource.parseSeed(seed)
            return (try ScenarioSource.load(scenario, overrides: try ScenarioSource.parseOverrides(overrides)), s)
        } catch CLIError.input(let msg) {
            Terminal.fail(msg, status: 2)
        }
    }

    /// A flag's text that does not parse: exit 64 with the message.
    static func flag<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ScenarioError {
            Terminal.fail(e.description, status: 64)
        }
    }

    static func fail(_ e: SweepError, file: String) -> Never {
        switch e {
        case .input(let s): Terminal.fail(s.description, status: 2)
        case .flag(let m): Terminal.fail(m, status: 64)
        case .budget: Terminal.fail("\(file): \(e)", status: 5)
        case .run(let m): Terminal.fail(m, status: 2)
        }
    }

    /// Runs the async work from the synchronous command and waits for it on this thread
    /// (the main thread, not one of the task pool's).
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws(SweepError) -> T) -> Result<T, SweepError> {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do throws(SweepError) { box.value = .success(try await body()) } catch { box.value = .failure(error) }
            done.signal()
        }
        done.wait()
        return box.value!
    }

    /// The scenario's name as `podterm run` prints it.
    static func name(of loaded: LoadedScenario) -> String { loaded.scenario.name }

    static var unicode: Bool {
        let env = ProcessInfo.processInfo.environment
        let locale = env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LANG"] ?? ""
        return locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
    }

    static func columns() -> Int {
        var w = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 0 { return Int(w.ws_col) }
        return 80
    }

    static func shellQuote(_ s: String) -> String {
        if s.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:,@".contains($0) }) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Holds the result across the task boundary; written once before the semaphore is signalled.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    var value: Result<T, SweepError>?
}

/// A progress bar on standard error, drawn only when it is a terminal and the work has taken
/// more than a second; cleared at the end. Wall-clock time is the CLI's, never the engine's.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let start = Date()
    private let lock = NSLock()
    private var drawn = false
    private var lastDraw = Date.distantPast
    private let enabled = isatty(STDERR_FILENO) == 1

    init(label: String) { self.label = label }

    /// Called after each chunk with the points done and the total.
    var update: @Sendable (Int, Int) -> Void {
        { [self] done, total in self.draw(done, total) }
    }

    private func draw(_ done: Int, _ total: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = now
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total) points"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Clears the bar if it was drawn.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
