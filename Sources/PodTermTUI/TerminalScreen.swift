import CNcursesw
import CPodTermSignals

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, driven through ncursesw, for podterm's interactive player.
///
/// ncurses keeps its state in process-wide globals, so at most one screen is
/// active at a time. ``start()`` puts the terminal into the mode the player
/// needs; ``end()`` gives it back to the shell and must run before the process
/// exits (including on the error paths), or the user's shell is left without
/// echo and with a hidden cursor.
///
/// What ``start()`` does, in order:
/// 1. `setlocale(LC_ALL, "")`, so ncursesw uses the user's UTF-8 locale (without
///    it box drawing prints `lqqk` and wide text prints nothing);
/// 2. `initscr()`, `cbreak()` (keys arrive unbuffered, Ctrl-C still signals),
///    `noecho()`, `keypad(stdscr, true)` (arrow and function keys as `KEY_*`);
/// 3. `set_escdelay(25)`, so a lone Esc is not held for a second;
/// 4. `curs_set(0)` to hide the cursor;
/// 5. `start_color()` and `use_default_colors()` when the terminal has colours.
///
/// The C globals `stdscr`, `COLS` and `LINES` cannot be read from Swift 6 code;
/// this type keeps the window `initscr()` returns and reads the size through the
/// shim's accessor functions instead.
public struct TerminalScreen {
    /// The standard screen window returned by `initscr()`.
    public let window: UnsafeMutablePointer<WINDOW>
    /// Whether the terminal reported colour support (and `start_color()` ran).
    public let hasColors: Bool
    /// Whether the locale's character set is UTF-8, i.e. whether Unicode glyphs
    /// (box drawing, arrows) can be drawn; otherwise fall back to ASCII.
    public let isUnicode: Bool

    private init(window: UnsafeMutablePointer<WINDOW>, hasColors: Bool, isUnicode: Bool) {
        self.window = window
        self.hasColors = hasColors
        self.isUnicode = isUnicode
    }

    /// Why the screen could not be started.
    public enum StartError: Error, CustomStringConvertible, Sendable {
        /// Standard input or output is not a terminal (piped, redirected, CI).
        case notATerminal
        /// `initscr()` returned no window.
        case initscrFailed

        public var description: String {
            switch self {
            case .notATerminal:
                return "The interactive player needs a terminal: standard input and output must both be a TTY."
            case .initscrFailed:
                return "Could not initialise the terminal (initscr failed). Check that TERM is set to a known terminal type."
            }
        }
    }

    /// Puts the terminal into full-screen mode for the player.
    ///
    /// Call ``end()`` when done. Throws ``StartError/notATerminal`` instead of
    /// letting ncurses print to a pipe.
    public static func start() throws(StartError) -> TerminalScreen {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw .notATerminal
        }
        setlocale(LC_ALL, "")
        let isUnicode = localeIsUTF8()

        // Before initscr, so ncurses keeps these instead of installing its own (which would
        // restore the terminal and exit 1 before podterm's cleanup runs).
        pt_install_quit_handlers()
        // Whatever ends the process from here on (an error path that calls exit), the
        // terminal is given back.
        atexit { if !isendwin() { endwin() } }
        guard let window = initscr() else { throw .initscrFailed }
        cbreak()
        noecho()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)

        var colors = false
        if has_colors() {
            start_color()
            use_default_colors()
            colors = true
        }
        return TerminalScreen(window: window, hasColors: colors, isUnicode: isUnicode)
    }

    /// Restores the terminal (echo, line buffering, cursor, main screen).
    ///
    /// Safe to call more than once.
    public func end() {
        if isendwin() { return }
        curs_set(1)
        endwin()
        pt_restore_default_handlers()
    }

    /// The current size of the terminal, in character cells.
    ///
    /// ncurses updates it itself when the window is resized (it then delivers
    /// `KEY_RESIZE` from `get_wch`).
    public var size: (rows: Int, cols: Int) {
        (rows: Int(cn_lines()), cols: Int(cn_cols()))
    }

    /// Whether the current size is large enough for the player; see ``TUIAvailability``.
    public var availability: TUIAvailability {
        TUIAvailability.check(rows: size.rows, cols: size.cols)
    }

    /// Whether the C library's current `LC_CTYPE` uses UTF-8.
    private static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
