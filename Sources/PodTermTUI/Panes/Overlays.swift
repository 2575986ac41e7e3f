import PodTerm

/// The boxes drawn over the panes: help (every key), an event's explanation, the story.
struct Overlays {
    let layout: PlayerLayout

    /// Every key of the player, with what it does (the help overlay and the README list these).
    public static let keys: [(key: String, what: String)] = [
        ("space", "play / pause (the clock follows real time × speed)"),
        ("→ l  ← h", "next / previous event"),
        ("] [", "next / previous key moment (stop signal, SIGKILL, exit, endpoint, pod gone)"),
        ("g G", "start / end of the run"),
        ("+ -", "faster / slower: 0.25× … 100× real time"),
        ("Tab", "next pane (containers, processes, events)"),
        ("j k ↓ ↑", "move inside the pane: container, process, event (in the process tree k sends a signal)"),
        ("k", "in the process tree: send the selected process a signal by hand (a new branch)"),
        ("b", "the branches: each run made with k, named by what was done"),
        ("0", "the original run, and back to the branch"),
        ("Enter", "explain the selected event: rule id, reason, source"),
        ("/", "filter the event log (Enter keeps, Esc clears)"),
        ("s", "the scenario's story"),
        ("o", "back to the scenario picker"),
        ("t", "what if: the scenario's values; ←→ change one and re-run, Enter types one"),
        ("u  U", "undo / redo a what-if change (Ctrl-R redoes too)"),
        ("w", "write the changed scenario as a new YAML file"),
        ("d", "the what-if (or the branch shown) side by side with the original"),
        ("?", "this help"),
        ("q Esc Ctrl-C", "quit (Esc first closes an overlay)"),
    ]

    func draw(_ g: inout Grid, _ s: PlayerState) {
        guard let o = s.overlay else { return }
        let width = min(g.cols - 4, 90)
        let inner = width - 4
        var lines: [(String, CellStyle)] = []
        let title: String
        switch o {
        case .help:
            title = "Keys"
            let keyWidth = Self.keys.map(\.key.count).max()!
            for k in Self.keys {
                let key = layout.glyphs == .ascii ? Self.ascii(k.key) : k.key
                lines.append((Text.pad(key, keyWidth) + "  " + k.what, .plain))
            }
            lines.append(("", .plain))
            lines.append(("any key closes this help", .role(.muted)))
        case .explanation(let i):
            title = "Event \(i + 1): rule \(layout.timeline.events[i].rule.id)"
            lines = ExplanationPane.lines(layout, i, width: inner).map { ($0.text, $0.style) }
            lines.append(("", .plain))
            lines.append(("Enter or Esc closes", .role(.muted)))
        case .story:
            title = "Story: \(layout.timeline.scenarioName)"
            lines = Text.wrap(s.summary, width: inner).map { ($0, .bold) } + [("", .plain)]
                + Text.wrap(s.story, width: inner).map { ($0, .plain) }
        }
        let height = min(g.rows - 2, lines.count + 2)
        let r = Rect(row: max(0, (g.rows - height) / 2), col: max(0, (g.cols - width) / 2), height: height, width: width)
        let content = g.box(r, title: title, glyphs: layout.glyphs)
        for (k, l) in lines.prefix(content.height).enumerated() { g.put(content.row + k, content.col, l.0, l.1, width: content.width) }
    }

    static func ascii(_ s: String) -> String {
        s.replacingOccurrences(of: "→", with: "Right").replacingOccurrences(of: "←", with: "Left")
            .replacingOccurrences(of: "↓", with: "Down").replacingOccurrences(of: "↑", with: "Up")
    }
}
