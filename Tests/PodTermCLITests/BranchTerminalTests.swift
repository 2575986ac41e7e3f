import Foundation
import Testing

/// Signals sent by hand in the real player (tmux): `k` on a grandchild in the process tree,
/// the picker's verdicts, the branch it makes, the list, and the original one key away.
@Suite("podterm player: signals by hand", .needsTmux)
struct BranchTerminalTests {
    @Test func sigtermByHandToAGrandchildAndItsFate() throws {
        let t = try TmuxSession(["play", "process-trees/tini-forwards", "--at", "200ms"], cols: 110, rows: 32)
        defer { t.close() }
        try t.waitFor("t=0.200s")
        // The tree: tini, server, worker (the grandchild).
        try t.send("Tab")
        try t.waitFor("tree focused") { $0.contains("Processes: app") }
        try t.send("Down", "Down")
        try t.send("k")
        let picker = try t.waitFor("the picker") { $0.contains("Send a signal by hand: worker[3] in app at 0.200s") && $0.contains("Esc cancel") }
        #expect(picker.contains("SIGTERM (15)  its handler runs  [kernel.caught]"), "\(picker)")
        #expect(picker.contains("SIGINT (2)    dies of it (exit 130)  [kernel.default-fatal]"), "\(picker)")
        #expect(picker.contains("PID 3, not PID 1"), "\(picker)")
        // The branch's own run says what happens next.
        try t.waitFor("worker[3]: catches SIGTERM: cleanup for 100ms")
        try t.send("Enter")
        let branch = try t.waitFor("the branch shown") { $0.contains("branch 1: SIGTERM → app/worker#1 at 0.200s") && !$0.contains("Send a signal by hand") }
        #expect(branch.contains("worker[3] in handler until 0.300s"), "\(branch)")
        // Its fate: it exits 0 on its own, before the delete.
        try t.send("G")
        try t.waitFor("worker[3] dead (exit 0)")
        try t.send("b")
        let list = try t.waitFor("the list") { $0.contains("Branches (1)") && $0.contains("--inject 200ms") }
        #expect(list.contains("1. SIGTERM → app/worker#1 at 0.200s: app exit 0 · differs from event 7 (0.200s)"), "\(list)")
        #expect(list.contains("--inject 200ms:app/worker#1:TERM"), "\(list)")
        try t.send("Escape", "0")
        try t.waitFor("the original again") { !$0.contains("branch 1:") && $0.contains("worker[3] dead (SIGKILL)") }
        try t.send("0")
        try t.waitFor("branch 1: SIGTERM")
    }

    @Test func sigtermByHandToAShellPID1IsDiscarded() throws {
        let t = try TmuxSession(["play", "jvm/1-shell-form-cmd", "--at", "12s"], cols: 110, rows: 32)
        defer { t.close() }
        try t.waitFor("t=12.000s")
        try t.send("Tab", "k")
        let picker = try t.waitFor("the picker") { $0.contains("Send a signal by hand: sh[1] in app at 12.000s") && $0.contains("Esc cancel") }
        #expect(picker.contains("SIGTERM (15)  discarded: PID 1 with no handler  [kernel.pid1-ignores-default]"), "\(picker)")
        #expect(picker.contains("SIGKILL (9)   dies at once (exit 137), no handler runs  [kernel.uncatchable]"), "\(picker)")
        try t.send("Escape")
        try t.waitFor("picker closed") { !$0.contains("Send a signal by hand") }
    }
}

/// Workshop mode in the real player: a learner answers wrong, then right, and sees the score.
@Suite("podterm player: workshop", .needsTmux)
struct WorkshopTerminalTests {
    @Test func aWrongThenARightAnswerAndTheScore() throws {
        let t = try TmuxSession(["play", "jvm/1-shell-form-cmd", "--workshop", "learner"], cols: 110, rows: 32)
        defer { t.close() }
        try t.waitFor("event 0/")
        try t.send("G")
        let q1 = try t.waitFor("What happens next? Question 1 of 2 · score 0/0")
        #expect(q1.contains("t=15.000s"), "paused before the discard: \(q1)")
        try t.send("3")
        let wrong = try t.waitFor("the answer") { $0.contains("Not quite: the answer is 2.") && $0.contains("source: linux") }
        #expect(wrong.contains("score 0/1"), "\(wrong)")
        #expect(wrong.contains("rule kernel.pid1-ignores-default"), "\(wrong)")
        #expect(wrong.contains("source: linux kernel/signal.c"), "\(wrong)")
        try t.send("Enter")
        try t.send("G")
        try t.waitFor("What happens next? Question 2 of 2 · score 0/1")
        try t.send("3")
        let right = try t.waitFor("the answer") { $0.contains("Right.") && $0.contains("rule kernel.namespace-zap") }
        #expect(right.contains("score 1/2"), "\(right)")
        #expect(right.contains("rule kernel.namespace-zap"), "\(right)")
    }

    @Test func aTrainerRevealsAndGoesOnWithOneKey() throws {
        let t = try TmuxSession(["play", "jvm/2-exec-form-cmd", "--workshop", "trainer"], cols: 110, rows: 32)
        defer { t.close() }
        try t.waitFor("event 0/")
        try t.send("Space")
        try t.waitFor("Question 1 of 1 · trainer")
        try t.send("Space")
        try t.waitFor("rule app.jvm")
        try t.send("Space")
        try t.waitFor("question closed") { !$0.contains("What happens next?") }
    }
}
