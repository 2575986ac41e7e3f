import PodTerm

/// The event log up to now (filtered by `/`), the current event highlighted, the log's
/// selection in reverse when the pane has the focus.
struct LogPane {
    let layout: PlayerLayout

    func draw(_ g: inout Grid, _ s: PlayerState, _ r: Rect) {
        guard r.height > 1 else { return }
        let events = s.logEvents(layout.words)
        var title = "Events \(events.count)/\(layout.timeline.events.count)"
        if !s.filter.isEmpty { title += " · filter \"\(s.filter)\"" }
        g.titleRule(r.row, r.col, r.width, title, glyphs: layout.glyphs, focused: s.focus == .log)
        let visible = r.height - 1
        if events.isEmpty {
            g.put(r.row + 1, r.col + 1, s.cursor == 0 ? "nothing has happened yet: → steps, space plays" : "no event matches the filter",
                  .role(.muted), width: r.width - 1)
            return
        }
        let focusEvent = s.explainedEvent ?? events.last!
        let at = Self.position(of: focusEvent, in: events)
        let top = min(max(0, at - visible + 1), max(0, events.count - visible))
        for (k, i) in events[top..<min(events.count, top + visible)].enumerated() {
            let e = layout.timeline.events[i]
            let y = r.row + 1 + k
            let current = i == s.currentEvent
            let selected = s.logSelection == i
            let base: CellStyle = selected ? CellStyle(reverse: true, underline: true, role: .accent)
                : current ? CellStyle(bold: true, reverse: true, role: .cursor) : .plain
            g.fill(y, r.col, r.width, " ", base)
            var col = g.put(y, r.col, formatClock(e.time) + " ", base.reverse ? base : .role(.muted), width: r.width)
            if layout.marked(i) { col = g.put(y, col, "* ", base.reverse ? base : CellStyle(bold: true, role: .danger), width: r.col + r.width - col) }
            let actor = layout.words.actorName(e.actor, atEvent: i)
            col = g.put(y, col, actor + " ", base.reverse ? base : CellStyle(bold: true, role: Self.role(e)), width: r.col + r.width - col)
            g.put(y, col, layout.words.message(e, atEvent: i), base, width: r.col + r.width - col)
        }
    }

    /// Index in `events` (sorted) of `event`, or of the last one before it.
    static func position(of event: Int, in events: [Int]) -> Int {
        var lo = 0, hi = events.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if events[mid] <= event { lo = mid + 1 } else { hi = mid }
        }
        return max(0, lo - 1)
    }

    static func role(_ e: TimelineEvent) -> CellRole {
        switch e.kind {
        case .killedBySignal, .oomKill, .namespaceTeardown, .requestsCut, .kafkaDied, .outboundBroken: return .danger
        case .signalSent: return e.signal == .kill ? .danger : .warning
        case .containerExited, .podGone: return .accent
        default: return .plain
        }
    }
}

/// Below the panes: the explained event (the log's selection, else the current one) with its
/// rule id, the rule's one-sentence reason and its source.
struct ExplanationPane {
    let layout: PlayerLayout

    func draw(_ g: inout Grid, _ s: PlayerState, _ r: Rect) {
        guard r.height > 1 else { return }
        guard let i = s.explainedEvent else {
            g.titleRule(r.row, r.col, r.width, "Why", glyphs: layout.glyphs)
            g.put(r.row + 1, r.col + 1, s.summary, .plain, width: r.width - 1)
            return
        }
        let e = layout.timeline.events[i]
        g.titleRule(r.row, r.col, r.width, "Why: rule \(e.rule.id)", glyphs: layout.glyphs)
        let lines = Self.lines(layout, i, width: r.width - 1)
        for (k, l) in lines.prefix(r.height - 1).enumerated() {
            g.put(r.row + 1 + k, r.col + 1, l.text, l.style, width: r.width - 1)
        }
    }

    /// The explanation of event `i`: what happened, the rule's reason, its source, wrapped.
    static func lines(_ layout: PlayerLayout, _ i: Int, width: Int) -> [(text: String, style: CellStyle)] {
        let e = layout.timeline.events[i]
        var out: [(String, CellStyle)] = []
        let what = "\(formatClock(e.time)) \(layout.words.actorName(e.actor, atEvent: i)): \(layout.words.message(e, atEvent: i))"
        out += Text.wrap(what, width: width).map { ($0, CellStyle.bold) }
        out += Text.wrap("why: " + e.rule.reason, width: width).map { ($0, CellStyle.plain) }
        out += Text.wrap("source: " + e.rule.source, width: width).map { ($0, CellStyle.role(.muted)) }
        return out.map { (text: $0.0, style: $0.1) }
    }
}

/// One row: each workload's counters at the moment's time (or, for Poisson traffic between
/// two changes, as of the last one, marked so).
enum DamagePane {
    static func draw(_ g: inout Grid, _ m: PlayerMoment, row: Int, cols: Int) {
        var col = g.put(row, 0, "Damage: ", .bold)
        if m.workloads.isEmpty {
            g.put(row, col, "no workload in this scenario (requests, messages, calls are not counted)", .role(.muted))
            return
        }
        for (k, w) in m.workloads.enumerated() {
            if k > 0 { col = g.put(row, col, " │ ", .role(.muted)) }
            col = g.put(row, col, w.name + (w.staleSince.map { " (as of \(formatClock($0)))" } ?? "") + ": ", .role(.title))
            let text = w.figures.map { "\($0.name) \($0.value)" }.joined(separator: " · ")
            col = g.put(row, col, text, w.staleSince == nil ? .plain : .role(.muted))
        }
    }
}
