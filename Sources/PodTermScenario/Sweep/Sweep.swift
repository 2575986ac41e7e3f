import Foundation
import PodTerm

/// Runs a scenario over a grid of one or two varied fields, N seeded runs per point, in
/// parallel, and gathers each point's outcome figures.
///
/// The scenario is decoded once; each axis value is resolved once into a typed setting
/// (`ScenarioSetting`), and each run is an outcome-only run (`Simulator.outcome`). Points
/// run in chunks on a task group, at most `threads` at a time; results are put back in
/// index order, and every run's seed comes from the sweep's seed and the run's index
/// (`SweepSeeds`), so the result is the same, byte for byte once rendered, for any `threads`.
///
/// ```swift
/// let loaded = try ScenarioLoader.load(file: "scenarios/workloads/rollout-prestop-sleep.yaml")
/// let sleep = try SweepAxis(parsing: "pod.containers.app.lifecycle.preStop.sleep.seconds=0..6")
/// let result = try await Sweep(loaded, vary: [sleep]).run()
/// for p in result.points { print(p.values[0], result.stats(p.index, "traffic.refused")!.max!) }
/// ```
public struct Sweep: Sendable {
    /// The scenario, as loaded (with its `--set`s).
    public var loaded: LoadedScenario
    /// One or two varied fields.
    public var axes: [SweepAxis]
    /// Runs per point, 1 to `maxRuns`.
    public var runs: Int
    /// The sweep's seed (default: the scenario's).
    public var seed: UInt64
    /// The figures to record (nil: the workload figures, `pod.deleteToGone` and the SIGKILL counts).
    public var figures: [String]?
    /// Conditions checked in every run (`SweepPointResult.held`).
    public var constraints: [Constraint]
    /// How many chunks of points run at once, 1 to `maxThreads`.
    public var threads: Int
    /// Each run's event budget.
    public var maxEvents: Int
    /// Drop the figures that are not numbers instead of refusing them (a tune's constraints
    /// may name words, which it checks but does not record).
    var numericFiguresOnly = false

    /// The most runs per point.
    public static let maxRuns = 100_000
    /// The most simulations in one sweep (points × runs).
    public static let maxSimulations = 100_000_000
    /// The most concurrent chunks.
    public static let maxThreads = 256
    /// The default `threads`: the machine's active processors.
    public static var defaultThreads: Int { max(1, min(maxThreads, ProcessInfo.processInfo.activeProcessorCount)) }

    /// A sweep of `loaded` over `axes` (one or two).
    public init(
        _ loaded: LoadedScenario, vary axes: [SweepAxis], runs: Int = 1, seed: UInt64? = nil,
        figures: [String]? = nil, constraints: [Constraint] = [], threads: Int = Sweep.defaultThreads,
        maxEvents: Int = EventBudget.defaultMaxEvents
    ) {
        self.loaded = loaded
        self.axes = axes
        self.runs = runs
        self.seed = seed ?? loaded.scenario.seed
        self.figures = figures
        self.constraints = constraints
        self.threads = threads
        self.maxEvents = maxEvents
    }

    /// How many points the grid has.
    public var pointCount: Int { axes.reduce(1) { $0 * $1.values.count } }

    /// The figures recorded by default: every numeric workload figure (`traffic.*`,
    /// `kafka.*`, `outbound.*`), then `pod.deleteToGone`, `outcome.sigkilled` and
    /// `outcome.processesSigkilled`.
    public static func defaultFigures(_ outcome: Outcome) -> [String] {
        let workload = outcome.names.filter { n in
            (n.hasPrefix("traffic.") || n.hasPrefix("kafka.") || n.hasPrefix("outbound.")) && figureNumber(outcome[n]) != nil
        }
        return workload + ["pod.deleteToGone", "outcome.sigkilled", "outcome.processesSigkilled"].filter { figureNumber(outcome[$0]) != nil }
    }

