import PodTerm

/// One lane per container (sidecars marked) with its phases as spans up to now, a time axis
/// with the endpoint marks, and the cursor at the current moment.
struct LanesPane {
    let layout: PlayerLayout

    /// Draws from `row`; returns the row after the pane.
    func draw(_ g: inout Grid, _ s: PlayerState, _ m: PlayerMoment, row: Int, lanes maxLanes: Int) -> Int {
        let glyphs = layout.glyphs
        let t = layout.timeline
        g.titleRule(row, 0, g.cols, "Containers (\(t.containers.count))", glyphs: glyphs, focused: s.focus == .lanes)
        var y = row + 1
        let labelWidth = min(24, max(12, g.cols / 5))
        let axisCol = labelWidth + 1
        let axisWidth = g.cols - axisCol - 1
        let n = t.containers.count
        let first = n <= maxLanes ? 0 : min(max(0, s.selectedContainer - maxLanes / 2), n - maxLanes)
        let now = layout.column(m.time, col: axisCol, width: axisWidth)
        for c in first..<min(n, first + maxLanes) {
            let cv = m.containers[c]
            let selected = c == s.selectedContainer
            let name = (selected ? "▸" : " ") + cv.name + (cv.isSidecar ? " (sidecar)" : "")
            g.put(y, 0, glyphs == .ascii ? name.replacingOccurrences(of: "▸", with: ">") : name,
                  selected ? .role(.accent, bold: true) : .plain, width: labelWidth)
            for span in layout.spans.lanes[c] where span.from <= m.time {
                drawSpan(&g, span, y: y, now: m.time, axisCol: axisCol, axisWidth: axisWidth)
            }
            g.fill(y, now, 1, glyphs.cursor, .role(.cursor, bold: true))
            y += 1
        }
        // The axis: ticks, marks, cursor.
        g.put(y, 0, "time", .role(.muted), width: labelWidth)
        g.fill(y, axisCol, axisWidth, glyphs.horizontal, .role(.muted))
        let end = layout.axisEnd
        let step = Self.tickStep(end, cells: axisWidth)
        var tick: Millis = 0
        while tick <= end && step > 0 {
            let x = layout.column(tick, col: axisCol, width: axisWidth)
            let label = Text.axis(tick)
            g.fill(y, x, 1, glyphs.tick, .role(.muted))
            if x + 1 + label.count <= axisCol + axisWidth { g.put(y, x + 1, label, .role(.muted)) }
            tick += step
        }
        // A what-if or side by side: a mark on the axis at each changed event so far.
        if layout.marks != nil {
            for (i, e) in t.events.enumerated() where e.time <= m.time && layout.marked(i) {
                g.put(y, layout.column(e.time, col: axisCol, width: axisWidth), "*", CellStyle(bold: true, role: .danger))
            }
        }
        g.fill(y, now, 1, glyphs.cursor, .role(.cursor, bold: true))
        y += 1
        // Below the axis: a mark pointing up at each endpoint change so far, its words after it.
        let passed = layout.spans.marks.filter { $0.at <= m.time }
        if passed.isEmpty {
            g.put(y, axisCol, "\(glyphs.mark) endpoint changes appear here", .role(.muted))
        } else {
            let columns = passed.map { layout.column($0.at, col: axisCol, width: axisWidth) }
            for (k, mark) in passed.enumerated() {
                let x = columns[k]
                let next = columns[(k + 1)...].first { $0 > x } ?? (axisCol + axisWidth + 1)
                g.put(y, x + 1, " \(formatClock(mark.at)) \(mark.label)", .role(.accent), width: max(0, next - x - 2))
            }
            for x in columns { g.fill(y, x, 1, glyphs.mark, .role(.accent, bold: true)) }
        }
        return y + 1
    }

    private func drawSpan(_ g: inout Grid, _ span: LaneSpans.Span, y: Int, now: Millis, axisCol: Int, axisWidth: Int) {
        let glyphs = layout.glyphs
        let x0 = layout.column(span.from, col: axisCol, width: axisWidth)
        let x1 = layout.column(min(span.to ?? now, now), col: axisCol, width: axisWidth)
        switch span.kind {
        case .running:
            g.fill(y, x0, max(1, x1 - x0), glyphs.full, .role(.good))
        case .preStop:
            g.fill(y, x0, max(1, x1 - x0), glyphs.shade, .role(.warning))
            g.put(y, x0, "preStop", CellStyle(bold: true, role: .warning), width: max(0, x1 - x0))
        case .draining(let sig):
            g.fill(y, x0, max(1, x1 - x0), glyphs.empty, .role(.warning))
            g.put(y, x0, sig.name, CellStyle(bold: true, role: .warning), width: max(0, x1 - x0))
        case .restarting:
            g.fill(y, x0, max(1, x1 - x0), "r", .role(.muted))
        case .exited(let code, let sigkilled):
            let label = sigkilled ? "SIGKILL \(code)" : "exit \(code)"
            let style = sigkilled ? CellStyle(bold: true, reverse: true, role: .danger) : CellStyle(bold: true, role: .accent)
            // A mark at the exit (where the cursor may sit), the label after it when it fits, else before.
            g.fill(y, x0, 1, sigkilled ? "X" : glyphs.vertical, style)
            let start = x0 + 1 + label.count <= axisCol + axisWidth ? x0 + 1 : max(axisCol, x0 - label.count)
            g.put(y, start, label, style, width: axisCol + axisWidth - start)
        }
    }

    /// A round tick interval that puts about one label every 10 cells.
    static func tickStep(_ end: Millis, cells: Int) -> Millis {
        let target = max(1, cells / 10)
        for s: Millis in [100, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000] where end / s <= target {
            return s
        }
        return max(1, end / target)
    }
}
