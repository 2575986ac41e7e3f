import PodTerm
import PodTermBuiltins
import Testing
@testable import PodTermTUI

/// The player's screen, drawn into the in-memory grid, at a few moments of built-in scenarios.
@Suite struct LayoutTests {
    @Test func headerAtTheStart() throws {
        let p = try Played("pid1-no-handler")
        let g = p.frame()
        #expect(g.line(0).contains("podterm · pid1-no-handler · seed 1"), "\(g.text)")
        #expect(g.line(0).contains("paused") && g.line(0).contains("t=0.000s") && g.line(0).contains("event 0/\(p.timeline.events.count)"))
        #expect(g.line(1).hasPrefix("pod web: Running · endpoint ready"), "\(g.text)")
        #expect(g.line(2) == "grace: not started")
        #expect(g.contains("nothing has happened yet"))
    }

    @Test func atTheDiscardedSigterm() throws {
        var p = try Played("pid1-no-handler")
        let discarded = try p.firstEvent { if case .signalDiscarded = $0.kind { return true }; return false }
        p.state.seek(events: discarded + 1)
        let g = p.frame()
        #expect(g.line(1).contains("Terminating") && g.line(1).contains("not ready"), "\(g.text)")
        #expect(g.line(2).contains("30.0s of 30.0s left") && g.line(2).contains("SIGKILL at 40.000s"), "\(g.text)")
        let tree = try #require(g.row(containing: "server[1] running"), "\(g.text)")
        #expect(g.line(tree).contains("TERM→discarded"))
        // The current event is the last row of the log, in reverse video.
        let current = try #require(g.row(containing: "10.000s kernel SIGTERM → server[1]"), "\(g.text)")
        let logCol = 37
        #expect(g[current, logCol].style.reverse)
        #expect(g.contains("Why: rule kernel.pid1-ignores-default"))
        #expect(g.contains("why: A signal sent to PID 1 of a namespace while its disposition is the default"))
        // More room, more detail: the source too.
        let big = p.frame(rows: 40, cols: 120)
        #expect(big.contains("source: linux kernel/signal.c sig_task_ignored, send_signal_locked"), "\(big.text)")
    }

    @Test func countdownDrainsInTrueProportion() throws {
        var p = try Played("pid1-no-handler")
        p.state.seek(time: 25_000)  // deleted at 10 s with 30 s of grace: half gone
        let g = p.frame(rows: 24, cols: 100)
        let bar = g.line(2)
        #expect(bar.contains("15.0s of 30.0s left"), "\(g.text)")
        let full = bar.filter { $0 == "█" }.count, empty = bar.filter { $0 == "░" }.count
        #expect(full > 0 && empty > 0)
        #expect(abs(full + 1 - empty) <= 2, "bar \(bar): \(full) left, \(empty) used")  // +1: the SIGKILL mark K
        #expect(bar.contains("K]"), "the SIGKILL deadline is marked at the end of the grace: \(bar)")
    }

    @Test func sigkillSpanInTheRightLaneAndTheTreeAfterPid1Died() throws {
        var p = try Played("pid1-no-handler")
        p.press(.char("G"))
        let g = p.frame()
        let lane = try #require(g.row(containing: "▸app"), "\(g.text)")
        #expect(g.line(lane).contains("SIGTERM") && g.line(lane).contains("SIGKILL 137"), "\(g.text)")
        #expect(g.contains("server[1] dead (SIGKILL) KILL→fatal"), "\(g.text)")
        #expect(g.line(1).contains("pod web: gone"))
        #expect(g.contains("10.000s endpoint not ready"))
    }

    @Test func sidecarsAreMarkedAndEachLaneShowsItsOwnEnd() throws {
        var p = try Played("workloads/sidecar-native-proxy")
        p.press(.char("G"))
        let g = p.frame(rows: 30, cols: 100)
        let proxy = try #require(g.row(containing: "proxy (sidecar)"), "\(g.text)")
        let app = try #require(g.row(containing: "▸app"), "\(g.text)")
        #expect(proxy < app)
        #expect(g.line(app).contains("SIGTERM") && g.line(app).contains("exit 0"))
        #expect(g.line(proxy).contains("exit 0"))
        #expect(!g.line(proxy).contains("SIGKILL"))
    }

