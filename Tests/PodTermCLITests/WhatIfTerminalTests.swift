import Foundation
import Testing

/// The what-if and the side-by-side screen in a real terminal (tmux), issue 11.
@Suite("what-if in a terminal", .needsTmux)
struct WhatIfTerminalTests {
    @Test func aShorterGraceMovesTheSIGKILLSpan() throws {
        let t = try TmuxSession(["play", "pid1-no-handler"], cols: 110, rows: 36)
        defer { t.close() }
        try t.waitFor("event 0/16")
        let lane = { (screen: String) in screen.split(separator: "\n").first { $0.contains("▸app") } ?? "" }
        try t.send("G")
        // Wait for the whole frame at the end, not only for the first text of it that shows.
        let before = try t.waitFor("the end of the run, SIGKILL at 40 s on the lane") {
            $0.contains("SIGKILL at 40.000s") && $0.contains("event 16/16") && lane($0).contains("SIGKILL 137")
        }
        let laneBefore = lane(before)
        try t.send("t")
        try t.waitFor("What if… values of pid1-no-handler")
        try t.send("Left", "Left")
        try t.send("Escape")
        // The panel shows the new outcome before Escape closes it: wait for the frame without it.
        let after = try t.waitFor("SIGKILL at 30 s with the panel closed") {
            $0.contains("SIGKILL at 30.000s") && !$0.contains("What if… values of") && lane($0).contains("SIGKILL 137")
        }
        #expect(after.contains("What if pod.terminationGracePeriodSeconds=20"), "\(after)")
        #expect(after.contains("pod.goneAt: 40s → 30s"), "\(after)")
        let laneAfter = lane(after)
        // The axis ends with the run: the span from SIGTERM to SIGKILL is 30 s of 40 s before, 20 s of 30 s after.
        let draining = { (lane: Substring) in lane.filter { $0 == "░" }.count }
        #expect(laneAfter.contains("SIGKILL 137"), "\(laneAfter)")
        #expect(draining(laneAfter) < draining(laneBefore), "the SIGKILL came earlier on the lane: \(laneBefore) / \(laneAfter)")
        try t.send("u")
        try t.waitFor("SIGKILL at 35.000s")
        try t.send("U")
        try t.waitFor("SIGKILL at 30.000s")
        try t.send("d")
        let side = try t.waitFor("Side by side at")
        #expect(side.contains("A: original") && side.contains("B: pod.terminationGracePeriodSeconds=20"), "\(side)")
        try t.send("q")
        try t.waitFor("back in the player") { !$0.contains("Side by side at") && $0.contains("event 16/16") }
        try t.send("q")
        try t.waitForExit(0)
    }

    @Test func whatIfKeysTypedIntoTheFilterStayThere() throws {
        let t = try TmuxSession(["play", "pid1-no-handler"], cols: 110, rows: 36)
        defer { t.close() }
        try t.waitFor("event 0/16")
        try t.send("/", "t", "w", "u", "d")
        let screen = try t.waitFor("filter the log: twud_")
        #expect(!screen.contains("What if… values"), "\(screen)")
        try t.send("Escape", "q")
        try t.waitForExit(0)
    }

    @Test func thePickerOpensAPairSideBySide() throws {
        let t = try TmuxSession([], cols: 110, rows: 36)
        defer { t.close() }
        let picker = try t.waitFor("choose a scenario")
        #expect(picker.contains("app-handles-sigterm"))
        // The first entry, app-handles-sigterm, is the fix of pid1-no-handler.
        try t.send("d")
        let screen = try t.waitFor("Side by side at")
        #expect(screen.contains("A: pid1-no-handler"), "\(screen)")
        #expect(screen.contains("B: app-handles-sigterm (a SIGTERM handler in PID 1)"), "\(screen)")
        #expect(screen.contains("Outcome: A → B"))
        try t.send("G")
        let end = try t.waitFor("containers.app.exitCode: 137 → 0")
        #expect(end.contains("Events that differ"))
        try t.send("Escape")
        try t.waitFor("choose a scenario")
        try t.send("q")
        try t.waitForExit(0)
    }

    @Test func writeTheChangedScenarioAndCheckIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podterm-whatif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = try TmuxSession(["play", "pid1-no-handler"], cols: 110, rows: 36, env: ["PODTERM_WHATIF_DIR": dir.path])
        defer { t.close() }
        try t.waitFor("event 0/16")
        try t.send("t", "Left", "w")
        try t.waitFor("wrote ")
        let file = dir.appendingPathComponent("pid1-no-handler-whatif.yaml").path
        #expect(FileManager.default.fileExists(atPath: file))
        let check = try PodtermBinary.run(["check", file])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("terminationGracePeriodSeconds: 25"))
        #expect(text.contains("The same server, but this one never installs a SIGTERM handler"), "the story is kept")
        try t.send("Escape", "q")
        try t.waitForExit(0)
    }
}
