/// Runs scenarios: the engine's front door.
///
/// ```swift
/// let timeline = try Simulator.run(scenario)
/// print(timeline.outcome["containers.app.exitCode"]!)   // 143
/// ```
/// Pure: reads no file, clock or terminal. Same scenario and seed, same timeline.
///
/// Every run has an event budget (`maxEvents`, default `EventBudget.defaultMaxEvents`):
/// a run that needs more events is stopped and `run` throws `EventBudgetExceeded`, whose
/// `timeline` shows what happened until then.
public enum Simulator {
    /// Runs `scenario` with its own seed, or `seed` when given, stopping after `maxEvents`
    /// events (`EventBudget.range`; outside it: `ModelError.eventBudgetOutOfRange`).
    /// - Throws: `ModelError` for a scenario the engine cannot run; `EventBudgetExceeded`
    ///   when the run needs more than `maxEvents` events.
    public static func run(_ scenario: Scenario, seed: UInt64? = nil, maxEvents: Int = EventBudget.defaultMaxEvents) throws -> Timeline {
        guard EventBudget.range.contains(maxEvents) else { throw ModelError.eventBudgetOutOfRange(maxEvents) }
        try validate(scenario)
        let engine = try Engine(scenario: scenario, seed: seed ?? scenario.seed, maxEvents: maxEvents)
        let timeline = engine.run()
        if let stopped = engine.budgetExceeded { throw stopped }
        return timeline
    }

    /// The outcome of running `scenario`, the same as `run(...).outcome`, without keeping the
    /// timeline: the events are folded as they happen into the live moment and dropped, no
    /// snapshot is kept and no record is built. For sweeps, which want only the figures.
    /// - Throws: as `run`; an `EventBudgetExceeded` whose timeline has no events.
    public static func outcome(_ scenario: Scenario, seed: UInt64? = nil, maxEvents: Int = EventBudget.defaultMaxEvents) throws -> Outcome {
        guard EventBudget.range.contains(maxEvents) else { throw ModelError.eventBudgetOutOfRange(maxEvents) }
        try validate(scenario)
        let engine = try Engine(scenario: scenario, seed: seed ?? scenario.seed, maxEvents: maxEvents, keepsEvents: false)
        let outcome = engine.runOutcome()
        if let stopped = engine.budgetExceeded { throw stopped }
        return outcome
    }

    /// The checks the engine needs beyond what the file format checks.
    static func validate(_ s: Scenario) throws {
        for a in s.actions { try a.kind.stopper.validate(in: s) }
        for w in s.workloads {
            if case .kafka(let k) = w.kind {
                if k.batchSize < 1 { throw ModelError.invalidWorkload(name: w.name, problem: "batchSize must be at least 1, got \(k.batchSize)") }
                if k.flushInterval < 1 { throw ModelError.invalidWorkload(name: w.name, problem: "flushInterval must be at least 1ms, got \(k.flushInterval)ms") }
            }
        }
    }
}