    @Test func damageCountersAreThoseOfTheMoment() throws {
        var p = try Played("workloads/nginx-sigterm-cuts-requests")
        let w = p.timeline.workloads[0]
        let first = p.timeline.firstMoment.workloads[0]
        let start = p.frame(rows: 24, cols: 160)
        let row = try #require(start.row(containing: "Damage: "), "\(start.text)")
        for (name, value) in zip(first.names, first.values) {
            #expect(start.line(row).contains("\(name) \(value)"), "\(name) \(value) in \(start.line(row))")
        }
        p.press(.char("G"))
        let end = p.frame(rows: 24, cols: 160)
        let line = end.line(try #require(end.row(containing: "Damage: ")))
        for (name, value) in w.figures { #expect(line.contains("\(name) \(value)"), "\(name) \(value) in \(line)") }
        #expect(line != start.line(row), "the counters moved during the run")
    }

    @Test(arguments: [(79, 24), (80, 23), (60, 15), (20, 5)])
    func tooSmall(cols: Int, rows: Int) throws {
        let p = try Played("pid1-no-handler")
        let g = p.frame(rows: rows, cols: cols)
        #expect(g.text.replacingOccurrences(of: "\n", with: " ").contains("Terminal is \(cols)x\(rows)"), "\(g.text)")
        #expect(!g.contains("Containers"))
    }

    @Test func exactly80x24IsEnough() throws {
        let p = try Played("pid1-no-handler")
        #expect(p.frame(rows: 24, cols: 80).contains("Containers"))
    }

    @Test func asciiGlyphsLeaveNoOtherCharacter() throws {
        var p = try Played("process-trees/tini-forwards", glyphs: .ascii)
        p.press(.char("G"))
        for overlay in [nil, PlayerState.Overlay.help] {
            p.state.overlay = overlay
            let g = p.frame(rows: 30, cols: 100).asciified()
            let odd = g.text.unicodeScalars.filter { $0.value > 0x7E }
            #expect(odd.isEmpty, "\(String(String.UnicodeScalarView(odd)))\n\(g.text)")
            #expect(g.contains("+-") || g.contains("|-") || g.contains("`-"), "\(g.text)")
        }
    }

    @Test func helpOverlayListsEveryKey() throws {
        var p = try Played("pid1-no-handler")
        p.press(.char("?"))
        let g = p.frame()
        for k in Overlays.keys { #expect(g.contains(k.key), "help lacks \(k.key)") }
        p.press(.char("?"))
        #expect(!p.frame().contains("this help"))
    }

    @Test func explanationOverlay() throws {
        var p = try Played("pid1-no-handler")
        p.press(.char("]"), .char("]"), .char("]"))
        let e = try #require(p.state.currentEvent)
        p.press(.enter)
        let g = p.frame(rows: 30, cols: 100)
        let rule = p.timeline.events[e].rule
        #expect(g.contains("Event \(e + 1): rule \(rule.id)"), "\(g.text)")
        #expect(g.contains(String(rule.reason.prefix(40))), "\(g.text)")
        #expect(g.contains("source: " + String(rule.source.prefix(40))), "\(g.text)")
    }

    @Test func treeOfAGeneratedScenarioScrolls() throws {
        var p = try Played(yaml: GeneratedScenarios.wideTree(children: 300))
        // Just before the kill: everything running.
        let zap = try p.firstEvent { if case .namespaceTeardown = $0.kind { return true }; return false }
        p.state.seek(events: zap)
        p.state.focus = .tree
        let g = p.frame()
        #expect(g.contains("Processes: app (301)"), "\(g.text)")
        #expect(g.contains(" 1-"), "\(g.text)")
        p.press(.char("G"))
        p.state.treeRow = 0
        p.press(.pageDown, .pageDown)
        let h = p.frame()
        #expect(h.contains("sleep["), "\(h.text)")
        #expect(h.contains("dead (SIGKILL)"), "\(h.text)")
    }
}

/// Only what changed is redrawn.
@Suite struct GridDiffTests {
    @Test func aStepRewritesOnlyWhatChanged() throws {
        var p = try Played("pid1-no-handler")
        let first = p.frame()
        let full = first.changedRuns(since: nil)
        #expect(!full.isEmpty)
        #expect(first.changedRuns(since: first).isEmpty, "the same frame writes nothing")
        p.press(.right)
        let second = p.frame()
        let runs = second.changedRuns(since: first)
        let cells = runs.map { $0.text.unicodeScalars.count }.reduce(0, +)
        #expect(cells > 0 && cells < 80 * 24 / 2, "\(cells) cells rewritten")
        // Applying the runs to the old frame gives the new one.
        var patched = first
        for r in runs { patched.put(r.row, r.col, r.text, r.style) }
        #expect(patched == second)
    }
}

/// Every built-in scenario draws at every key moment, small and large, with the header and
/// the lanes of all its containers (when they fit) and the right event count.
@Suite struct EveryBuiltinDrawsTests {
    @Test(arguments: BuiltinScenarios.all.map(\.name))
    func drawsAtEveryKeyMoment(name: String) throws {
        var p = try Played(name)
        var moments = [0] + p.state.keyEvents.map { $0 + 1 } + [p.timeline.events.count]
        moments = Array(Set(moments)).sorted()
        for n in moments {
            p.state.seek(events: n)
            for (rows, cols) in [(24, 80), (60, 200)] {
                let g = p.frame(rows: rows, cols: cols)
                #expect(g.line(0).contains("event \(n)/\(p.timeline.events.count)"), "\(g.text)")
                let m = p.adapter.moment(for: p.state)
                if rows == 60 {
                    for c in m.containers { #expect(g.contains(c.name), "lane of \(c.name) at \(n): \(g.text)") }
                }
                #expect(g.line(1).contains(m.pod.phase.rawValue))
            }
        }
    }
}

extension LayoutTests {
    @Test func damageGrowsWhilePlayingBetweenTwoEvents() throws {
        // nginx serves 50 requests a second from 0 s; the first change is at 10 s.
        var p = try Played("workloads/nginx-sigterm-cuts-requests")
        p.state.seek(time: 4_000)
        let line = p.frame(rows: 24, cols: 160).line(try #require(p.frame(rows: 24, cols: 160).row(containing: "Damage: ")))
        #expect(line.contains("requests 200 · served 200 · refused 0 · failed 0") && !line.contains("as of"), "\(line)")
    }

    @Test func poissonDamageBetweenTwoChangesSaysWhenItWasCounted() throws {
        var p = try Played("workloads/rollout-poisson-traffic")
        let firstChange = try #require(p.timeline.events.first { if case .meters = $0.kind { $0.time > 0 } else { false } }).time
        p.state.seek(time: firstChange / 2)
        let g = p.frame(rows: 24, cols: 160)
        let line = g.line(try #require(g.row(containing: "Damage: ")))
        #expect(line.contains("(as of "), "\(line)")
    }
}
