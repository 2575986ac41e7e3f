import PodTerm

/// Finds the smallest value of one field for which every constraint holds: in every run, or
/// in at least a `confidence` share of the runs.
///
/// Most figures are monotone in a grace period or a sleep (more time never loses more), but
/// `Tune` checks rather than assumes it: it first tries 17 values spread evenly over the
/// range (in parallel), bisects between the last failing and the first holding one, and then
/// tries the value just above the answer. If any value tried holds while a larger one fails,
/// the figure is not monotone there: it says so (`TuneResult.violations`) and runs the whole
/// range instead, so the answer is still the smallest value that holds. When none of the 17
/// holds it runs the whole range too, before saying that no value satisfies.
///
/// ```swift
/// let loaded = try ScenarioLoader.load(file: "scenarios/workloads/kafka-auto-commit-loses-buffer.yaml")
/// let tune = Tune(loaded, minimize: try SweepAxis(parsing: "pod.terminationGracePeriodSeconds=0..120"),
///                 subjectTo: [try Constraint(parsing: "kafka.lost == 0")])
/// let answer = try await tune.run()
/// print(answer.value ?? "none")
/// ```
public struct Tune: Sendable {
    /// The scenario, as loaded.
    public var loaded: LoadedScenario
    /// The field minimized and the values it may take (a range, ascending).
    public var axis: SweepAxis
    /// What must hold.
    public var constraints: [Constraint]
    /// Runs per value.
    public var runs: Int
    /// The share of runs in which the constraints must hold, above 0 and at most 1.
    public var confidence: Double
    /// The seed (default: the scenario's); the runs' seeds are `SweepSeeds`'.
    public var seed: UInt64?
    /// How many values are tried at once in the spread phase and a full scan.
    public var threads: Int
    /// Each run's event budget.
    public var maxEvents: Int

    /// How many values the first phase spreads over the range.
    public static let spread = 17

    /// A tune of `axis` in `loaded`.
    public init(
        _ loaded: LoadedScenario, minimize axis: SweepAxis, subjectTo constraints: [Constraint], runs: Int = 1,
        confidence: Double = 1, seed: UInt64? = nil, threads: Int = Sweep.defaultThreads,
        maxEvents: Int = EventBudget.defaultMaxEvents
    ) {
        self.loaded = loaded
        self.axis = axis
        self.constraints = constraints
        self.runs = runs
        self.confidence = confidence
        self.seed = seed
        self.threads = threads
        self.maxEvents = maxEvents
    }

    /// How many of `runs` runs must meet the constraints.
    public var requiredRuns: Int {
        // A tiny slack so that 0.99 × 100 is 99, not 99.00000000000001 rounded up.
        max(1, min(runs, Int((confidence * Double(runs) - 1e-9).rounded(.up))))
    }

    /// Finds the answer.
    /// - Throws: `SweepError`.
    public func run(progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws(SweepError) -> TuneResult {
        guard !constraints.isEmpty else { throw .flag("tune needs at least one --subject-to, e.g. --subject-to 'kafka.lost == 0'") }
        guard confidence > 0, confidence <= 1 else { throw .flag("--confidence \(confidence): expected a share above 0 and at most 1, e.g. 0.99") }
        guard axis.isRange else { throw .flag("--minimize \(axis.path): expected a range FROM..TO[:STEP] of numbers or durations, not a list") }
        var names: [String] = []
        for c in constraints where !names.contains(c.figure) { names.append(c.figure) }
        var sweep = Sweep(loaded, vary: [axis], runs: runs, seed: seed, figures: names, constraints: constraints, threads: threads, maxEvents: maxEvents)
        sweep.numericFiguresOnly = true
        let plan: SweepPlan
        do { plan = try sweep.prepare() } catch {
            // The values come from --minimize, not --vary.
            if case .input(var e) = error, e.file.hasPrefix("--vary ") {
                e.file = "--minimize " + e.file.dropFirst("--vary ".count)
                throw .input(e)
            }
            throw error
        }
        let n = axis.values.count
        let need = requiredRuns
        var tried: [Int: SweepPointResult] = [:]
        func holds(_ i: Int) -> Bool { tried[i]!.heldCount >= need }

        let spread = Array(Set((0..<Self.spread).map { $0 * (n - 1) / (Self.spread - 1) })).sorted()
        for p in try await Self.evaluate(plan, spread, threads: threads, progress: progress) { tried[p.index] = p }
        var path: [TuneStep] = spread.map { TuneStep(phase: .spread, index: $0) }
        var violations = Self.violations(tried, holds)
        var answer: Int?
        var fullScan = false
        if violations.isEmpty, let h = spread.first(where: holds) {
            var lo = spread.last { $0 < h } ?? -1, hi = h
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                switch plan.runPoint(mid) {
                case .success(let p): tried[mid] = p
                case .failure(let f): throw f.error
                }
                path.append(TuneStep(phase: .bisection, index: mid))
                if holds(mid) { hi = mid } else { lo = mid }
            }
            if hi + 1 < n, tried[hi + 1] == nil {
                switch plan.runPoint(hi + 1) {
                case .success(let p): tried[hi + 1] = p
                case .failure(let f): throw f.error
                }
                path.append(TuneStep(phase: .neighbour, index: hi + 1))
            }
            violations = Self.violations(tried, holds)
            if violations.isEmpty { answer = hi }
        }
        if !violations.isEmpty || answer == nil {
            // Not monotone, or no spread value held (a holding value could hide between
            // them): every value, so the answer is still the smallest that holds.
            fullScan = true
            let rest = (0..<n).filter { tried[$0] == nil }
            for p in try await Self.evaluate(plan, rest, threads: threads, progress: progress) { tried[p.index] = p }
            path += rest.map { TuneStep(phase: .fullScan, index: $0) }
            violations = Self.violations(tried, holds)
            answer = (0..<n).first(where: holds)
        }
        return TuneResult(
            axis: axis, constraints: constraints, runs: runs, requiredRuns: need, seeds: plan.seeds,
            figures: plan.figures, answer: answer, violations: violations, fullScan: fullScan,
            tried: tried.keys.sorted().map { tried[$0]! }, steps: path, scenarioFile: loaded.fileName)
    }