    /// Runs the sweep. `progress` is called after each chunk with the points done and the total.
    /// - Throws: `SweepError`.
    public func run(progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws(SweepError) -> SweepResult {
        let plan = try prepare()
        let total = plan.points.count
        let chunk = max(1, min(256, total / max(1, threads * 16)))
        let chunks = (total + chunk - 1) / chunk
        var parts = [[SweepPointResult]?](repeating: nil, count: chunks)
        var firstFailure: (Int, SweepError)?
        do {
            try await withThrowingTaskGroup(of: (Int, Result<[SweepPointResult], PointFailure>).self) { group in
                var next = 0
                func add() {
                    let c = next
                    next += 1
                    group.addTask {
                        let lo = c * chunk, hi = min(total, lo + chunk)
                        return (c, plan.runPoints(lo..<hi))
                    }
                }
                while next < min(chunks, max(1, threads)) { add() }
                var done = 0
                for try await (c, r) in group {
                    switch r {
                    case .success(let points):
                        parts[c] = points
                        done += points.count
                    case .failure(let f):
                        if firstFailure == nil || f.point < firstFailure!.0 { firstFailure = (f.point, f.error) }
                    }
                    progress?(done, total)
                    if next < chunks, firstFailure == nil { add() }
                }
            }
        } catch {
            throw SweepError.run("the sweep stopped: \(error)")
        }
        if let (_, e) = firstFailure { throw e }
        return SweepResult(
            axes: axes, figures: plan.figures, units: plan.units, seeds: plan.seeds, constraints: constraints,
            points: parts.flatMap { $0! }, scenarioFile: loaded.fileName)
    }

    /// Checks the sweep's numbers, resolves every axis value and finds the figures, with one run.
    func prepare() throws(SweepError) -> SweepPlan {
        guard (1...2).contains(axes.count) else { throw .flag("a sweep varies one or two fields (--vary), got \(axes.count)") }
        if axes.count == 2, axes[0].path == axes[1].path { throw .flag("--vary \(axes[0].path) is given twice") }
        guard (1...Self.maxRuns).contains(runs) else { throw .flag("--runs \(runs): expected 1 to \(Self.maxRuns)") }
        guard (1...Self.maxThreads).contains(threads) else { throw .flag("--threads \(threads): expected 1 to \(Self.maxThreads)") }
        guard EventBudget.range.contains(maxEvents) else { throw .flag("--max-events \(maxEvents): expected \(EventBudget.range.lowerBound) to \(EventBudget.range.upperBound)") }
        let points = pointCount
        guard points <= Self.maxSimulations / runs else {
            throw .flag("\(points) points × \(runs) runs is more than \(Self.maxSimulations) simulations; use fewer values or runs")
        }
        var settings: [[ScenarioSetting]] = []
        for a in axes {
            do { settings.append(try a.settings(in: loaded)) } catch { throw .input(error) }
        }
        let seeds = SweepSeeds.seeds(seed, runs: runs)
        var plan = SweepPlan(loaded: loaded, axes: axes, settings: settings, seeds: seeds, figures: [], units: [], constraints: constraints, maxEvents: maxEvents, points: 0..<points)
        // The first run names the figures and shows a constraint on a figure the runs lack.
        let first: Outcome
        switch plan.outcome(point: 0, run: 0) {
        case .success(let o): first = o
        case .failure(let f): throw f.error
        }
        var names = figures ?? Self.defaultFigures(first)
        if numericFiguresOnly { names = names.filter { first[$0] == nil || figureNumber(first[$0]) != nil || first[$0] == FigureValue.none } }
        for n in names where figureNumber(first[n]) == nil {
            if first[n] == nil {
                throw .flag("--figure \(n): the runs have no figure '\(n)'\(Suggestions.hint(n, in: first.names))")
            }
            if first[n] != FigureValue.none { throw .flag("--figure \(n): a sweep records numbers, durations and yes/no figures; \(n) is '\(first[n]!)'") }
        }
        for c in constraints {
            if let p = c.problem(in: first) { throw .flag("--subject-to \(c): \(p)") }
        }
        plan.figures = names
        plan.units = names.map { FigureUnit(first[$0]) ?? .count }
        return plan
    }
}

/// Why a sweep or a tune could not finish.
public enum SweepError: Error, Sendable, CustomStringConvertible {
    /// A `--vary`, a value or the scenario is wrong (exit status 2).
    case input(ScenarioError)
    /// The sweep's own numbers or names are wrong (exit status 64).
    case flag(String)
    /// A run needed more events than its budget (exit status 5): the point, the seed, the message.
    case budget(point: [String], seed: UInt64, EventBudgetExceeded)
    /// The engine refused a run (exit status 2).
    case run(String)

