/// What the screen must write to turn the previous frame into this one: runs of changed cells
/// that share one style. The ncurses display writes exactly these, so a frame where only the
/// clock moved writes a few cells, not the whole screen.
public struct GridRun: Sendable, Equatable {
    public var row: Int
    public var col: Int
    public var text: String
    public var style: CellStyle
}

extension Grid {
    /// The runs to write over `previous` (nil, or another size: every non-blank run).
    public func changedRuns(since previous: Grid?) -> [GridRun] {
        let full = previous == nil || previous!.rows != rows || previous!.cols != cols
        var out: [GridRun] = []
        for y in 0..<rows {
            var x = 0
            let base = y * cols
            while x < cols {
                let cell = cells[base + x]
                if !full, previous!.cells[base + x] == cell { x += 1; continue }
                var text = String.UnicodeScalarView()
                let style = cell.style
                var end = x
                var blank = true
                while end < cols, cells[base + end].style == style, full || previous!.cells[base + end] != cells[base + end] {
                    let s = cells[base + end].scalar
                    if s != " " { blank = false }
                    text.append(s)
                    end += 1
                }
                // After a full erase, plain blanks are already there.
                if !(full && blank && style == .plain) { out.append(GridRun(row: y, col: x, text: String(text), style: style)) }
                x = end
            }
        }
        return out
    }
}
