import PodTerm

/// The process tree of the selected container at the current moment: pid, command, state,
/// the last signal and what it did, the dispositions that are not default. Only the
/// visible rows are formatted, so a tree of 10,000 processes scrolls fast.
struct TreePane {
    let layout: PlayerLayout

    /// The rows of the tree in depth-first order: (process index, depth, is last child, ancestors' "last" flags).
    static func order(_ m: PlayerMoment, container: Int) -> [(index: Int, prefix: [Bool])] {
        var children: [Int: [Int]] = [:]
        var roots: [Int] = []
        // The sandbox of a shared PID namespace shows the whole namespace: pause (PID 1) and
        // every container's processes, orphans under pause; each main process is a root (its
        // parent is the shim, outside the namespace).
        let wholeNamespace = m.containers.indices.contains(container) && m.containers[container].isSandbox
        // The latest instance only: a restarted container shows its new processes.
        let instanceStart = wholeNamespace ? 0 : m.processes.lastIndex { $0.container == container && $0.parent == nil } ?? 0
        for (i, p) in m.processes.enumerated() where i >= instanceStart {
            guard wholeNamespace || p.container == container else { continue }
            if let parent = p.parent, parent >= instanceStart, wholeNamespace || m.processes[parent].container == container {
                children[parent, default: []].append(i)
            } else {
                roots.append(i)
            }
        }
        var out: [(Int, [Bool])] = []
        out.reserveCapacity(m.processes.count)
        var stack: [(Int, [Bool])] = roots.reversed().enumerated().map { ($1, [$0 == 0]) }
        while let (i, prefix) = stack.popLast() {
            out.append((i, prefix))
            let kids = children[i] ?? []
            for (k, child) in kids.enumerated().reversed() { stack.append((child, prefix + [k == kids.count - 1])) }
        }
        return out.map { (index: $0.0, prefix: $0.1) }
    }

    /// The selected process (index into `m.processes`), if the tree has any row.
    static func selected(_ s: PlayerState, _ m: PlayerMoment) -> Int? {
        let rows = order(m, container: s.selectedContainer)
        return rows.isEmpty ? nil : rows[min(s.treeRow, rows.count - 1)].index
    }

    /// Draws the tree; returns the selected process (index into `m.processes`), if any.
    @discardableResult
    func draw(_ g: inout Grid, _ s: PlayerState, _ m: PlayerMoment, _ r: Rect) -> Int? {
        guard r.height > 1, m.containers.indices.contains(s.selectedContainer) else { return nil }
        let glyphs = layout.glyphs
        let rows = Self.order(m, container: s.selectedContainer)
        g.titleRule(r.row, r.col, r.width, "Processes: \(m.containers[s.selectedContainer].name) (\(rows.count))",
                    glyphs: glyphs, focused: s.focus == .tree)
        let visible = r.height - 1
        if rows.isEmpty {
            g.put(r.row + 1, r.col + 1, "no process yet", .role(.muted), width: r.width - 1)
            return nil
        }
        let selected = min(s.treeRow, rows.count - 1)
        let top = min(max(0, selected - visible + 1), max(0, rows.count - visible))
        for (k, entry) in rows[top..<min(rows.count, top + visible)].enumerated() {
            let y = r.row + 1 + k
            let p = m.processes[entry.index]
            var branch = ""
            if entry.prefix.count > 1 {
                for last in entry.prefix.dropFirst().dropLast() { branch += last ? "   " : glyphs.pipe }
                branch += entry.prefix.last! ? glyphs.lastBranch : glyphs.branch
            }
            let (state, role) = Self.status(p)
            var text = branch + "\(p.name)[\(p.pid)] "
            let isSelected = s.focus == .tree && top + k == selected
            var col = g.put(y, r.col, text, isSelected ? .reverse : .plain, width: r.width)
            col = g.put(y, col, state, CellStyle(bold: role != .good, reverse: isSelected, role: role), width: r.col + r.width - col)
            text = ""
            if let last = p.lastSignal {
                let pending = p.pendingEntries.last == p.received.count - 1
                text += " \(last.signal.shortName)" + (glyphs == .ascii ? "->" : "→") + Self.fate(pending ? nil : last.fate)
            }
            let d = ProcessDetail.compactDispositions(p)
            if !d.isEmpty { text += "  " + d }
            g.put(y, col, text, isSelected ? .reverse : .role(.muted), width: r.col + r.width - col)
        }
        if rows.count > visible {
            let info = " \(top + 1)-\(min(rows.count, top + visible))/\(rows.count) "
            g.put(r.row, r.col + r.width - info.count - 1, info, .role(.muted))
        }
        return rows[selected].index
    }

    static func status(_ p: ProcessState) -> (String, CellRole) {
        let end = p.end.map { waitText($0.status) } ?? "?"
        switch p.status {
        case .running: return ("running", .good)
        case .inHandler(let until): return ("in handler" + (until.map { " until \(formatClock($0))" } ?? ""), .warning)
        case .exited: return ("dead (\(end))", .danger)
        case .zombie: return ("zombie (\(end))", .warning)
        case .reaped: return ("dead (\(end))", .muted)
        }
    }

    static func waitText(_ w: WaitStatus) -> String {
        switch w {
        case .exited(let c): return "exit \(c)"
        case .signaled(let s): return s.name
        }
    }

    static func fate(_ f: SignalFate?) -> String {
        switch f {
        case nil: return "pending"
        case .caught: return "caught"
        case .killed: return "fatal"
        case .discarded: return "discarded"
        }
    }
}
