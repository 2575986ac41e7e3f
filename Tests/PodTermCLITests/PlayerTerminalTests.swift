import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real player in a real terminal (tmux), asserting on what a person would see (issue 10).
/// Every wait polls the pane until the text appears, with a generous time-out; nothing sleeps
/// a fixed time and no assertion is retried.
@Suite("podterm player in a terminal", .needsTmux)
struct PlayerTerminalTests {
    @Test func countdownAfterStepsAndTheSigkillInItsLane() throws {
        let t = try TmuxSession(["play", "pid1-no-handler"])
        defer { t.close() }
        try t.waitFor("event 0/16")
        for _ in 0..<8 { try t.send("l") }
        let at10 = try t.waitFor("event 8/16")
        #expect(at10.contains("30.0s of 30.0s left"), "\(at10)")
        #expect(at10.contains("Terminating"))
        try t.send("]", "]")
        let screen = try t.waitFor("SIGKILL 137")
        let lane = screen.split(separator: "\n").first { $0.contains("▸app") } ?? ""
        #expect(lane.contains("SIGTERM") && lane.contains("SIGKILL 137"), "\(screen)")
        #expect(screen.contains("0.0s of 30.0s left"), "\(screen)")
    }

    @Test func processTreeAfterPID1Died() throws {
        let t = try TmuxSession(["play", "process-trees/namespace-kill"], cols: 120, rows: 36)
        defer { t.close() }
        try t.waitFor("event 0/")
        try t.send("G")
        let screen = try t.waitFor("the whole tree is dead") { s in
            let rows = s.split(separator: "\n").filter { $0.contains("[") && ($0.contains("dead (") || $0.contains("running")) }
            return !rows.isEmpty && rows.allSatisfy { !$0.contains(" running") }
        }
        #expect(screen.contains("[1] dead ("), "PID 1's row: \(screen)")
        #expect(screen.contains("dead (SIGKILL)"), "the kernel's SIGKILL killed the rest: \(screen)")
    }

    @Test func explanationOfAnEvent() throws {
        let t = try TmuxSession(["play", "pid1-no-handler", "--at", "10s"])
        defer { t.close() }
        try t.waitFor("t=10.000s")
        try t.send("Enter")
        let screen = try t.waitFor("Event 8: rule kernel.pid1-ignores-default")
        #expect(screen.contains("A signal sent to PID 1 of a namespace"), "\(screen)")
        #expect(screen.contains("source: linux kernel/signal.c"), "\(screen)")
        try t.send("Escape")
        try t.waitFor("no overlay") { !$0.contains("Event 8: rule") }
    }

