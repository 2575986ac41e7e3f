/// A rectangle of the grid, in cells.
public struct Rect: Sendable, Equatable {
    public var row: Int
    public var col: Int
    public var height: Int
    public var width: Int

    /// Creates a rectangle.
    public init(row: Int, col: Int, height: Int, width: Int) {
        self.row = row
        self.col = col
        self.height = max(0, height)
        self.width = max(0, width)
    }
}

extension Grid {
    /// A rule across `width` cells with ` title ` near its left end (bold when `focused`).
    mutating func titleRule(_ row: Int, _ col: Int, _ width: Int, _ title: String, glyphs: Glyphs, focused: Bool = false) {
        fill(row, col, width, glyphs.horizontal, .role(.muted))
        put(row, col + 1, " \(title) ", focused ? CellStyle(bold: true, reverse: true, role: .title) : .role(.title, bold: true), width: max(0, width - 2))
    }

    /// A box with a border and a title, its inside cleared; returns the inner rectangle.
    @discardableResult
    mutating func box(_ r: Rect, title: String, glyphs: Glyphs) -> Rect {
        guard r.height >= 2, r.width >= 2 else { return Rect(row: r.row, col: r.col, height: 0, width: 0) }
        let border = CellStyle.role(.accent, bold: true)
        for y in r.row..<(r.row + r.height) { fill(y, r.col, r.width) }
        fill(r.row, r.col + 1, r.width - 2, glyphs.horizontal, border)
        fill(r.row + r.height - 1, r.col + 1, r.width - 2, glyphs.horizontal, border)
        for y in (r.row + 1)..<(r.row + r.height - 1) {
            fill(y, r.col, 1, glyphs.vertical, border)
            fill(y, r.col + r.width - 1, 1, glyphs.vertical, border)
        }
        fill(r.row, r.col, 1, glyphs.topLeft, border)
        fill(r.row, r.col + r.width - 1, 1, glyphs.topRight, border)
        fill(r.row + r.height - 1, r.col, 1, glyphs.bottomLeft, border)
        fill(r.row + r.height - 1, r.col + r.width - 1, 1, glyphs.bottomRight, border)
        put(r.row, r.col + 2, " \(title) ", .role(.title, bold: true), width: r.width - 4)
        return Rect(row: r.row + 1, col: r.col + 2, height: r.height - 2, width: r.width - 4)
    }
}
