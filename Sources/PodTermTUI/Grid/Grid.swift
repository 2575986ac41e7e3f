/// An in-memory screen: rows × columns of cells, drawn by the panes and diffed by the screen.
///
/// Everything the player shows is drawn here first, so layout is tested without a terminal:
///
/// ```swift
/// var g = Grid(rows: 24, cols: 80)
/// g.put(0, 0, "podterm", .bold)
/// #expect(g.line(0).hasPrefix("podterm"))
/// ```
/// Text is clipped at the right edge and at the grid's bottom; characters wider than one
/// column (CJK, emoji) are drawn as `?` so columns always line up.
public struct Grid: Sendable, Equatable, CustomStringConvertible {
    /// Height.
    public let rows: Int
    /// Width.
    public let cols: Int
    /// Row-major cells.
    public private(set) var cells: [Cell]

    /// A blank grid.
    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        cells = Array(repeating: .blank, count: self.rows * self.cols)
    }

    /// The cell at `row`, `col` (must be inside).
    public subscript(row: Int, col: Int) -> Cell {
        get { cells[row * cols + col] }
        set { cells[row * cols + col] = newValue }
    }

    /// Writes `text` from `row`, `col`, at most `width` columns (default: to the edge);
    /// returns the column after the last one written.
    @discardableResult
    public mutating func put(_ row: Int, _ col: Int, _ text: String, _ style: CellStyle = .plain, width: Int? = nil) -> Int {
        guard row >= 0, row < rows, col < cols else { return col }
        let end = min(cols, width.map { col + $0 } ?? cols)
        var c = col
        for s in text.unicodeScalars {
            if c >= end { break }
            if s.properties.generalCategory == .nonspacingMark || s == "\u{FE0F}" { continue }
            if c >= 0 {
                let printable = s.value >= 0x20 && s.value != 0x7F && !Grid.isWide(s)
                cells[row * cols + c] = Cell(printable ? s : "?", style)
            }
            c += 1
        }
        return c
    }

    /// Fills `count` cells of `row` from `col` with `scalar`.
    public mutating func fill(_ row: Int, _ col: Int, _ count: Int, _ scalar: Unicode.Scalar = " ", _ style: CellStyle = .plain) {
        guard row >= 0, row < rows else { return }
        let lo = max(0, col), hi = min(cols, col + count)
        guard lo < hi else { return }
        for c in lo..<hi { cells[row * cols + c] = Cell(scalar, style) }
    }

    /// Sets the style of `count` cells of `row` from `col`, keeping their characters.
    public mutating func restyle(_ row: Int, _ col: Int, _ count: Int, _ style: CellStyle) {
        guard row >= 0, row < rows else { return }
        let lo = max(0, col), hi = min(cols, col + count)
        guard lo < hi else { return }
        for c in lo..<hi { cells[row * cols + c].style = style }
    }

    /// The text of one row, trailing blanks removed.
    public func line(_ row: Int) -> String {
        var s = String.UnicodeScalarView()
        for c in 0..<cols { s.append(cells[row * cols + c].scalar) }
        var text = String(s)
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The whole screen as text, one line a row (what a person would read off it).
    public var text: String { (0..<rows).map(line).joined(separator: "\n") }

    /// The text, for test failures.
    public var description: String { text }

    /// Whether some row contains `needle`.
    public func contains(_ needle: String) -> Bool { (0..<rows).contains { line($0).contains(needle) } }

    /// The first row that contains `needle`, if any.
    public func row(containing needle: String) -> Int? { (0..<rows).first { line($0).contains(needle) } }

    /// East Asian wide and emoji-presentation characters: two columns in a terminal.
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }
}

extension Grid {
    /// The grid with every character outside ASCII replaced by a look-alike or `?`: what a
    /// terminal whose locale is not UTF-8 can show (event texts carry arrows and dots).
    public func asciified() -> Grid {
        var g = self
        for i in g.cells.indices where g.cells[i].scalar.value > 0x7E {
            g.cells[i].scalar = Grid.asciiLookalike[g.cells[i].scalar] ?? "?"
        }
        return g
    }

    static let asciiLookalike: [Unicode.Scalar: Unicode.Scalar] = [
        "→": ">", "←": "<", "↑": "^", "↓": "v", "·": ".", "…": ".", "×": "x", "−": "-", "–": "-", "—": "-",
        "≥": ">", "≤": "<", "‘": "'", "’": "'", "“": "\"", "”": "\"", "▸": ">", "↳": ">",
    ]
}
