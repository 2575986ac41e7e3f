import PodTerm

/// A description of an event to look for on a timeline: what kind it is, which process,
/// signal and container it concerns, when it happened, which rule it follows.
///
/// A matcher is a list of parts, each of which an event must meet; when no event matches,
/// the failure names the events that meet every part but one, and what that part found
/// instead ("at 42s, not 40s"). That is usually the mistake.
///
/// ```swift
/// let sigkill = EventMatcher.signal(.kill, sentTo: .pid1(of: "app")).at(.seconds(40))
/// expectTimeline(timeline, contains: sigkill)
/// expectTimeline(timeline, containsNo: .kind("signal.discarded"))
/// expectTimeline(timeline, .caught(.term, by: .pid1(of: "app")), before: .kind("container.exited"))
/// ```
/// Kinds are the stable names of `podterm run --format json` (`signal.sent`, `process.killed`…).
public struct EventMatcher: Sendable, CustomStringConvertible {
    /// One condition on an event; `mismatch` says what the event has instead, nil when it meets it.
    struct Part: Sendable {
        let text: String
        /// The kind's stable name, when this part asks for a kind.
        var kind: String? = nil
        let mismatch: @Sendable (EventContext) -> String?
    }

    var parts: [Part]

    /// How the matcher reads in a failure message: `signal.sent of SIGKILL to app's PID 1 at 40s`.
    public var description: String { parts.isEmpty ? "any event" : parts.map(\.text).joined(separator: " ") }

    /// Every event.
    public static var any: EventMatcher { EventMatcher(parts: []) }

    /// Events of a kind, by its stable name (`signal.sent`, `container.exited`, `pod.gone`…).
    public static func kind(_ name: String) -> EventMatcher {
        EventMatcher(parts: [Part(text: name, kind: name) { c in c.kindName == name ? nil : "is \(c.kindName)" }])
    }

    /// `signal` sent to the selected process (it reaches it in the same millisecond).
    public static func signal(_ signal: Signal, sentTo process: ProcessSelector) -> EventMatcher {
        kind("signal.sent").signal(signal, text: "of \(signal.name)").process(process, text: "to \(process)")
    }

    /// The selected process was killed, by `signal` if given.
    public static func killed(_ process: ProcessSelector, by signal: Signal? = nil) -> EventMatcher {
        let m = kind("process.killed").process(process, text: "of \(process)")
        return signal.map { m.signal($0, text: "by \($0.name)") } ?? m
    }

    /// The kernel discarded `signal` sent to the selected process.
    public static func discarded(_ signal: Signal, by process: ProcessSelector) -> EventMatcher {
        kind("signal.discarded").signal(signal, text: "of \(signal.name)").process(process, text: "by \(process)")
    }

    /// The selected process's handler for `signal` ran.
    public static func caught(_ signal: Signal, by process: ProcessSelector) -> EventMatcher {
        kind("signal.caught").signal(signal, text: "of \(signal.name)").process(process, text: "by \(process)")
    }

    /// The selected process exited by itself, with `code` if given.
    public static func exited(_ process: ProcessSelector, code: Int? = nil) -> EventMatcher {
        var m = kind("process.exited").process(process, text: "of \(process)")
        if let code {
            m.parts.append(Part(text: "with code \(code)") { c in
                guard case .exited(let got) = c.event.kind else { return "is not an exit" }
                return got == code ? nil : "with code \(got)"
            })
        }
        return m
    }

    /// The container named `container` ended, with `code` if given.
    public static func containerExited(_ container: String, code: Int? = nil) -> EventMatcher {
        var m = kind("container.exited").container(container)
        if let code {
            m.parts.append(Part(text: "with code \(code)") { c in
                guard case .containerExited(let got, _) = c.event.kind else { return "is not a container exit" }
                return got == code ? nil : "with code \(got)"
            })
        }
        return m
    }

    /// Events that follow `rule` (its stable id is in every event of `--explain`).
    public static func rule(_ rule: Rule) -> EventMatcher { any.rule(rule) }

    // MARK: Narrowing

    /// Only events at exactly `time` of virtual time since the scenario started.
    public func at(_ time: Duration) -> EventMatcher {
        let ms = time.virtualMillis
        return adding("at \(formatDuration(ms))") { c in
            c.event.time == ms ? nil : "at \(formatDuration(c.event.time)), not \(formatDuration(ms))"
        }
    }

    /// Only events from `start` to `end` of virtual time, both included.
    public func between(_ start: Duration, and end: Duration) -> EventMatcher {
        let lo = start.virtualMillis, hi = end.virtualMillis
        return adding("between \(formatDuration(lo)) and \(formatDuration(hi))") { c in
            (lo...hi).contains(c.event.time) ? nil : "at \(formatDuration(c.event.time))"
        }
    }

    /// Only events about the container named `name`.
    public func container(_ name: String) -> EventMatcher {
        adding("in \(name)") { c in
            let got = c.event.container.map { c.timeline.containers[$0].name }
            return got == name ? nil : "in \(got ?? "no container")"
        }
    }

    /// Only events about the selected process.
    public func process(_ process: ProcessSelector) -> EventMatcher { self.process(process, text: "of \(process)") }

    /// Only events involving `signal`.
    public func signal(_ signal: Signal) -> EventMatcher { self.signal(signal, text: "of \(signal.name)") }

    /// Only events that follow `rule`.
    public func rule(_ rule: Rule) -> EventMatcher {
        adding("by rule \(rule.id)") { c in c.event.rule == rule ? nil : "by rule \(c.event.rule.id)" }
    }

    /// Events that meet this matcher and `other`.
    public func and(_ other: EventMatcher) -> EventMatcher { EventMatcher(parts: parts + other.parts) }

    func process(_ process: ProcessSelector, text: String) -> EventMatcher {
        adding(text) { c in
            guard let i = c.event.process else { return "about no process" }
            return process.test(c.timeline, i, c.index) ? nil : "\(text.split(separator: " ").first ?? "of") \(c.words.processName(i, atEvent: c.index))"
        }
    }

    func signal(_ signal: Signal, text: String) -> EventMatcher {
        adding(text) { c in
            guard let s = c.event.signal else { return "with no signal" }
            return s == signal ? nil : "\(text.split(separator: " ").first ?? "of") \(s.name)"
        }
    }

    func adding(_ text: String, _ mismatch: @escaping @Sendable (EventContext) -> String?) -> EventMatcher {
        EventMatcher(parts: parts + [Part(text: text, mismatch: mismatch)])
    }

    /// Whether the event meets every part.
    func matches(_ c: EventContext) -> Bool { parts.allSatisfy { $0.mismatch(c) == nil } }

    /// What the event has instead of the one part it misses; nil when it misses none or several.
    func nearMiss(_ c: EventContext) -> String? {
        guard parts.count > 1 else { return nil }
        var miss: String? = nil
        for p in parts {
            if let m = p.mismatch(c) {
                if miss != nil { return nil }
                miss = m
            }
        }
        return miss
    }
}

/// An event seen by a matcher: the timeline, its index and the words for it.
struct EventContext {
    let timeline: Timeline
    let words: EventText
    let index: Int
    var event: TimelineEvent { timeline.events[index] }
    var kindName: String { words.kindName(event.kind) }
}
