import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts grids on the real terminal through ncursesw, writing only the cells that changed
/// since the last frame, and reads keys.
///
/// Without colour (`TERM=vt100`, `NO_COLOR`) each cell role becomes an attribute: titles and
/// accents bold, warnings underlined, danger bold and underlined, the cursor reversed.
public final class CursesDisplay {
    /// What `readKey` saw.
    public enum Input: Equatable, Sendable {
        case key(PlayerKey)
        /// The terminal changed size (ncurses' `KEY_RESIZE`).
        case resize
        /// The time-out passed with no key.
        case timeout
        /// SIGINT, SIGTERM or SIGHUP arrived (its number).
        case signal(Int32)
    }

    public let screen: TerminalScreen
    /// Whether colour pairs are used.
    public let colors: Bool
    private var last: Grid?
    /// Cells written by the last `present` (for the benchmark and tests of the diff).
    public private(set) var cellsWritten = 0

    /// Wraps a started screen; `colors` only when the terminal has them and `NO_COLOR` is unset.
    public init(screen: TerminalScreen, colors: Bool) {
        self.screen = screen
        self.colors = colors && screen.hasColors
        if self.colors {
            // Pair n+1 for role n; -1 keeps the terminal's own background.
            let fg: [CellRole: Int16] = [.title: Int16(COLOR_CYAN), .accent: Int16(COLOR_MAGENTA), .good: Int16(COLOR_GREEN),
                                         .warning: Int16(COLOR_YELLOW), .danger: Int16(COLOR_RED), .muted: Int16(COLOR_BLUE),
                                         .cursor: Int16(COLOR_WHITE)]
            for role in CellRole.allCases where role != .plain {
                init_pair(Int16(role.rawValue) + 1, fg[role]!, -1)
            }
        }
    }

    /// Forget what is on the screen: the next `present` redraws every cell (after a resize).
    public func invalidate() {
        last = nil
        clearok(screen.window, true)
    }

    /// Shows `grid`, writing only what differs from the previous frame.
    public func present(_ grid: Grid) {
        let win = screen.window
        var written = 0
        if last == nil || last!.rows != grid.rows || last!.cols != grid.cols { werase(win) }
        for run in grid.changedRuns(since: last) {
            _ = wattrset(win, attributes(run.style))
            _ = mvwaddstr(win, Int32(run.row), Int32(run.col), run.text)
            written += run.text.unicodeScalars.count
        }
        _ = wattrset(win, 0)
        wnoutrefresh(win)
        doupdate()
        last = grid
        cellsWritten = written
    }

    /// Waits up to `timeoutMs` for a key (-1: until one comes, sleeping in `get_wch`).
    public func readKey(timeoutMs: Int32) -> Input {
        if let s = Self.pendingSignal { return .signal(s) }
        wtimeout(screen.window, timeoutMs)
        var wch: wint_t = 0
        let rc = wget_wch(screen.window, &wch)
        if let s = Self.pendingSignal { return .signal(s) }
        if rc == ERR { return .timeout }
        if rc == KEY_CODE_YES {
            switch Int32(wch) {
            case KEY_RESIZE: return .resize
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_BTAB: return .key(.backTab)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            default: return .timeout
            }
        }
        switch wch {
        case 3: return .key(.interrupt)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        default:
            guard let u = Unicode.Scalar(UInt32(wch)) else { return .timeout }
            return .key(.char(Character(u)))
        }
    }

    /// SIGINT, SIGTERM or SIGHUP, if one arrived.
    static var pendingSignal: Int32? {
        let s = pt_quit_signal()
        return s == 0 ? nil : s
    }

    /// The ncurses attributes for a cell style.
    func attributes(_ s: CellStyle) -> Int32 {
        var a = Int32(0)
        if s.bold { a |= cn_a_bold() }
        if s.reverse { a |= cn_a_reverse() }
        if s.underline { a |= cn_a_underline() }
        if colors {
            if s.role != .plain { a |= cn_color_pair(Int32(s.role.rawValue) + 1) }
            if s.role == .muted && !s.reverse { a |= cn_a_dim() }
        } else {
            switch s.role {
            case .plain, .good, .muted: break
            case .title, .accent: a |= cn_a_bold()
            case .warning: a |= cn_a_underline()
            case .danger: a |= cn_a_bold() | cn_a_underline()
            case .cursor: a |= cn_a_reverse()
            }
        }
        return a
    }
}

import CPodTermSignals
