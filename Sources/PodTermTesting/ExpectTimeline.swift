import PodTerm
import Testing

/// Expects an event that `matcher` describes; returns the first one. When none matches, the
/// issue names the events that miss by one part, and what that part found instead.
///
/// ```swift
/// expectTimeline(timeline, contains: .signal(.kill, sentTo: .pid1(of: "app")).at(.seconds(40)))
/// // no event is signal.sent of SIGKILL to app's PID 1 at 40s
/// // nearest, all but one part:
/// //   42.000s  runtime  app  sends SIGKILL to PID 1 server[1]   ← at 42s, not 40s
/// ```
@discardableResult
public func expectTimeline(
    _ timeline: Timeline, contains matcher: EventMatcher,
    sourceLocation: SourceLocation = #_sourceLocation
) -> TimelineEvent? {
    let check = TimelineCheck(timeline)
    if let i = check.first(matcher) { return timeline.events[i] }
    Issue.record(Comment(rawValue: check.missing(matcher)), sourceLocation: sourceLocation)
    return nil
}

/// Expects no event that `matcher` describes; the issue lists those found, with the rule
/// that produced the first.
public func expectTimeline(
    _ timeline: Timeline, containsNo matcher: EventMatcher,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let failure = TimelineCheck(timeline).unexpected(matcher) {
        Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
    }
}

/// Expects an event of `first` to come before any event of `then` (events of one millisecond
/// are ordered as on the timeline).
public func expectTimeline(
    _ timeline: Timeline, _ first: EventMatcher, before then: EventMatcher,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let failure = TimelineCheck(timeline).order(first, then) {
        Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
    }
}

/// Expects the timeline, rendered as `podterm run` prints it (text, no colour), to be
/// `expected`; the issue shows the first differing line with the lines around it.
public func expectTimeline(
    _ timeline: Timeline, rendersAs expected: String, explain: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let actual = TimelineText(explain: explain, color: false).render(timeline)
    if let diff = TextDiff.firstDifference(expected: expected, actual: actual) {
        Issue.record(Comment(rawValue: "the timeline differs from the expected text; " + diff), sourceLocation: sourceLocation)
    }
}

/// The checks behind `expectTimeline`, as messages.
struct TimelineCheck {
    let t: Timeline
    let words: EventText
    let lines: EventLine

    init(_ timeline: Timeline) {
        t = timeline
        words = EventText(timeline)
        lines = EventLine(timeline)
    }

    func context(_ i: Int) -> EventContext { EventContext(timeline: t, words: words, index: i) }

    func all(_ m: EventMatcher) -> [Int] { t.events.indices.filter { m.matches(context($0)) } }

    func first(_ m: EventMatcher) -> Int? { t.events.indices.first { m.matches(context($0)) } }

    /// Why nothing matched: near misses, or the kinds the timeline does have.
    func missing(_ m: EventMatcher) -> String {
        var text = "no event is \(m)"
        let near = t.events.indices.compactMap { i in m.nearMiss(context(i)).map { (i, $0) } }
        if !near.isEmpty {
            text += "\nnearest, all but one part:"
            for (i, why) in near.prefix(5) { text += "\n" + lines.line(i) + "   ← " + why }
            if near.count > 5 { text += "\n  … and \(near.count - 5) more" }
            return text
        }
        if let kind = m.parts.compactMap(\.kind).first, !t.events.contains(where: { words.kindName($0.kind) == kind }) {
            var kinds: [String] = []
            for e in t.events where !kinds.contains(words.kindName(e.kind)) { kinds.append(words.kindName(e.kind)) }
            text += "\nthis timeline has no \(kind) event at all; its kinds: " + kinds.joined(separator: ", ")
        }
        return text
    }

    /// The events that should not be there, or nil.
    func unexpected(_ m: EventMatcher) -> String? {
        let found = all(m)
        guard let first = found.first else { return nil }
        var text = "expected no event that is \(m), found \(found.count):"
        text += "\n" + lines.lines(Array(found.prefix(5)))
        if found.count > 5 { text += "\n  … and \(found.count - 5) more" }
        text += "\nthe first follows " + lines.rule(first)
        return text
    }

    /// The failure of "`a` before `b`", or nil.
    func order(_ a: EventMatcher, _ b: EventMatcher) -> String? {
        guard let ia = first(a) else { return "expected \(a) before \(b), but " + missing(a) }
        guard let ib = first(b) else { return "expected \(a) before \(b), but " + missing(b) }
        guard ib < ia else { return nil }
        let same = t.events[ia].time == t.events[ib].time ? " (in the same millisecond: timeline order decides, by rule)" : ""
        return "expected \(a) before \(b), but the second came first\(same):\n"
            + lines.line(ib) + "   ← \(b)\n" + lines.line(ia) + "   ← \(a)\n"
            + "the earlier follows " + lines.rule(ib)
    }
}
