import PodTerm

/// Two runs in one screen: A's lanes above B's on one time axis, the events that differ
/// marked in both and listed between them, both outcomes at the bottom.
///
/// Reusable for any two runs: a what-if against its original, a pair of built-in scenarios,
/// a branch against its original. `SideBySideState` is the cursor; `draw` makes the frame.
public struct SideBySideLayout {
    public let a: Timeline, b: Timeline
    public let titleA: String, titleB: String
    public let diff: TimelineDiff
    let layoutA: PlayerLayout, layoutB: PlayerLayout
    let adapterA: MomentAdapter, adapterB: MomentAdapter
    /// The times of the differing events, sorted, once each (← and → step through them).
    public let stops: [Millis]
    /// The end of the shared axis.
    public let end: Millis

    /// Prepares the screen of `a` against `b`.
    public init(a: Timeline, b: Timeline, titleA: String, titleB: String, glyphs: Glyphs = .unicode) {
        self.a = a
        self.b = b
        self.titleA = titleA
        self.titleB = titleB
        let d = TimelineDiff(a, b)
        diff = d
        let end = max(a.endedAt, b.endedAt, a.events.last?.time ?? 0, b.events.last?.time ?? 0)
        self.end = end
        var la = PlayerLayout(timeline: a, glyphs: glyphs), lb = PlayerLayout(timeline: b, glyphs: glyphs)
        la.marks = d.differsInA
        lb.marks = d.differsInB
        la.sharedAxisEnd = end
        lb.sharedAxisEnd = end
        layoutA = la
        layoutB = lb
        adapterA = MomentAdapter(a)
        adapterB = MomentAdapter(b)
        var times: Set<Millis> = [0, end]
        for c in d.changes where c.differs {
            if let i = c.a { times.insert(a.events[i].time) }
            if let j = c.b { times.insert(b.events[j].time) }
        }
        stops = times.sorted()
    }

    /// The frame at `state`'s time, `rows` × `cols`.
    public func draw(_ state: SideBySideState, rows: Int, cols: Int) -> Grid {
        var g = Grid(rows: rows, cols: cols)
        if let message = TUIAvailability.check(rows: rows, cols: cols).message {
            PlayerLayout.drawTooSmall(&g, message)
            return g
        }
        let glyphs = layoutA.glyphs
        let c = diff.counts
        g.put(0, 0, "Side by side at \(formatClock(state.time))", .bold)
        g.put(0, 24, diff.isEqual ? "the two runs are the same" : "\(c.moved) moved · \(c.changed) changed · \(c.removed) only in A · \(c.added) only in B (marked *)",
              .role(.muted), width: cols - 24)
        let lanes = max(1, min(max(a.containers.count, b.containers.count), (rows - 17) / 2))
        var row = 1
        for (layout, adapter, label) in [(layoutA, adapterA, "A: " + titleA), (layoutB, adapterB, "B: " + titleB)] {
            var s = PlayerState(timeline: layout.timeline)
            s.seek(time: state.time)
            let top = row
            row = LanesPane(layout: layout).draw(&g, s, adapter.moment(for: s), row: row, lanes: lanes)
            g.titleRule(top, 0, cols, label, glyphs: glyphs, focused: true)
        }
        let outcomeRows = min(6, 2 + (diff.figures.count + 1) / 2)
        let listBottom = rows - 1 - outcomeRows
        drawDifferences(&g, state, Rect(row: row, col: 0, height: listBottom - row, width: cols))
        drawOutcomes(&g, Rect(row: listBottom, col: 0, height: outcomeRows, width: cols))
        let keys = "←→ next / previous difference · g G start / end · q Esc back"
        g.put(rows - 1, 0, glyphs == .ascii ? keys.replacingOccurrences(of: "←→", with: "<>") : keys, .role(.muted))
        return g
    }

    /// The differing events, those up to now in bold, the list scrolled to keep the last of them.
    private func drawDifferences(_ g: inout Grid, _ state: SideBySideState, _ r: Rect) {
        guard r.height > 1 else { return }
        g.titleRule(r.row, 0, r.width, "Events that differ", glyphs: layoutA.glyphs)
        let wa = layoutA.words, wb = layoutB.words
        var lines: [(String, Millis)] = []
        for ch in diff.changes where ch.differs {
            switch ch {
            case .moved(let i, let j), .changed(let i, let j):
                let e = b.events[j]
                let t = a.events[i].time == e.time ? formatClock(e.time) : "\(formatClock(a.events[i].time)) → \(formatClock(e.time))"
                lines.append(("~ \(t) \(wb.actorName(e.actor, atEvent: j)) \(wb.message(e, atEvent: j))", min(a.events[i].time, e.time)))
            case .removed(let i):
                let e = a.events[i]
                lines.append(("A \(formatClock(e.time)) \(wa.actorName(e.actor, atEvent: i)) \(wa.message(e, atEvent: i))", e.time))
            case .added(let j):
                let e = b.events[j]
                lines.append(("B \(formatClock(e.time)) \(wb.actorName(e.actor, atEvent: j)) \(wb.message(e, atEvent: j))", e.time))
            case .same: break
            }
        }
        if lines.isEmpty {
            g.put(r.row + 1, 1, "no event differs", .role(.muted))
            return
        }
        let visible = r.height - 1
        let passed = lines.lastIndex { $0.1 <= state.time } ?? 0
        let top = min(max(0, passed - visible + 2), max(0, lines.count - visible))
        for (k, l) in lines[top..<min(lines.count, top + visible)].enumerated() {
            let now = l.1 <= state.time
            g.put(r.row + 1 + k, 1, l.0, now ? CellStyle(bold: true, role: l.0.hasPrefix("A") ? .danger : l.0.hasPrefix("B") ? .good : .warning) : .role(.muted),
                  width: r.width - 2)
        }
    }

    /// Both outcomes: each figure that differs, A's value and B's.
    private func drawOutcomes(_ g: inout Grid, _ r: Rect) {
        g.titleRule(r.row, 0, r.width, "Outcome: A → B", glyphs: layoutA.glyphs)
        if diff.figures.isEmpty {
            g.put(r.row + 1, 1, "the same outcome", .role(.muted))
            return
        }
        let half = (r.width - 2) / 2
        let items = diff.figures.map { "\($0.name): \($0.a?.description ?? "–") → \($0.b?.description ?? "–")" }
        for k in 0..<min(r.height - 1, (items.count + 1) / 2) {
            let left = items[2 * k], right = 2 * k + 1 < items.count ? items[2 * k + 1] : ""
            g.put(r.row + 1 + k, 1, Text.pad(left, half) + " " + right, .plain, width: r.width - 2)
        }
    }
}

/// Where the side-by-side screen is: a time on the shared axis.
public struct SideBySideState: Sendable {
    public private(set) var time: Millis = 0
    /// Set by q and Esc: back to where it was opened from.
    public private(set) var closed = false
    /// Set by Ctrl-C.
    public private(set) var interrupted = false

    /// At the start.
    public init() {}

    /// Jumps to `t`.
    public mutating func seek(_ t: Millis) { time = max(0, t) }

    /// Applies one key.
    public mutating func handle(_ key: PlayerKey, _ layout: SideBySideLayout) {
        switch key {
        case .right, .char("l"), .char(" "), .char("]"): time = layout.stops.first { $0 > time } ?? layout.end
        case .left, .char("h"), .char("["): time = layout.stops.last { $0 < time } ?? 0
        case .char("g"), .home: time = 0
        case .char("G"), .end: time = layout.end
        case .char("q"), .escape, .char("d"): closed = true
        case .interrupt: interrupted = true
        default: break
        }
    }
}
