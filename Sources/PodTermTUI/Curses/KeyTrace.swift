#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A debugging aid: with `PODTERM_PLAYER_TRACE=FILE`, the player appends one line per key to
/// FILE, the time from reading the key to the redrawn screen handed to the terminal
/// (`doupdate` returned), in µs, and the cells written: `key_to_screen_us=812 cells=143`.
/// What the terminal then takes to show it is not in it.
final class KeyTrace {
    private let file: UnsafeMutablePointer<FILE>

    private init(_ file: UnsafeMutablePointer<FILE>) { self.file = file }

    /// The trace the environment asks for, if any (nil also when the file cannot be opened).
    static func fromEnvironment() -> KeyTrace? {
        guard let path = getenv("PODTERM_PLAYER_TRACE"), let f = fopen(path, "a") else { return nil }
        return KeyTrace(f)
    }

    func write(_ d: Duration, cells: Int) {
        let us = d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000
        fputs("key_to_screen_us=\(us) cells=\(cells)\n", file)
        fflush(file)
    }

    deinit { fclose(file) }
}
