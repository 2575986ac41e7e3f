/// Whether a terminal is large enough for podterm's interactive player.
///
/// The player's layout (timeline, process tree, event log and key help) needs at
/// least ``minimumCols`` columns by ``minimumRows`` rows, the classic 80x24.
/// Check before starting the screen, and again after every `KEY_RESIZE`.
///
/// ```swift
/// let availability = TUIAvailability.check(rows: rows, cols: cols)
/// if let message = availability.message {
///     show(message)   // too small: explain instead of drawing a broken layout
/// } else {
///     draw()
/// }
/// ```
public enum TUIAvailability: Equatable, Sendable {
    /// The terminal is at least ``minimumCols`` x ``minimumRows``.
    case available
    /// The terminal is smaller than the minimum in at least one direction.
    case tooSmall(rows: Int, cols: Int)

    /// Minimum width in columns.
    public static let minimumCols = 80
    /// Minimum height in rows.
    public static let minimumRows = 24

    /// Checks a terminal size given in rows (height) and columns (width).
    public static func check(rows: Int, cols: Int) -> TUIAvailability {
        if rows >= minimumRows && cols >= minimumCols {
            return .available
        }
        return .tooSmall(rows: rows, cols: cols)
    }

    /// Whether the player can run at this size.
    public var isAvailable: Bool {
        if case .available = self { return true }
        return false
    }

    /// A message for the user when the terminal is too small, naming what is
    /// missing; `nil` when it is large enough.
    ///
    /// For example: `Terminal is 70x20 (columns x rows), but the player needs at
    /// least 80x24: 10 more columns and 4 more rows. Enlarge the window.`
    public var message: String? {
        guard case let .tooSmall(rows, cols) = self else { return nil }
        let minCols = Self.minimumCols
        let minRows = Self.minimumRows
        var missing: [String] = []
        if cols < minCols {
            let n = minCols - max(cols, 0)
            missing.append("\(n) more column\(n == 1 ? "" : "s")")
        }
        if rows < minRows {
            let n = minRows - max(rows, 0)
            missing.append("\(n) more row\(n == 1 ? "" : "s")")
        }
        return "Terminal is \(cols)x\(rows) (columns x rows), but the player needs at least "
            + "\(minCols)x\(minRows): \(missing.joined(separator: " and ")). Enlarge the window."
    }
}
