/// Renders a `TimelineDiff` for people (`text`) and for programs (`json`, schema
/// `podterm.diff/v1`): the events that differ, then the outcome figures that differ.
///
/// Only differing events are printed; `~` marks a moved or changed event (A's time → B's
/// time, and B's words), `-` an event only A has, `+` one only B has.
public struct DiffRender {
    /// The JSON schema's name.
    public static let schema = "podterm.diff/v1"

    /// What a side of the comparison was: a scenario's name and the `--set`s applied to it.
    public struct Side: Sendable {
        public var label: String
        public var file: String
        public var settings: [String]
        /// Creates one.
        public init(label: String, file: String, settings: [String]) {
            self.label = label
            self.file = file
            self.settings = settings
        }

        var title: String { ([label] + settings.map { "--set " + $0 }).joined(separator: " ") }
    }

    public let diff: TimelineDiff
    public let a: Timeline, b: Timeline
    public let sideA: Side, sideB: Side

    /// Prepares the rendering of `diff`, the diff of `a` and `b`.
    public init(_ diff: TimelineDiff, a: Timeline, b: Timeline, sideA: Side, sideB: Side) {
        self.diff = diff
        self.a = a
        self.b = b
        self.sideA = sideA
        self.sideB = sideB
    }

    /// The text, ending with a newline.
    public func text() -> String {
        let wa = EventText(a), wb = EventText(b)
        var out = "podterm diff\n  A: \(sideA.title)\n  B: \(sideB.title)\n"
        if diff.isEqual { return out + "same: no event and no outcome figure differs\n" }
        let c = diff.counts
        out += "events: \(c.moved) moved, \(c.changed) changed, \(c.removed) only in A, \(c.added) only in B\n"
        for ch in diff.changes where ch.differs {
            switch ch {
            case .moved(let i, let j), .changed(let i, let j):
                let e = b.events[j]
                let times = a.events[i].time == e.time ? formatClock(e.time) : "\(formatClock(a.events[i].time)) → \(formatClock(e.time))"
                var line = "  ~ \(times)  \(wb.actorName(e.actor, atEvent: j))  \(wb.containerName(e))  \(wb.message(e, atEvent: j))"
                let old = wa.message(a.events[i], atEvent: i)
                if old != wb.message(e, atEvent: j) { line += "  (A: \(old))" }
                out += line + "\n"
            case .removed(let i):
                let e = a.events[i]
                out += "  - \(formatClock(e.time))  \(wa.actorName(e.actor, atEvent: i))  \(wa.containerName(e))  \(wa.message(e, atEvent: i))\n"
            case .added(let j):
                let e = b.events[j]
                out += "  + \(formatClock(e.time))  \(wb.actorName(e.actor, atEvent: j))  \(wb.containerName(e))  \(wb.message(e, atEvent: j))\n"
            case .same: break
            }
        }
        if diff.figures.isEmpty {
            out += "outcome: the same\n"
        } else {
            out += "outcome:\n"
            let width = diff.figures.map(\.name.count).max() ?? 0
            for f in diff.figures {
                out += "  " + f.name + String(repeating: " ", count: width - f.name.count) + "  "
                    + (f.a?.description ?? "(absent)") + " → " + (f.b?.description ?? "(absent)") + "\n"
            }
        }
        return out
    }

    /// The JSON document (`podterm.diff/v1`), ending with a newline.
    public func json() -> String {
        let wa = EventText(a), wb = EventText(b)
        func side(_ s: Side) -> PrettyJSON {
            .object([("scenario", .string(s.label)), ("file", .string(s.file)), ("set", .strings(s.settings))])
        }
        func event(_ t: Timeline, _ w: EventText, _ i: Int) -> PrettyJSON {
            let e = t.events[i]
            return .members([
                ("index", .int(i)), ("timeMs", .int(e.time)), ("who", .string(w.actorName(e.actor, atEvent: i))),
                ("container", .string(w.containerName(e))), ("kind", .string(w.kindName(e.kind))), ("rule", .string(e.rule.id)),
                ("what", .string(w.message(e, atEvent: i))),
            ])
        }
        var events: [PrettyJSON] = []
        for ch in diff.changes where ch.differs {
            let name: String = switch ch {
            case .moved: "moved"
            case .changed: "changed"
            case .removed: "removed"
            case .added: "added"
            case .same: "same"
            }
            events.append(.members([
                ("change", .string(name)), ("a", ch.a.map { event(a, wa, $0) }), ("b", ch.b.map { event(b, wb, $0) }),
            ]))
        }
        let figures: [PrettyJSON] = diff.figures.map { f in
            .members([("name", .string(f.name)), ("a", f.a.map { .string($0.description) } ?? .null), ("b", f.b.map { .string($0.description) } ?? .null)])
        }
        let c = diff.counts
        let doc: PrettyJSON = .object([
            ("schema", .string(Self.schema)), ("a", side(sideA)), ("b", side(sideB)), ("equal", .bool(diff.isEqual)),
            ("counts", .object([("moved", .int(c.moved)), ("changed", .int(c.changed)), ("removed", .int(c.removed)), ("added", .int(c.added))])),
            ("events", .array(events)), ("figures", .array(figures)),
        ])
        return doc.render() + "\n"
    }
}
