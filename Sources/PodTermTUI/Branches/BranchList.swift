import PodTerm

/// The list of runs (`b`): the original and each branch, named by what was done, with each
/// container's end and where the branch first differs from the original; Enter shows one.
public struct BranchListState: Sendable {
    /// The highlighted entry.
    public var selected: Int

    /// Opens on the run shown.
    public init(_ branches: BranchSet) { selected = branches.current }

    /// What the list asks of its owner after a key.
    public enum Outcome: Equatable, Sendable { case show(Int), cancel }

    /// Applies a key.
    public mutating func handle(_ key: PlayerKey, count: Int) -> Outcome? {
        switch key {
        case .down, .char("j"): selected = min(selected + 1, count - 1)
        case .up, .char("k"): selected = max(selected - 1, 0)
        case .enter: return .show(selected)
        case .escape, .char("q"), .char("b"), .interrupt: return .cancel
        default: break
        }
        return nil
    }

    /// One line per run: its name, each container's end, where it first differs.
    public static func lines(_ branches: BranchSet) -> [String] {
        branches.entries.enumerated().map { i, e in
            let ends = e.timeline.containers.map { c in "\(c.name) " + (c.lastExit.map { "exit \($0.code)" } ?? "running") }.joined(separator: ", ")
            var line = "\(i == 0 ? "original" : "\(i). " + e.branch.name): \(ends)"
            if i > 0 {
                if let d = Branch.firstDifference(branches.original, e.timeline) {
                    line += " · differs from event \(d + 1) (\(formatClock(e.timeline.events[min(d, e.timeline.events.count - 1)].time)))"
                } else {
                    line += " · the same events as the original"
                }
            }
            return line
        }
    }

    /// Draws the list as a box over the panes.
    public func draw(_ g: inout Grid, _ branches: BranchSet, glyphs: Glyphs) {
        let width = min(g.cols - 2, 110)
        var lines: [(String, CellStyle)] = Self.lines(branches).enumerated().map { i, l in
            (l, i == selected ? .reverse : (i == branches.current ? .bold : .plain))
        }
        lines.append(("", .plain))
        lines.append(("↑↓ choose · Enter show · 0 original and back · Esc close · replay one headless: podterm run FILE " +
                      (branches.entries[selected].branch.injectFlags.joined(separator: " ")), .role(.muted)))
        let height = min(g.rows - 2, lines.count + 2)
        let r = Rect(row: max(0, (g.rows - height) / 2), col: max(0, (g.cols - width) / 2), height: height, width: width)
        let content = g.box(r, title: "Branches (\(branches.entries.count - 1))", glyphs: glyphs)
        var row = content.row
        for l in lines {
            for piece in Text.wrap(glyphs == .ascii ? l.0.replacingOccurrences(of: "→", with: "->").replacingOccurrences(of: "↑↓", with: "Up/Down") : l.0,
                                   width: content.width) where row < content.row + content.height {
                g.put(row, content.col, piece, l.1, width: content.width)
                row += 1
            }
        }
    }
}
