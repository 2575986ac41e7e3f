import Foundation
import PodTermTUI
import Testing

/// Colour only on a terminal that terminfo says has colours, and never with NO_COLOR
/// (issue 8, item 13).
@Suite("podterm command line: colour")
struct ColorTests {
    @Test func theDecisionNeedsATerminalNoNOCOLORAndColoursInTerminfo() {
        let table: [String: Int] = ["xterm-256color": 256, "screen": 8, "few": 2]
        func decide(_ tty: Bool, _ env: [String: String]) -> Bool {
            ColorSupport.decide(isTerminal: tty, environment: env, colors: { table[$0] })
        }
        #expect(decide(true, ["TERM": "xterm-256color"]))
        #expect(decide(true, ["TERM": "screen"]))
        #expect(!decide(false, ["TERM": "xterm-256color"]), "not a terminal")
        #expect(!decide(true, ["TERM": "xterm-256color", "NO_COLOR": "1"]))
        #expect(decide(true, ["TERM": "xterm-256color", "NO_COLOR": ""]), "NO_COLOR empty counts as unset (no-color.org)")
        #expect(!decide(true, ["TERM": "few"]), "fewer than 8 colours")
        #expect(!decide(true, ["TERM": "vt100"]), "unknown to the lookup")
        #expect(!decide(true, [:]), "no TERM")
    }

    @Test func terminfoIsAskedForColours() {
        #expect(ColorSupport.terminfoColors("xterm-256color") == 256)
        #expect(ColorSupport.terminfoColors("tmux-256color") == 256)
        #expect(ColorSupport.terminfoColors("vt100") == nil)
        #expect(ColorSupport.terminfoColors("dumb") == nil)
        #expect(ColorSupport.terminfoColors("no-such-terminal-type") == nil)
    }

    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The real thing, in a terminal: a tmux pane, with TERM set per run.
    @Test(.enabled(if: tmux != nil, "needs tmux"), arguments: [("xterm-256color", true), ("vt100", false), ("dumb", false)])
    func inATerminalColourFollowsTerm(term: String, colour: Bool) throws {
        let tmux = Self.tmux!
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podterm-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let socket = dir.appendingPathComponent("s").path
        defer {
            _ = try? Spawn.run(tmux, ["-S", socket, "kill-server"], stdout: .file("/dev/null"), captureStderr: false)
            try? FileManager.default.removeItem(at: dir)
        }
        let command = "env -u NO_COLOR TERM=\(term) \(Spawn.podterm) run pid1-no-handler; sleep 30"
        let start = try Spawn.run(tmux, ["-S", socket, "new-session", "-d", "-x", "160", "-y", "50", command],
                                  stdout: .file("/dev/null"), environment: ProcessInfo.processInfo.environment, captureStderr: false)
        #expect(start.exitStatus == 0)
        let out = dir.appendingPathComponent("pane").path
        var screen = ""
        for _ in 0..<200 {
            _ = try Spawn.run("/bin/sh", ["-c", "'\(tmux)' -S '\(socket)' capture-pane -p -e > '\(out)'"],
                              stdout: .file("/dev/null"), environment: ProcessInfo.processInfo.environment, captureStderr: false)
            screen = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            if screen.contains("after deletion") { break }
            usleep(50_000)
        }
        #expect(screen.contains("podterm"), "the pane shows: \(screen)")
        #expect(screen.contains("\u{1B}[") == colour, "TERM=\(term): \(screen.debugDescription.prefix(300))")
    }
}
