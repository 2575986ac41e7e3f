import PodTerm

/// What the player says of one process at the moment: its dispositions of the signals that
/// matter (blocked ones marked), the last signal it was sent and what became of it, and how
/// it ended. Shown under the tree when it has the focus, in the explanation's place.
enum ProcessDetail {
    /// The signals whose dispositions decide how a container stops; USR1 and USR2 only when
    /// the program set them (nginx, supervisord use them).
    static let alwaysShown: [Signal] = [.term, .int, .quit, .hup, .chld]
    static let shownWhenSet: [Signal] = [.usr1, .usr2]

    /// The signals that matter for `p`, in order: the five always, USR1 and USR2 when set.
    static func shown(_ p: ProcessState) -> [Signal] {
        alwaysShown + shownWhenSet.filter { p.dispositions[$0] != .default || p.blocked.contains($0) }
    }

    /// `handler TERM INT · ignore HUP · default QUIT CHLD*  (* blocked)`: every signal that
    /// matters, grouped by disposition, a blocked one starred.
    static func dispositions(_ p: ProcessState) -> String {
        let signals = shown(p)
        var groups: [String] = []
        for d in [SignalDisposition.handler, .ignore, .default] {
            let names = signals.filter { p.dispositions[$0] == d }.map { $0.shortName + (p.blocked.contains($0) ? "*" : "") }
            if !names.isEmpty { groups.append(word(d) + " " + names.joined(separator: " ")) }
        }
        return groups.joined(separator: " · ") + (signals.contains { p.blocked.contains($0) } ? "  (* blocked)" : "")
    }

    /// The signals that do not keep their default, for a tree row: `h:TERM,INT i:HUP b:TERM`.
    static func compactDispositions(_ p: ProcessState) -> String {
        let all = alwaysShown + shownWhenSet
        var parts: [String] = []
        let caught = all.filter { p.dispositions[$0] == .handler }.map(\.shortName)
        let ignored = all.filter { p.dispositions[$0] == .ignore }.map(\.shortName)
        let blocked = all.filter { p.blocked.contains($0) }.map(\.shortName)
        if !caught.isEmpty { parts.append("h:" + caught.joined(separator: ",")) }
        if !ignored.isEmpty { parts.append("i:" + ignored.joined(separator: ",")) }
        if !blocked.isEmpty { parts.append("b:" + blocked.joined(separator: ",")) }
        return parts.joined(separator: " ")
    }

    static func word(_ d: SignalDisposition) -> String {
        switch d {
        case .default: return "default"
        case .ignore: return "ignore"
        case .handler: return "handler"
        }
    }

    /// The last signal sent to `p` and its fate so far.
    static func lastSignal(_ p: ProcessState, _ m: PlayerMoment) -> String {
        guard let last = p.lastSignal else { return "last signal: none yet" }
        let pending = p.pendingEntries.last == p.received.count - 1
        let fate: String = switch last.fate {
            case _ where pending: "pending (not delivered yet)"
            case .caught: p.blocked.contains(last.signal) ? "taken (blocked, sigwait)" : "caught by its handler"
            case .killed: "killed it"
            case .discarded(let why): "discarded: " + discardWords(why)
        }
        return "last signal: \(last.signal.name) from \(origin(last.origin, m)) at \(formatClock(last.at)) → \(fate)"
    }

    static func discardWords(_ r: DiscardReason) -> String {
        switch r {
        case .pid1Default: return "PID 1 with the default disposition"
        case .ignored: return "set to ignore"
        case .defaultIgnore: return "its default is to ignore"
        case .deadTarget: return "it had already exited"
        case .alreadyPending: return "already pending"
        case .dying: return "it was already dying"
        case .ignoredAtDequeue: return "queued, then ignored at dequeue"
        case .pid1DroppedAtUnblock: return "queued while blocked, dropped at unblock (PID 1, no handler)"
        }
    }

    static func origin(_ o: SignalOrigin, _ m: PlayerMoment) -> String {
        switch o {
        case .runtime: return "the runtime"
        case .namespaceTeardown: return "the kernel (namespace teardown)"
        case .oomKiller: return "the OOM killer"
        case .node: return "someone on the node, by hand"
        case .timer: return "its timer"
        case .process(let i):
            guard m.processes.indices.contains(i) else { return "a process" }
            return "\(m.processes[i].name)[\(m.processes[i].pid)]"
        }
    }

    /// How `p` ended, if it did, and whether its status was collected.
    static func ending(_ p: ProcessState, _ m: PlayerMoment) -> String {
        guard let end = p.end else { return "still running" }
        var text = switch end.status {
            case .exited(let code): "ended: exit \(code) at \(formatClock(end.at))"
            case .signaled(let s): "ended: killed by \(s.name)" + (end.killedBy.map { " from " + origin($0, m) } ?? "") + " at \(formatClock(end.at))"
        }
        switch p.status {
        case .zombie: text += "; a zombie until its parent collects it"
        case .reaped: text += "; collected at \(formatClock(p.reapedAt ?? end.at))" + (p.reapedByParent ? " by its parent" : "")
        default: break
        }
        return text
    }

    /// The detail's lines for `p`, wrapped to `width`.
    static func lines(_ p: ProcessState, _ m: PlayerMoment, width: Int) -> [(text: String, style: CellStyle)] {
        var out: [(String, CellStyle)] = []
        out += Text.wrap(ending(p, m), width: width).map { ($0, CellStyle.role(p.end == nil ? .good : .danger, bold: true)) }
        out += Text.wrap("signals: " + dispositions(p), width: width).map { ($0, .plain) }
        out += Text.wrap(lastSignal(p, m), width: width).map { ($0, .plain) }
        out += Text.wrap("argv: " + p.argv.joined(separator: " "), width: width).map { ($0, CellStyle.role(.muted)) }
        return out.map { (text: $0.0, style: $0.1) }
    }

    static func draw(_ g: inout Grid, _ p: ProcessState, _ m: PlayerMoment, _ r: Rect, glyphs: Glyphs) {
        guard r.height > 1 else { return }
        g.titleRule(r.row, r.col, r.width, "Process \(p.name)[\(p.pid)]", glyphs: glyphs)
        for (k, l) in lines(p, m, width: r.width - 1).prefix(r.height - 1).enumerated() {
            g.put(r.row + 1 + k, r.col + 1, l.text, l.style, width: r.width - 1)
        }
    }
}
