import PodTerm
import Testing
@testable import PodTermTUI

/// The process tree's detail: dispositions, the last signal and its fate, the ending, each as
/// of the moment shown, not of the run's end.
@Suite struct ProcessDetailTests {
    /// The frame with the tree focused on PID 1 of the selected container, after `count` events.
    func detail(_ p: inout Played, after count: Int, cols: Int = 100) -> Grid {
        p.state.seek(events: count)
        p.state.focus = .tree
        return p.frame(rows: 30, cols: cols)
    }

    @Test func tiniBlocksWhatItForwardsAndTakesSigtermWithSigwait() throws {
        var p = try Played("process-trees/tini-forwards")
        let set = try p.firstEvent { if case .dispositionsChanged = $0.kind { $0.process == 0 } else { false } }
        let before = detail(&p, after: set)
        #expect(before.contains("signals: default TERM INT QUIT HUP CHLD") && !before.contains("USR1"), "\(before.text)")
        #expect(before.contains("last signal: none yet"))
        let after = detail(&p, after: set + 1)
        #expect(after.contains("signals: default TERM* INT* QUIT* HUP* CHLD* USR1* USR2*  (* blocked)"),
                "USR1 and USR2 are shown once tini blocks them: \(after.text)")
        let sent = try p.firstEvent { if case .signalSent(.runtime) = $0.kind { true } else { false } }
        let pending = detail(&p, after: sent + 1)
        #expect(pending.contains("last signal: SIGTERM from the runtime") && pending.contains("pending"), "\(pending.text)")
        let end = detail(&p, after: p.timeline.events.count)
        #expect(end.contains("taken (blocked, sigwait)"), "\(end.text)")
        let code = try #require(p.timeline.processes[0].end)
        #expect(end.contains("ended: exit \(code.status.exitCode)") || end.contains("ended: killed by"), "\(end.text)")
    }

    @Test func nginxCatchesTermAndTheRowSaysSo() throws {
        var p = try Played("workloads/nginx-sigterm-cuts-requests")
        let g = detail(&p, after: p.timeline.events.count)
        #expect(g.contains("signals: handler TERM INT QUIT HUP USR1 · default CHLD"), "USR2 keeps its default, so it is not shown: \(g.text)")
        #expect(g.contains("last signal: SIGTERM from the runtime at 10.000s → caught by its handler"), "\(g.text)")
        #expect(g.contains("ended: exit 0 at 10.000s; collected at 10.000s"), "\(g.text)")
        let wide = p.frame(rows: 30, cols: 160)
        let row = try #require(wide.row(containing: "nginx[1]"))
        #expect(wide.line(row).contains("h:TERM,INT,QUIT,HUP,USR1"), "\(wide.line(row))")
    }

    @Test func anIgnoredSigtermIsDiscardedAndSigkillEndsIt() throws {
        var p = try Played("process-trees/app-ignores-sigterm")
        let discarded = try p.firstEvent { if case .signalDiscarded(.ignored) = $0.kind { true } else { false } }
        let g = detail(&p, after: discarded + 1)
        #expect(g.contains("ignore TERM") && g.contains("discarded: set to ignore") && g.contains("still running"), "\(g.text)")
        let end = detail(&p, after: p.timeline.events.count)
        #expect(end.contains("ended: killed by SIGKILL"), "\(end.text)")
    }

    @Test func withoutTheFocusTheExplanationStays() throws {
        var p = try Played("workloads/nginx-sigterm-cuts-requests")
        p.state.seek(events: p.timeline.events.count)
        let g = p.frame(rows: 30, cols: 100)
        #expect(g.contains("Why: rule") && !g.contains("signals: TERM"), "\(g.text)")
    }
}
