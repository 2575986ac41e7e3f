import PodTerm

/// Draws the whole player screen for one state and moment into a grid: header, lanes,
/// process tree and event log side by side, the explanation, damage counters, key hints,
/// and any overlay on top. Below 80×24 it draws only the "terminal too small" message.
public struct PlayerLayout {
    public let timeline: Timeline
    public let spans: LaneSpans
    public let words: EventText
    public var glyphs: Glyphs
    /// Events to mark as changed (a what-if or a side-by-side run), by index; nil: none.
    public var marks: [Bool]?
    /// The time axis's end when two runs share one axis (side by side); nil: this run's end.
    public var sharedAxisEnd: Millis?

    /// Prepares the drawing of `timeline` (its lanes are computed once here).
    public init(timeline: Timeline, glyphs: Glyphs = .unicode) {
        self.timeline = timeline
        spans = LaneSpans(timeline)
        words = EventText(timeline)
        self.glyphs = glyphs
    }

    /// The frame for `state` at `moment`, `rows` × `cols`.
    public func draw(_ state: PlayerState, _ moment: PlayerMoment, rows: Int, cols: Int) -> Grid {
        var g = Grid(rows: rows, cols: cols)
        if let message = TUIAvailability.check(rows: rows, cols: cols).message {
            Self.drawTooSmall(&g, message)
            return g
        }
        var row = 0
        HeaderPane(layout: self).draw(&g, state, moment, row: 0)
        row += 3
        let extraRows = rows - 24
        let maxLanes = max(1, min(timeline.containers.count, 2 + extraRows / 3))
        row = LanesPane(layout: self).draw(&g, state, moment, row: row, lanes: maxLanes)
        let explainLines = min(3 + max(0, extraRows / 4), 8)
        let bottom = 1 + explainLines + 2
        let midHeight = rows - row - bottom
        let treeWidth = cols < 100 ? 36 : cols * 2 / 5
        let selected = TreePane(layout: self).draw(&g, state, moment, Rect(row: row, col: 0, height: midHeight, width: treeWidth))
        LogPane(layout: self).draw(&g, state, Rect(row: row, col: treeWidth + 1, height: midHeight, width: cols - treeWidth - 1))
        for y in row..<(row + midHeight) { g.fill(y, treeWidth, 1, glyphs.vertical, .role(.muted)) }
        row += midHeight
        let below = Rect(row: row, col: 0, height: 1 + explainLines, width: cols)
        if state.focus == .tree, let p = selected {
            ProcessDetail.draw(&g, moment.processes[p], moment, below, glyphs: glyphs)
        } else {
            ExplanationPane(layout: self).draw(&g, state, below)
        }
        row += 1 + explainLines
        DamagePane.draw(&g, moment, row: row, cols: cols)
        drawKeyHints(&g, state, row: rows - 1)
        Overlays(layout: self).draw(&g, state)
        return g
    }

    /// The one-line key reminder at the bottom (or the filter being typed).
    func drawKeyHints(_ g: inout Grid, _ state: PlayerState, row: Int) {
        if state.editingFilter {
            g.put(row, 0, "filter the log: \(state.filter)_   Enter keep · Esc clear", .role(.accent, bold: true))
            return
        }
        let hints = g.cols >= 110
            ? "space play/pause  ←→ step  [ ] key moment  g G start/end  + - speed  Tab pane  Enter why  / filter  s story  ? help  q quit"
            : "space play  ←→ step  [] key  +- speed  Tab  Enter why  / filter  ? help  q quit"
        g.put(row, 0, glyphs == .ascii ? hints.replacingOccurrences(of: "←→", with: "<>") : hints, .role(.muted))
    }

    /// The plain message for a terminal below 80×24, centred as far as it fits.
    static func drawTooSmall(_ g: inout Grid, _ message: String) {
        let width = max(1, min(g.cols - 2, 60))
        let lines = Text.wrap(message, width: width)
        let top = max(0, (g.rows - lines.count) / 2)
        for (i, l) in lines.enumerated() { g.put(top + i, max(0, (g.cols - l.count) / 2), l, .bold) }
        if top + lines.count + 1 < g.rows { g.put(top + lines.count + 1, max(0, (g.cols - 8) / 2), "q: quit", .role(.muted)) }
    }

    /// The column of time `t` on an axis of `width` cells starting at `col`.
    func column(_ t: Millis, col: Int, width: Int) -> Int {
        let end = max(1, axisEnd)
        let c = Int((Int64(min(max(t, 0), end).ms) * Int64(width - 1)) / Int64(end.ms))
        return col + c
    }

    var axisEnd: Millis { sharedAxisEnd ?? max(timeline.endedAt, timeline.events.last?.time ?? 0) }

    /// Whether event `i` is marked as changed.
    func marked(_ i: Int) -> Bool { marks.map { $0.indices.contains(i) && $0[i] } ?? false }
}
