import PodTerm
import PodTermScenario

/// What the what-if draws over the player: the tunables panel (when open) and, while a value
/// is changed, the original and the new outcome side by side in place of the explanation.
enum WhatIfPane {
    static func draw(_ g: inout Grid, _ w: WhatIfPlayer, glyphs: Glyphs) {
        guard g.rows >= 24, g.cols >= 80 else { return }
        if w.whatIf.isChanged || w.message != nil { drawOutcomes(&g, w, glyphs: glyphs) }
        if w.panelOpen { drawPanel(&g, w, glyphs: glyphs) }
    }

    /// The rows the explanation takes (as `PlayerLayout.draw` lays them out).
    static func explanationRect(rows: Int, cols: Int) -> Rect {
        let explainLines = min(3 + max(0, (rows - 24) / 4), 8)
        return Rect(row: rows - 2 - (1 + explainLines), col: 0, height: 1 + explainLines, width: cols)
    }

    /// The outcome figures that differ, original → what-if, over the explanation's rows.
    static func drawOutcomes(_ g: inout Grid, _ w: WhatIfPlayer, glyphs: Glyphs) {
        let r = explanationRect(rows: g.rows, cols: g.cols)
        for y in r.row..<(r.row + r.height) { g.fill(y, 0, g.cols) }
        let changed = w.whatIf.changes.map { $0.path + "=" + $0.value }.joined(separator: " ")
        let differing = w.whatIf.diff.map { d in d.differsInB.filter { $0 }.count } ?? 0
        let title = w.whatIf.isChanged ? "What if \(changed): \(differing) events differ (marked *)" : "What if"
        g.titleRule(r.row, 0, g.cols, title, glyphs: glyphs, focused: true)
        var lines: [(String, CellStyle)] = []
        if let m = w.message { lines.append((m, .role(.accent))) }
        let figures = w.whatIf.diff?.figures ?? []
        if w.whatIf.isChanged && figures.isEmpty { lines.append(("the outcome is the same as the original's", .role(.muted))) }
        let half = (g.cols - 2) / 2
        var pending: String?
        for f in figures {
            let text = "\(f.name): \(f.a?.description ?? "–") → \(f.b?.description ?? "–")"
            if let p = pending {
                lines.append((Text.pad(p, half) + " " + text, .plain))
                pending = nil
            } else {
                pending = text
            }
        }
        if let p = pending { lines.append((p, .plain)) }
        let header = Text.pad("outcome: original → what-if", half) + " u undo  U redo  w write  d side by side  t values"
        g.put(r.row + 1, 1, header, .role(.muted), width: g.cols - 2)
        let room = r.height - 2
        if lines.count > room, room > 0 {
            let hidden = (lines.count - room + 1) * 2
            lines = Array(lines.prefix(room - 1)) + [("… about \(hidden) more figures differ: d shows them all side by side", .role(.muted))]
        }
        for (k, l) in lines.prefix(room).enumerated() { g.put(r.row + 2 + k, 1, l.0, l.1, width: g.cols - 2) }
    }

    /// The tunables: each path and value, changed ones marked, the selection reversed.
    static func drawPanel(_ g: inout Grid, _ w: WhatIfPlayer, glyphs: Glyphs) {
        let width = min(g.cols - 2, max(60, g.cols / 2))
        let height = g.rows - 4
        let r = Rect(row: 1, col: g.cols - width - 1, height: height, width: width)
        let content = g.box(r, title: "What if… values of \(w.whatIf.original.scenario.name)", glyphs: glyphs)
        guard content.height > 4 else { return }
        let tunables = w.whatIf.tunables
        let listHeight = content.height - 3
        let top = min(max(0, w.row - listHeight / 2), max(0, tunables.count - listHeight))
        let pathWidth = min(content.width * 2 / 3, (tunables.map(\.path.count).max() ?? 10) + 2)
        for (k, t) in tunables[top..<min(tunables.count, top + listHeight)].enumerated() {
            let i = top + k
            let value = w.whatIf.value(of: t.path) ?? t.value
            let changed = value != t.value
            let selected = i == w.row
            let style: CellStyle = selected ? CellStyle(bold: true, reverse: true, role: .accent) : changed ? .role(.warning, bold: true) : .plain
            let y = content.row + k
            g.fill(y, content.col, content.width, " ", selected ? style : .plain)
            let shown = selected && w.editing != nil ? w.editing! + "_" : value + (changed ? "  (was \(t.value))" : "")
            let col = g.put(y, content.col, (changed ? "* " : "  ") + Text.pad(t.path, pathWidth), style, width: content.width)
            g.put(y, col, shown, style, width: content.col + content.width - col)
        }
        let foot = content.row + content.height - 2
        if let m = w.message {
            g.put(foot, content.col, m, .role(.warning, bold: true), width: content.width)
        } else if let t = w.selected {
            g.put(foot, content.col, "\(kindWords(t.kind))   \(t.line.map { "line \($0) of the file" } ?? "a default (not in the file)")", .role(.muted), width: content.width)
        }
        let keys = w.editing != nil ? "type a value · Enter apply · Esc cancel" : "↑↓ choose · ←→ change · Enter type · u undo · U redo · w write · Esc close"
        g.put(foot + 1, content.col, glyphs == .ascii ? keys.replacingOccurrences(of: "↑↓", with: "Up/Down").replacingOccurrences(of: "←→", with: "Left/Right") : keys,
              .role(.accent), width: content.width)
    }

    static func kindWords(_ k: Tunable.Kind) -> String {
        switch k {
        case .duration: return "a duration"
        case .integer: return "a whole number"
        case .rate: return "a rate (per second)"
        case .choice(let c): return "one of: " + c.joined(separator: ", ")
        case .bool: return "true or false"
        case .signal: return "a signal"
        case .text: return "text"
        }
    }
}