    public var description: String {
        switch self {
        case .input(let e): return e.description
        case .flag(let m): return m
        case .budget(let point, let seed, let e):
            return "the run at \(point.joined(separator: ", ")) with seed \(seed) stopped after \(e.maxEvents) events at \(formatDuration(e.stoppedAt)) of its \(formatDuration(e.horizon)) horizon; raise --max-events or shorten the horizon"
        case .run(let m): return m
        }
    }
}

/// A failed point, by index (so the lowest index wins, whatever finished first).
struct PointFailure: Error {
    var point: Int
    var error: SweepError
}

/// What every chunk needs, resolved once.
struct SweepPlan: Sendable {
    let loaded: LoadedScenario
    let axes: [SweepAxis]
    let settings: [[ScenarioSetting]]
    let seeds: [UInt64]
    var figures: [String]
    var units: [FigureUnit]
    let constraints: [Constraint]
    let maxEvents: Int
    let points: Range<Int>
    /// The fields the axes set: a random field there takes the axis's value, not a draw.
    var axisPaths: Set<String> { Set(settings.compactMap { $0.first?.resolvedPath }) }

    /// The value index on each axis of point `i` (the first axis varies slowest).
    func coordinates(_ i: Int) -> [Int] {
        axes.count == 1 ? [i] : [i / axes[1].values.count, i % axes[1].values.count]
    }

    func values(_ i: Int) -> [String] {
        zip(axes, coordinates(i)).map { $0.values[$1] }
    }

    /// The scenario of point `i`: every axis's setting applied.
    func scenario(_ i: Int) -> Result<Scenario, PointFailure> {
        var s = loaded.scenario
        for (a, c) in coordinates(i).enumerated() {
            do { try settings[a][c].apply(to: &s) } catch { return .failure(PointFailure(point: i, error: .input(error))) }
        }
        return .success(s)
    }

    func outcome(_ s: Scenario, point i: Int, run r: Int) -> Result<Outcome, PointFailure> {
        let seed = seeds[r]
        do {
            let drawn = try loaded.drawing(s, seed: seed, except: axisPaths)
            return .success(try Simulator.outcome(drawn, seed: seed, maxEvents: maxEvents))
        } catch let e as EventBudgetExceeded {
            return .failure(PointFailure(point: i, error: .budget(point: zip(axes, values(i)).map { "\($0.path)=\($1)" }, seed: seed, e)))
        } catch let e as ScenarioError {
            return .failure(PointFailure(point: i, error: .input(e)))
        } catch {
            return .failure(PointFailure(point: i, error: .run("\(loaded.fileName): at \(values(i).joined(separator: ", ")): \(error)")))
        }
    }

    func outcome(point i: Int, run r: Int) -> Result<Outcome, PointFailure> {
        scenario(i).flatMap { outcome($0, point: i, run: r) }
    }

    /// Runs the points of `range`, stopping at the first failure.
    func runPoints(_ range: Range<Int>) -> Result<[SweepPointResult], PointFailure> {
        var out: [SweepPointResult] = []
        out.reserveCapacity(range.count)
        for i in range {
            switch runPoint(i) {
            case .success(let p): out.append(p)
            case .failure(let f): return .failure(f)
            }
        }
        return .success(out)
    }

    func runPoint(_ i: Int) -> Result<SweepPointResult, PointFailure> {
        let s: Scenario
        switch scenario(i) {
        case .success(let x): s = x
        case .failure(let f): return .failure(f)
        }
        var samples = [[Int?]](repeating: [], count: figures.count)
        for f in figures.indices { samples[f].reserveCapacity(seeds.count) }
        var held: [Bool] = []
        for r in seeds.indices {
            let o: Outcome
            switch outcome(s, point: i, run: r) {
            case .success(let x): o = x
            case .failure(let f): return .failure(f)
            }
            for (f, name) in figures.enumerated() { samples[f].append(figureNumber(o[name])) }
            if !constraints.isEmpty { held.append(constraints.allSatisfy { $0.holds(in: o) }) }
        }
        return .success(SweepPointResult(index: i, values: values(i), samples: samples, stats: samples.map(FigureStats.init), held: held))
    }
}