    @Test func helpOverlayListsTheKeys() throws {
        let t = try TmuxSession(["play", "pid1-no-handler"])
        defer { t.close() }
        try t.waitFor("event 0/16")
        try t.send("?")
        let screen = try t.waitFor("this help")
        for k in ["space", "Enter", "Tab", "] [", "g G", "+ -", "q Esc Ctrl-C", "/"] { #expect(screen.contains(k), "help lacks \(k)") }
    }

    @Test func resizeTo80x24AndThen60x15() throws {
        let t = try TmuxSession(["play", "pid1-no-handler", "--at", "20s"], cols: 120, rows: 40)
        defer { t.close() }
        try t.waitFor("t=20.000s")
        try t.resize(cols: 80, rows: 24)
        let small = try t.waitFor("the layout at 80x24") { s in
            let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
            return s.contains("Containers") && lines.count >= 24 && lines[23].contains("q quit") && lines[0].count <= 80
        }
        #expect(small.contains("20.0s of 30.0s left") || small.contains("20.0s"), "\(small)")
        try t.resize(cols: 60, rows: 15)
        let tiny = try t.waitFor("Terminal is 60x15")
        #expect(!tiny.contains("Containers"))
        try t.resize(cols: 100, rows: 30)
        try t.waitFor("Containers")
        try t.send("q")
        let after = try t.waitForExit(0)
        #expect(terminalRestored(after), "\(after)")
    }

    @Test func vt100HasNoColourButBoldAndReverse() throws {
        let t = try TmuxSession(["play", "pid1-no-handler", "--at", "40s"], env: ["TERM": "vt100"])
        defer { t.close() }
        let screen = try t.waitFor("t=40.000s", escapes: true) { $0.contains("t=40.000s") }
        #expect(!hasColour(screen), "colour codes on a vt100: \(screen.debugDescription.prefix(400))")
        #expect(screen.contains("\u{1B}[7m") || screen.contains(";7m"), "reverse video for the title bar")
        #expect(screen.contains("\u{1B}[1m") || screen.contains("[1;"), "bold")
        let withColour = try TmuxSession(["play", "pid1-no-handler", "--at", "40s"], env: ["TERM": "xterm-256color"])
        defer { withColour.close() }
        let coloured = try withColour.waitFor("colour", escapes: true) { $0.contains("t=40.000s") }
        #expect(hasColour(coloured), "xterm-256color gets colours: \(coloured.debugDescription.prefix(300))")
        let noColor = try TmuxSession(["play", "pid1-no-handler", "--at", "40s"], env: ["TERM": "xterm-256color", "NO_COLOR": "1"])
        defer { noColor.close() }
        let plain = try noColor.waitFor("NO_COLOR", escapes: true) { $0.contains("t=40.000s") }
        #expect(!hasColour(plain), "NO_COLOR: \(plain.debugDescription.prefix(300))")
    }

    @Test func asciiOutsideAUTF8Locale() throws {
        let t = try TmuxSession(["play", "pid1-no-handler", "--at", "40s"], env: ["LC_ALL": "C"])
        defer { t.close() }
        let screen = try t.waitFor("t=40.000s")
        #expect(!screen.contains("─") && !screen.contains("█"), "\(screen)")
        #expect(screen.contains("-- Containers") || screen.contains("- Containers"), "\(screen)")
        #expect(screen.contains("SIGKILL 137"))
    }

    @Test(arguments: [("q", 0), ("Escape", 0), ("C-c", 130)])
    func keysGiveTheTerminalBack(key: String, status: Int) throws {
        let t = try TmuxSession(["play", "pid1-no-handler"])
        defer { t.close() }
        try t.waitFor("event 0/16")
        try t.send(key)
        let screen = try t.waitForExit(status)
        #expect(terminalRestored(screen), "\(screen)")
    }

    @Test(arguments: [(SIGTERM, 143), (SIGHUP, 129)])
    func signalsGiveTheTerminalBack(signal: Int32, status: Int) throws {
        let t = try TmuxSession(["play", "pid1-no-handler"])
        defer { t.close() }
        try t.waitFor("event 0/16")
        let pid = try t.podtermPID()
        #expect(kill(pid, signal) == 0)
        let screen = try t.waitForExit(status)
        #expect(terminalRestored(screen), "\(screen)")
    }

    @Test func playingFollowsTheClockAndPausedUsesNoCPU() throws {
        let t = try TmuxSession(["play", "pid1-no-handler"])
        defer { t.close() }
        try t.waitFor("event 0/16")
        let pid = try t.podtermPID()
        // Paused: asleep in get_wch.
        let before = try #require(TmuxSession.cpuTicks(pid))
        usleep(1_000_000)  // a measurement window, not a wait for the screen
        let after = try #require(TmuxSession.cpuTicks(pid))
        #expect(after - before <= 2, "paused for 1 s used \(after - before) clock ticks of CPU")
        // 100×: the 40 s run ends in about 0.4 s of real time.
        for _ in 0..<8 { try t.send("+") }
        try t.waitFor("100×")
        try t.send("Space")
        let end = try t.waitFor("event 16/16")
        #expect(end.contains("paused"), "playing stops at the end: \(end)")
        #expect(end.contains("t=40.000s"))
    }

    @Test func podtermAloneOpensThePicker() throws {
        let t = try TmuxSession([])
        defer { t.close() }
        let picker = try t.waitFor("choose a scenario")
        #expect(picker.contains("scenarios/process-trees/"), "\(picker)")
        try t.send("Enter")
        let player = try t.waitFor("event 0/")
        #expect(player.contains("Containers"))
        try t.send("o")
        try t.waitFor("choose a scenario")
        try t.send("q")
        #expect(terminalRestored(try t.waitForExit(0)))
    }
}

extension PlayerTerminalTests {
    @Test func aFolderOpensThePickerOverItsFiles() throws {
        let good = try String(contentsOf: PodtermBinary.root.appendingPathComponent("scenarios/pid1-no-handler.yaml"), encoding: .utf8)
        let first = try PodtermBinary.tempScenario("summary: broken\npod: [\n", name: "a-broken.yaml")
        let folder = URL(fileURLWithPath: first).deletingLastPathComponent()
        try good.write(to: folder.appendingPathComponent("b-good.yaml"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: folder) }
        let t = try TmuxSession(["play", folder.path])
        defer { t.close() }
        // The whole list, not just its title: a capture can catch the pane half drawn.
        try t.waitFor("the picker with both files") {
            $0.contains("choose a scenario (2)") && $0.contains("a-broken.yaml") && $0.contains("b-good.yaml")
        }
        try t.send("Enter")
        try t.waitFor("cannot open it")
        try t.send("j")
        try t.waitFor("the good one selected") { !$0.contains("cannot open it") }
        try t.send("Enter")
        try t.waitFor("event 0/16")
    }
}

/// The player's commands without a terminal.
@Suite("podterm player without a terminal")
struct PlayerCommandTests {
    @Test func playRefusesPolitelyWithoutATerminal() throws {
        let r = try PodtermBinary.run(["play", "pid1-no-handler"])
        #expect(r.status == 6)
        #expect(r.stderr.contains("needs a terminal") && r.stderr.contains("podterm run pid1-no-handler"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let alias = try PodtermBinary.run(["tui", "pid1-no-handler"])
        #expect(alias.status == 6)
    }

