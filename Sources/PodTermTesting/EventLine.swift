import PodTerm

/// One event as a line of a failure message: its time, who acted, the container and what
/// happened, worded as `podterm run` words it.
struct EventLine {
    let words: EventText

    init(_ timeline: Timeline) { words = EventText(timeline) }

    /// `  40.000s  runtime  app  sends SIGKILL to PID 1 server[1]`.
    func line(_ index: Int) -> String {
        let e = words.timeline.events[index]
        let container = words.containerName(e)
        return "  " + formatClock(e.time) + "  " + words.actorName(e.actor, atEvent: index)
            + (container.isEmpty ? "" : "  " + container) + "  " + words.message(e, atEvent: index)
    }

    /// The lines of several events, in timeline order, each once.
    func lines(_ indices: [Int]) -> String {
        var seen = Set<Int>()
        return indices.sorted().filter { seen.insert($0).inserted }.map(line).joined(separator: "\n")
    }

    /// `rule kernel.pid1-ignores-default: PID 1 …` for the event's rule.
    func rule(_ index: Int) -> String {
        let r = words.timeline.events[index].rule
        return "rule \(r.id): \(r.reason)"
    }
}
