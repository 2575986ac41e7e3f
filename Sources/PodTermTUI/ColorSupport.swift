import CNcursesw
import Foundation

/// Whether podterm's text output may use ANSI colour: only when standard output is a
/// terminal, `NO_COLOR` is not set (to anything but the empty string, as no-color.org says),
/// and terminfo says the terminal type in `TERM` shows at least 8 colours. So `TERM=vt100`,
/// `TERM=dumb`, an unknown type or no `TERM` at all get plain text.
///
/// ```swift
/// let color = ColorSupport.forStandardOutput
/// let colored = ColorSupport.decide(isTerminal: true, environment: ["TERM": "xterm-256color"],
///                                   colors: ColorSupport.terminfoColors)   // true
/// ```
public enum ColorSupport {
    /// The fewest colours a terminal must have for podterm to use them (the 8 ANSI colours).
    public static let minimumColors = 8

    /// The decision, from its three inputs; `colors` looks a terminal type up (nil: unknown).
    public static func decide(isTerminal: Bool, environment: [String: String], colors: (String) -> Int?) -> Bool {
        if let v = environment["NO_COLOR"], !v.isEmpty { return false }
        guard isTerminal else { return false }
        guard let term = environment["TERM"], !term.isEmpty, let n = colors(term) else { return false }
        return n >= minimumColors
    }

    /// How many colours terminfo gives the terminal type (`tigetnum("colors")`); nil when the
    /// type is unknown or the description has no colours.
    public static func terminfoColors(_ term: String) -> Int? {
        let n = cn_terminal_colors(term)
        return n > 0 ? Int(n) : nil
    }

    /// The decision for this process's standard output.
    public static var forStandardOutput: Bool {
        decide(isTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment,
               colors: terminfoColors)
    }
}
