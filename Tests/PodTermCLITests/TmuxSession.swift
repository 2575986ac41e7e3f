import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A detached tmux session of fixed size running a command in a real pseudo-terminal: keys in
/// with `send-keys`, the screen out with `capture-pane`. Each session has its own server
/// (socket in a temporary folder), killed and removed on `close()`.
final class TmuxSession {
    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    /// How long `waitFor` polls before it gives up: generous, for a loaded 2-core machine.
    static let timeout: Double = 20

    let dir: URL
    let socket: String
    /// podterm writes nothing here; the wrapper records podterm's pid so tests can signal it.
    let pidFile: String

    /// Starts `podterm ARGS` in a `cols` × `rows` pane (environment: `env`, added to
    /// `LC_ALL=C.UTF-8` and `TERM` as given). After podterm exits the pane prints
    /// `EXIT=<status>` and `stty -a`, then stays open.
    init(_ args: [String], cols: Int = 100, rows: Int = 30, env: [String: String] = [:]) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("podterm-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        socket = dir.appendingPathComponent("s").path
        pidFile = dir.appendingPathComponent("pid").path
        var vars = ["LC_ALL": "C.UTF-8"]
        for (k, v) in env { vars[k] = v }
        let assignments = vars.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let podterm = ([Spawn.podterm] + args).map { "'\($0)'" }.joined(separator: " ")
        // The inner shell records its pid, then becomes podterm (same pid).
        let inner = "echo $$ > '\(pidFile)'; exec env -u NO_COLOR \(assignments) \(podterm)"
        let command = "cd '\(PodtermBinary.root.path)'; sh -c \"\(inner.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "$$", with: "\\$\\$"))\"; echo EXIT=$?; stty -a; sleep 600"
        let start = try tmux(["new-session", "-d", "-x", "\(cols)", "-y", "\(rows)", command])
        guard start == 0 else { throw TmuxError(message: "tmux new-session exited \(start)") }
    }

    struct TmuxError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    @discardableResult
    func tmux(_ args: [String], stdout: String = "/dev/null") throws -> Int32? {
        try Spawn.run(Self.tmux!, ["-S", socket] + args, stdout: .file(stdout), environment: ProcessInfo.processInfo.environment,
                      captureStderr: false).exitStatus
    }

    /// What the pane shows now (`escapes`: with colour and attribute sequences).
    func screen(escapes: Bool = false) throws -> String {
        let out = dir.appendingPathComponent("pane-\(UUID().uuidString)").path
        FileManager.default.createFile(atPath: out, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: out) }
        try tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []), stdout: out)
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    /// Polls the pane until `condition` holds, up to `timeout` seconds; returns the last screen,
    /// recording a test issue (with the screen) when it never held.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = TmuxSession.timeout, escapes: Bool = false,
                 sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen(escapes: escapes)
            if condition(last) { return last }
            usleep(20_000)
        }
        Issue.record("never saw \(what) within \(timeout)s; the pane shows:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    /// Polls until the pane contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = TmuxSession.timeout, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Polls until podterm has exited with `status` and the wrapper's `stty -a` has printed
    /// (its `isig`/`icanon` and `iexten`/`echo` words, with or without a minus).
    @discardableResult
    func waitForExit(_ status: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("EXIT=\(status) and stty -a", sourceLocation: sourceLocation) {
            $0.contains("EXIT=\(status)") && $0.contains("icanon") && $0.contains("echok")
        }
    }

    /// Sends keys (tmux key names: `Space`, `Right`, `Enter`, `Escape`, `C-c`, or literal text).
    func send(_ keys: String...) throws { try tmux(["send-keys"] + keys) }

    /// Resizes the window (and so the pane).
    func resize(cols: Int, rows: Int) throws { try tmux(["resize-window", "-x", "\(cols)", "-y", "\(rows)"]) }

    /// podterm's pid, once the wrapper has written it.
    func podtermPID() throws -> pid_t {
        let deadline = Date().addingTimeInterval(Self.timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            usleep(20_000)
        }
        throw TmuxError(message: "podterm's pid never appeared")
    }

    /// CPU time (user + system, clock ticks) the process has used so far.
    static func cpuTicks(_ pid: pid_t) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command: state(0) ppid(1) … utime(11) stime(12).
        guard fields.count > 12, let u = Int(fields[11]), let s = Int(fields[12]) else { return nil }
        return u + s
    }

    func close() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: dir)
    }
}

/// Whether the terminal was given back: `stty -a` after podterm shows echo and icanon on.
func terminalRestored(_ screen: String) -> Bool {
    let words = Set(screen.split { $0 == " " || $0 == "\n" || $0 == ";" }.map(String.init))
    return words.contains("echo") && words.contains("icanon") && !words.contains("-echo") && !words.contains("-icanon")
}

extension Trait where Self == ConditionTrait {
    /// Runs only where tmux is installed (or fails there with `PODTERM_REQUIRE_ALL=1`);
    /// otherwise a visible skip.
    static var needsTmux: ConditionTrait {
        .enabled(if: TmuxSession.tmux != nil || ProcessInfo.processInfo.environment["PODTERM_REQUIRE_ALL"] == "1",
                 "needs tmux (apt-get install tmux; set PODTERM_REQUIRE_ALL=1 to fail instead of skipping)")
    }
}
