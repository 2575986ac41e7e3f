/// What a cell means, so the screen can pick a colour, or without colour an attribute.
///
/// The grid never names colours: a terminal with colours maps each role to a colour pair, a
/// terminal without (`TERM=vt100`, `NO_COLOR`) maps it to bold, reverse or underline.
public enum CellRole: UInt8, Sendable, CaseIterable {
    case plain, title, accent, good, warning, danger, muted, cursor
}

/// The attributes of one cell: bold, reverse, underline, and its role.
public struct CellStyle: Sendable, Equatable, Hashable {
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var role: CellRole

    /// Creates a style.
    public init(bold: Bool = false, reverse: Bool = false, underline: Bool = false, role: CellRole = .plain) {
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.role = role
    }

    /// No attributes, plain role.
    public static let plain = CellStyle()
    /// Bold.
    public static let bold = CellStyle(bold: true)
    /// Reverse video (selection, current event).
    public static let reverse = CellStyle(reverse: true)
    /// A style with `role`.
    public static func role(_ r: CellRole, bold: Bool = false) -> CellStyle { CellStyle(bold: bold, role: r) }
}

/// One character cell: a single-column Unicode scalar and its style.
public struct Cell: Sendable, Equatable {
    /// The character (always one column wide; wider text is replaced before it gets here).
    public var scalar: Unicode.Scalar
    /// Its attributes.
    public var style: CellStyle

    /// Creates a cell.
    public init(_ scalar: Unicode.Scalar = " ", _ style: CellStyle = .plain) {
        self.scalar = scalar
        self.style = style
    }

    /// A blank cell.
    public static let blank = Cell()
}