    /// Every pair (a holds, the next larger tried value fails), in order.
    static func violations(_ tried: [Int: SweepPointResult], _ holds: (Int) -> Bool) -> [TuneViolation] {
        let idx = tried.keys.sorted()
        var out: [TuneViolation] = []
        var lastHeld: Int?
        for i in idx {
            if holds(i) { lastHeld = i } else if let h = lastHeld {
                out.append(TuneViolation(holdsAt: h, failsAt: i))
                lastHeld = nil
            }
        }
        return out
    }

    /// Runs `indices` in parallel (at most `threads` at a time), results in index order.
    static func evaluate(
        _ plan: SweepPlan, _ indices: [Int], threads: Int, progress: (@Sendable (Int, Int) -> Void)?
    ) async throws(SweepError) -> [SweepPointResult] {
        if indices.isEmpty { return [] }
        var out = [SweepPointResult?](repeating: nil, count: indices.count)
        var firstFailure: PointFailure?
        do {
            try await withThrowingTaskGroup(of: (Int, Result<SweepPointResult, PointFailure>).self) { group in
                var next = 0
                func add() {
                    let k = next
                    next += 1
                    group.addTask { (k, plan.runPoint(indices[k])) }
                }
                while next < min(indices.count, threads) { add() }
                var done = 0
                for try await (k, r) in group {
                    switch r {
                    case .success(let p): out[k] = p
                    case .failure(let f): if firstFailure == nil || f.point < firstFailure!.point { firstFailure = f }
                    }
                    done += 1
                    progress?(done, indices.count)
                    if next < indices.count, firstFailure == nil { add() }
                }
            }
        } catch {
            throw SweepError.run("the tune stopped: \(error)")
        }
        if let f = firstFailure { throw f.error }
        return out.map { $0! }
    }
}

/// One value a tune tried, and why.
public struct TuneStep: Sendable, Equatable {
    /// Why it was tried.
    public enum Phase: String, Sendable { case spread, bisection, neighbour, fullScan = "full scan" }
    public let phase: Phase
    /// The value's index on the axis.
    public let index: Int
}

/// A place where a figure is not monotone: the constraints hold at one value and fail at a larger one.
public struct TuneViolation: Sendable, Equatable {
    /// The index of the value where they hold.
    public let holdsAt: Int
    /// The index of the larger value where they fail.
    public let failsAt: Int
}

/// What a tune found: the smallest value meeting the constraints (if any), the values tried,
/// whether monotonicity held on them, and the runs at the boundary.
public struct TuneResult: Sendable, Equatable {
    public let axis: SweepAxis
    public let constraints: [Constraint]
    public let runs: Int
    /// How many runs of a value must meet the constraints.
    public let requiredRuns: Int
    public let seeds: [UInt64]
    /// The constraints' figures, in `tried[…].samples` order.
    public let figures: [String]
    /// The index of the answer on the axis; nil when no value satisfies.
    public let answer: Int?
    /// Where the figures were found not monotone (empty: monotone on every value tried).
    public let violations: [TuneViolation]
    /// Whether the whole range was run (after a violation).
    public let fullScan: Bool
    /// Every value tried, in axis order.
    public let tried: [SweepPointResult]
    /// The values in the order they were tried, with the phase.
    public let steps: [TuneStep]
    public let scenarioFile: String

    /// The answer's text, as `--set PATH=` takes it.
    public var value: String? { answer.map { axis.values[$0] } }
    /// The answer as a number (durations in ms).
    public var number: Int? { answer.flatMap { axis.numbers?[$0] } }
    /// Whether the constraints held at every value tried from some point on, and failed below it.
    public var monotone: Bool { violations.isEmpty }
    /// The point tried at `index`, if it was.
    public func point(_ index: Int) -> SweepPointResult? { tried.first { $0.index == index } }
    /// Whether the value at `index` (tried) meets the constraints in enough runs.
    public func holds(_ index: Int) -> Bool? { point(index).map { $0.heldCount >= requiredRuns } }
}