    @Test func badInputComesBeforeTheTerminalCheck() throws {
        #expect(try PodtermBinary.run(["play", "no-such-scenario"]).status == 2)
        let at = try PodtermBinary.run(["play", "pid1-no-handler", "--at", "soon"])
        #expect(at.status == 2 && at.stderr.contains("--at soon"), "\(at.stderr)")
        #expect(try PodtermBinary.run(["play", "pid1-no-handler", "--seed", "-1"]).status == 2)
    }

    @Test func overviewFitsAScreenWithTheHint() throws {
        let r = try PodtermBinary.run([])
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n", omittingEmptySubsequences: false).count <= 24, "\(r.stdout)")
        #expect(r.stdout.contains("podterm run "))
        #expect(r.stdout.contains("podterm list"))
    }
}

/// Whether some SGR sequence in `screen` sets a foreground or background colour (30–37, 38,
/// 40–47, 48, 90–97, 100–107; 39 and 49, the defaults, do not count).
func hasColour(_ screen: String) -> Bool {
    var rest = Substring(screen)
    while let start = rest.range(of: "\u{1B}[") {
        rest = rest[start.upperBound...]
        guard let m = rest.firstIndex(of: "m") else { break }
        let params = rest[..<m].split(separator: ";").compactMap { Int($0) }
        if params.contains(where: { (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0) }) {
            return true
        }
        rest = rest[m...]
    }
    return false
}

extension PlayerTerminalTests {
    @Test func theKeyTraceTimesEveryKeyToItsRedrawnScreen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podterm-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let trace = dir.appendingPathComponent("trace").path
        let t = try TmuxSession(["play", "pid1-no-handler"], env: ["PODTERM_PLAYER_TRACE": trace])
        defer { t.close() }
        try t.waitFor("event 0/")
        for n in 1...3 {
            try t.send("Right")
            try t.waitFor("event \(n)/")
        }
        try t.send("q")
        try t.waitForExit(0)
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3, "three steps (q leaves without a frame): \(lines)")
        for l in lines {
            let us = l.split(separator: " ").first.flatMap { Int($0.dropFirst("key_to_screen_us=".count)) }
            #expect(us != nil && us! >= 0 && us! < 5_000_000, "\(l)")
            #expect(l.contains(" cells=") && !l.hasSuffix("cells=0"), "a step redraws something: \(l)")
        }
    }
}
