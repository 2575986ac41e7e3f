/// One scenario the picker offers: a built-in (named by its path under scenarios/) or a file.
public struct PickerEntry: Sendable, Equatable {
    /// What `podterm play` takes: a built-in name or a file path.
    public var name: String
    /// The heading it is listed under, e.g. `scenarios/process-trees/`.
    public var folder: String
    /// Its one-line summary and its story (empty when the file does not load).
    public var summary: String
    public var story: String

    /// Creates an entry.
    public init(name: String, folder: String, summary: String, story: String) {
        self.name = name
        self.folder = folder
        self.summary = summary
        self.story = story
    }
}

/// The scenario picker: built-ins by folder, each with its summary and story; j k to move,
/// Enter to play, q Esc Ctrl-C to leave. A value, drawn into a grid, tested without a terminal.
public struct PickerState: Sendable {
    public let entries: [PickerEntry]
    /// The highlighted entry.
    public var selected = 0
    /// Set by Enter: the entry to play.
    public var chosen: Int?
    /// Set by q, Esc, Ctrl-C.
    public var quit = false
    /// Whether the help overlay is open.
    public var help = false
    /// Why the last chosen entry could not be opened, shown until the next key.
    public var message: String?

    /// A picker over `entries` (in the order given; folders should already be grouped).
    public init(entries: [PickerEntry]) { self.entries = entries }

    /// Applies one key.
    public mutating func handle(_ key: PlayerKey) {
        if key == .interrupt { quit = true; return }
        message = nil
        if help { help = false; if key == .char("q") { quit = true }; return }
        switch key {
        case .down, .char("j"): selected = min(selected + 1, max(0, entries.count - 1))
        case .up, .char("k"): selected = max(selected - 1, 0)
        case .pageDown: selected = min(selected + 10, max(0, entries.count - 1))
        case .pageUp: selected = max(selected - 10, 0)
        case .char("g"), .home: selected = 0
        case .char("G"), .end: selected = max(0, entries.count - 1)
        case .char("]"): if let n = nextFolderStart(after: selected) { selected = n }
        case .char("["): selected = previousFolderStart(before: selected)
        case .enter, .char(" "), .right, .char("l"): if !entries.isEmpty { chosen = selected }
        case .char("?"): help = true
        case .char("q"), .escape: quit = true
        default: break
        }
    }

    private func nextFolderStart(after i: Int) -> Int? {
        guard i < entries.count else { return nil }
        return entries.indices.first { $0 > i && entries[$0].folder != entries[i].folder }
    }

    private func previousFolderStart(before i: Int) -> Int {
        guard i > 0, i < entries.count else { return 0 }
        var j = i
        if entries[j - 1].folder != entries[j].folder { j -= 1 }
        while j > 0 && entries[j - 1].folder == entries[j].folder { j -= 1 }
        return j
    }
}

/// Draws the picker: a list on the left with folder headings, the selected scenario's
/// summary and story on the right (a panel a trainer can read out), key hints at the bottom.
public struct PickerLayout {
    public var glyphs: Glyphs

    /// Creates the layout.
    public init(glyphs: Glyphs = .unicode) { self.glyphs = glyphs }

    /// The frame for `state`, `rows` × `cols`.
    public func draw(_ state: PickerState, rows: Int, cols: Int) -> Grid {
        var g = Grid(rows: rows, cols: cols)
        if let message = TUIAvailability.check(rows: rows, cols: cols).message {
            PlayerLayout.drawTooSmall(&g, message)
            return g
        }
        g.fill(0, 0, cols, " ", CellStyle(reverse: true, role: .title))
        g.put(0, 1, "podterm · choose a scenario (\(state.entries.count))", CellStyle(bold: true, reverse: true, role: .title))
        // The list: one row per folder heading and per entry.
        var rowsOfList: [(text: String, entry: Int?)] = []
        var folder: String?
        for (i, e) in state.entries.enumerated() {
            if e.folder != folder {
                folder = e.folder
                rowsOfList.append((e.folder, nil))
            }
            let base = e.name.split(separator: "/").last.map(String.init) ?? e.name
            rowsOfList.append(("  " + base, i))
        }
        let listWidth = min(44, cols * 2 / 5)
        let top = 2, height = rows - top - 2
        g.titleRule(1, 0, listWidth, "Scenarios", glyphs: glyphs, focused: true)
        let selectedRow = rowsOfList.firstIndex { $0.entry == state.selected } ?? 0
        let first = min(max(0, selectedRow - height / 2), max(0, rowsOfList.count - height))
        for (k, r) in rowsOfList[first..<min(rowsOfList.count, first + height)].enumerated() {
            if let i = r.entry {
                let sel = i == state.selected
                g.fill(top + k, 0, listWidth, " ", sel ? .reverse : .plain)
                g.put(top + k, 0, r.text, sel ? CellStyle(bold: true, reverse: true, role: .accent) : .plain, width: listWidth)
            } else {
                g.put(top + k, 0, r.text, .role(.title, bold: true), width: listWidth)
            }
        }
        for y in 1..<(rows - 1) { g.fill(y, listWidth, 1, glyphs.vertical, .role(.muted)) }
        // The story panel.
        let x = listWidth + 2, w = cols - x - 1
        if state.entries.indices.contains(state.selected) {
            let e = state.entries[state.selected]
            g.titleRule(1, listWidth + 1, cols - listWidth - 1, e.name, glyphs: glyphs, focused: false)
            var y = top
            for l in Text.wrap(e.summary, width: w) where y < rows - 2 { g.put(y, x, l, .bold); y += 1 }
            y += 1
            for l in Text.wrap(e.story, width: w) where y < rows - 2 { g.put(y, x, l); y += 1 }
        }
        if let message = state.message {
            for (k, l) in Text.wrap("cannot open it: " + message, width: cols - x - 1).prefix(4).enumerated() {
                g.put(rows - 6 + k, x, l, .role(.danger, bold: true))
            }
        }
        let hints = "j k ↑ ↓ move  [ ] folder  Enter play  d side by side  ? help  q quit"
        g.put(rows - 1, 0, glyphs == .ascii ? hints.replacingOccurrences(of: "↑ ↓", with: "Up Down") : hints, .role(.muted))
        if state.help {
            let lines = ["j k ↑ ↓   move", "[ ]       previous / next folder", "g G       first / last",
                         "Enter     play the scenario (then ? lists the player's keys)",
                         "d         a scenario and its fix side by side (the built-in pairs)", "q Esc     quit", "", "any key closes this help"]
            let width = min(cols - 4, 70)
            let r = Rect(row: max(0, (rows - lines.count - 2) / 2), col: (cols - width) / 2, height: lines.count + 2, width: width)
            let inner = g.box(r, title: "Keys", glyphs: glyphs)
            for (k, l) in lines.enumerated() { g.put(inner.row + k, inner.col, l, .plain, width: inner.width) }
        }
        return g
    }
}
