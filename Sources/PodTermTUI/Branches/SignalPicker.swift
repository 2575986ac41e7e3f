import PodTerm

/// The `k` list (as in htop): the signals that can be sent by hand to the selected process,
/// each with what it would do to that process at this moment, from the kernel's own send-time
/// checks (`SendCheck`: its disposition, blocked mask, the PID 1 rule, whether it already
/// exited); and, for the highlighted one, what then happens, from a run of that branch.
public struct SignalPickerState: Sendable {
    /// One row: a signal and the kernel's verdict.
    public struct Row: Sendable, Equatable {
        public let signal: Signal
        public let check: SendCheck
    }

    /// The process (index into the timeline's processes), its words, and the moment.
    public let process: Int
    public let title: String
    public let facts: [String]
    public let time: Millis
    /// The signals, the usual ones first.
    public let rows: [Row]
    /// The highlighted row.
    public var selected = 0
    /// What happens after the highlighted signal, by signal number (filled by `preview`).
    public var previews: [Int: [String]] = [:]

    /// The signals in the order listed: the ones people send first, then the others by number.
    public static let order: [Signal] = {
        let first: [Signal] = [.term, .int, .quit, .hup, .kill, .usr1, .usr2]
        let rest = (1...31).compactMap(Signal.init(rawValue:)).filter { !first.contains($0) && !HandKill.isStopSignal($0) }
        return first + rest
    }()

    /// The picker for process `p` of `timeline` at `time`.
    public init(process p: Int, timeline: Timeline, at time: Millis) {
        let m = timeline.moment(at: time)
        let ps = m.processes[p]
        process = p
        self.time = time
        title = "\(ps.name)[\(ps.pid)] in \(m.containers[ps.container].name) at \(formatClock(time))"
        rows = Self.order.map { Row(signal: $0, check: SendCheck.predict($0, to: ps, origin: .node)) }
        func names(_ s: SignalSet) -> String { s.isEmpty ? "none" : s.signals.map(\.shortName).joined(separator: " ") }
        var f = [
            ps.pid == 1 ? "PID 1 of its namespace: a signal it has no handler for is discarded (kernel.pid1-ignores-default); SIGKILL from the node still kills it"
                : "PID \(ps.pid), not PID 1: a fatal signal left at default kills it (kernel.default-fatal)",
            "handlers: \(names(ps.dispositions.caught)) · ignored: \(names(ps.dispositions.ignored)) · blocked: \(names(ps.blocked))",
        ]
        switch ps.status {
        case .inHandler: f.append("in its handler now (shutting down): a second signal finds it busy")
        case .exited, .zombie, .reaped: f.append("it has already exited: nothing can reach it (kernel.dead-target)")
        case .running: break
        }
        if !ps.pending.isEmpty { f.append("pending: " + ps.pending.map(\.name).joined(separator: " ")) }
        facts = f
    }

    /// The highlighted signal.
    public var signal: Signal { rows[selected].signal }

    /// What the picker asks of its owner after a key.
    public enum Outcome: Equatable, Sendable {
        case send(Signal), cancel
    }

    /// Applies a key: move, Enter sends, Esc or q closes.
    public mutating func handle(_ key: PlayerKey) -> Outcome? {
        switch key {
        case .down, .char("j"): selected = min(selected + 1, rows.count - 1)
        case .up, .char("k"): selected = max(selected - 1, 0)
        case .pageDown: selected = min(selected + 10, rows.count - 1)
        case .pageUp: selected = max(selected - 10, 0)
        case .home, .char("g"): selected = 0
        case .end, .char("G"): selected = rows.count - 1
        case .enter: return .send(signal)
        case .escape, .char("q"), .interrupt: return .cancel
        default: break
        }
        return nil
    }

    /// The first things that happen in `branch` from its last injected action on, in words.
    public static func consequences(of branch: Branch, _ t: Timeline, limit: Int = 4) -> [String] {
        guard let last = branch.injected.last else { return [] }
        let words = EventText(t)
        guard let from = t.events.lastIndex(where: { $0.time == last.at && $0.actor == .node }) else { return [] }
        return t.events[from...].enumerated().lazy.filter { !$0.element.kind.isBookkeeping }.prefix(limit).map { _, e in
            "\(formatClock(e.time)) \(words.actorName(e.actor)): \(words.message(e)) [\(e.rule.id)]"
        }
    }

    /// Fills the preview of the highlighted signal from a run of that branch (once per signal).
    public mutating func preview(_ branches: BranchSet) {
        let s = signal
        guard previews[s.rawValue] == nil else { return }
        do {
            let (b, t) = try branches.preview(s, process: process, at: time)
            previews[s.rawValue] = Self.consequences(of: b, t)
        } catch {
            previews[s.rawValue] = ["this branch cannot run: \(error)"]
        }
    }

    /// Draws the picker as a box over the panes.
    public func draw(_ g: inout Grid, glyphs: Glyphs) {
        let width = min(g.cols - 2, 110)
        let inner = width - 4
        var lines: [(String, CellStyle)] = facts.flatMap { Text.wrap($0, width: inner).map { ($0, CellStyle.role(.muted)) } }
        lines.append(("", .plain))
        let listHeight = max(3, min(rows.count, g.rows - 14 - lines.count))
        let top = min(max(0, selected - listHeight + 1), rows.count - listHeight)
        for (k, row) in rows[top..<(top + listHeight)].enumerated() {
            let name = Text.pad("\(row.signal.name) (\(row.signal.rawValue))", 13)
            let text = "\(name) \(row.check.words(row.signal))  [\(row.check.rule.id)]"
            let role: CellRole = row.check.arrives ? (row.check == .caught || row.check == .pendingBlocked ? .good : .danger) : .muted
            lines.append((text, top + k == selected ? .reverse : .role(role)))
        }
        lines.append(("", .plain))
        lines.append(("then, in this branch:", .bold))
        for l in (previews[signal.rawValue] ?? ["…"]).prefix(4) { lines.append((l, .plain)) }
        lines.append(("↑↓ choose · Enter send it now (a new branch) · Esc cancel", .role(.muted)))
        let height = min(g.rows - 2, lines.count + 2)
        let r = Rect(row: max(0, (g.rows - height) / 2), col: max(0, (g.cols - width) / 2), height: height, width: width)
        let content = g.box(r, title: "Send a signal by hand: \(title)", glyphs: glyphs)
        for (k, l) in lines.prefix(content.height).enumerated() {
            let text = glyphs == .ascii ? l.0.replacingOccurrences(of: "→", with: "->").replacingOccurrences(of: "↑↓", with: "Up/Down") : l.0
            g.put(content.row + k, content.col, text, l.1, width: content.width)
        }
    }
}
