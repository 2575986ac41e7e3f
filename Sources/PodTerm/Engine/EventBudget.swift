/// How many events one run may take, and what happens past that.
///
/// The budget counts the scheduled events the engine processes (every signal delivery,
/// timer, hook answer, restart…, including those that change nothing) and, separately, the
/// events the timeline records. Once either count reaches `maxEvents` and more is scheduled,
/// the run stops before its next event (the timeline may hold the few events of the step that
/// reached the budget beyond it). It bounds the time, the memory and the output of any run,
/// whatever its horizon.
public enum EventBudget {
    /// The budget when none is given: far above any scenario that tells a story (the
    /// built-in ones need at most a few thousand), low enough to stop a runaway run in seconds.
    public static let defaultMaxEvents = 1_000_000
    /// The budgets a run accepts. The upper end keeps a run's timeline within a few GB.
    public static let range: ClosedRange<Int> = 1...100_000_000
}

/// A run stopped because it needed more events than its budget (`Simulator.run`'s `maxEvents`).
///
/// `Simulator.run` throws it rather than return a timeline: the figures of a run cut short
/// are wrong (requests not yet counted, containers still running), and a caller must not
/// mistake them for the answer. `timeline` holds what happened up to the stop, to look at.
public struct EventBudgetExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    /// The budget the run had.
    public let maxEvents: Int
    /// The virtual time at which it stopped.
    public let stoppedAt: Millis
    /// The scenario's horizon.
    public let horizon: Millis
    /// Events still scheduled when it stopped.
    public let pending: Int
    /// What happened up to the stop (`endedAt` is `stoppedAt`).
    public let timeline: Timeline

    /// The last event the timeline recorded, in words (`at 13h25m, runtime (app): container exited 1 (Error)`).
    public var lastEvent: String? {
        guard let e = timeline.events.last else { return nil }
        let words = EventText(timeline)
        let index = timeline.events.count - 1
        let container = words.containerName(e)
        return "at \(EventBudgetExceeded.format(e.time)), \(words.actorName(e.actor, atEvent: index))"
            + (container.isEmpty ? "" : " (\(container))") + ": \(words.message(e, atEvent: index))"
    }

    /// `the run stopped after N events at T: …`, without advice on how to go further (the
    /// caller knows its own knobs: a flag, a parameter).
    public var summary: String {
        var s = "the run stopped after \(maxEvents) events at \(Self.format(stoppedAt)) of its \(Self.format(horizon)) horizon, with \(pending) more scheduled"
        if let last = lastEvent { s += "; the last one recorded: \(last)" }
        return s
    }

    /// A time that may be long, in days, hours, minutes and seconds: `365d`, `13h25m10.167s`.
    static func format(_ ms: Millis) -> String {
        let day: Millis = 86_400_000, hour: Millis = 3_600_000
        guard ms >= hour else { return formatDuration(ms) }
        let d = ms / day, h = ms % day / hour, rest = ms % hour
        return (d > 0 ? "\(d)d" : "") + (h > 0 ? "\(h)h" : "") + (rest > 0 ? formatDuration(rest) : "")
    }

    public var description: String {
        summary + "; raise maxEvents (at most \(EventBudget.range.upperBound)) or shorten the horizon"
    }
}
