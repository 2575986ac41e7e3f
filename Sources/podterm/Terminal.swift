import Foundation

/// The process's edges: standard output and error, colour, exit.
enum Terminal {
    /// Colour only on a terminal, and never when `NO_COLOR` is set or TERM is dumb.
    static var wantsColor: Bool {
        let env = ProcessInfo.processInfo.environment
        if let v = env["NO_COLOR"], !v.isEmpty { return false }
        if env["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    /// Writes the whole text to standard output at once.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Prints `podterm: message` to standard error and exits with `status`.
    static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data("podterm: \(message)\n".utf8))
        exit(status)
    }
}
