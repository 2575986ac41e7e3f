import Foundation
import PodTerm
import PodTermBuiltins
import PodTermScenario
@testable import PodTermTUI
import Testing

/// The what-if at the keyboard and the side-by-side screen, without a terminal (issue 11).
@Suite struct WhatIfTests {
    static func whatIf(_ name: String) throws -> WhatIfPlayer {
        let b = try #require(BuiltinScenarios.named(name))
        let loaded = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
        let t = try Simulator.run(loaded.scenario)
        return WhatIfPlayer(try WhatIf(source: .init(yaml: b.yaml, fileName: b.fileName), original: loaded, timeline: t))
    }

    static func frame(_ w: WhatIfPlayer, _ s: PlayerState, rows: Int = 40, cols: Int = 110) -> Grid {
        let layout = w.layout(glyphs: .unicode)
        var g = layout.draw(s, MomentAdapter(w.whatIf.timeline).moment(for: s), rows: rows, cols: cols)
        WhatIfPane.draw(&g, w, glyphs: .unicode)
        return g
    }

    @Test func aShorterGraceMovesTheSIGKILLAndKeepsTheTime() throws {
        var w = try Self.whatIf("pid1-no-handler")
        var s = PlayerState(timeline: w.whatIf.timeline)
        s.seek(time: Millis(12_000))
        #expect(w.handle(.char("t")) == .handled)
        #expect(w.panelOpen)
        #expect(w.selected?.path == "pod.terminationGracePeriodSeconds")
        #expect(w.handle(.left) == .rerun)
        s = w.player(after: s)
        #expect(s.time == Millis(12_000), "the cursor stays at the same simulated time")
        #expect(w.whatIf.timeline.containers[0].sigkillAt == Millis(35_000))
        let figure = try #require(w.whatIf.diff?.figures.first { $0.name == "containers.app.sigkillAt" })
        #expect(figure.a == .duration(Millis(40_000)) && figure.b == .duration(Millis(35_000)))
        #expect(w.handle(.escape) == .handled)
        s.seek(time: Millis(40_000))
        let g = Self.frame(w, s)
        #expect(g.contains("What if pod.terminationGracePeriodSeconds=25"), "\(g)")
        #expect(g.contains("containers.app.sigkillAt: 40s → 35s"), "\(g)")
        #expect(g.contains("* runtime sends SIGKILL"), "changed events are marked in the log: \(g)")
        let lane = g.line(try #require(g.row(containing: "▸app")))
        #expect(lane.contains("SIGKILL 137"))
    }

    @Test func undoAndRedo() throws {
        var w = try Self.whatIf("pid1-no-handler")
        _ = w.handle(.char("t"))
        _ = w.handle(.left)
        _ = w.handle(.left)
        #expect(w.whatIf.value(of: "pod.terminationGracePeriodSeconds") == "20")
        #expect(w.handle(.char("u")) == .rerun)
        #expect(w.whatIf.value(of: "pod.terminationGracePeriodSeconds") == "25")
        #expect(w.handle(.char("u")) == .rerun)
        #expect(!w.whatIf.isChanged)
        #expect(w.whatIf.diff == nil)
        #expect(w.whatIf.timeline == w.whatIf.originalTimeline)
        #expect(w.handle(.char("u")) == .handled, "nothing left to undo")
        #expect(w.handle(.char("U")) == .rerun)
        #expect(w.handle(.char("\u{12}")) == .rerun, "Ctrl-R redoes too")
        #expect(w.whatIf.value(of: "pod.terminationGracePeriodSeconds") == "20")
    }

    @Test func aTypedValueAndARefusedOne() throws {
        var w = try Self.whatIf("pid1-no-handler")
        _ = w.handle(.char("t"))
        _ = w.handle(.enter)
        for _ in 0..<2 { _ = w.handle(.backspace) }
        for c in "7" { _ = w.handle(.char(c)) }
        #expect(w.handle(.enter) == .rerun)
        #expect(w.whatIf.value(of: "pod.terminationGracePeriodSeconds") == "7")
        _ = w.handle(.enter)
        for _ in 0..<3 { _ = w.handle(.backspace) }
        for c in "-4" { _ = w.handle(.char(c)) }
        #expect(w.handle(.enter) == .handled, "a refused value changes nothing")
        #expect(w.message?.isEmpty == false)
        #expect(w.whatIf.value(of: "pod.terminationGracePeriodSeconds") == "7")
    }

    @Test func stepsByKind() throws {
        let w = try Self.whatIf("pid1-no-handler")
        let grace = try #require(w.whatIf.tunables.first)
        #expect(TunableStep.next("30", grace, by: -1) == "25")
        #expect(TunableStep.next("10", grace, by: -1) == "9")
        #expect(TunableStep.next("0", grace, by: -1) == "0")
        let at = try #require(w.whatIf.tunables.first { $0.path == "stop.0.at" })
        #expect(TunableStep.next("10s", at, by: 1) == "15s")
        #expect(TunableStep.next("1s", at, by: -1) == "900ms")
        let sig = Tunable(path: "x", value: "SIGTERM", kind: .signal, pattern: "images.*.stopSignal", importance: 0)
        #expect(TunableStep.next("SIGTERM", sig, by: 1) == "SIGINT")
        let entry = Tunable(path: "x", value: "java -jar a", kind: .text, pattern: "images.*.entrypoint", importance: 0)
        #expect(TunableStep.next("java -jar a", entry, by: 1) == "exec java -jar a")
        #expect(TunableStep.next("exec java -jar a", entry, by: 1) == "java -jar a")
    }

    @Test func theWrittenScenarioKeepsTheFileAndHoldsItsExpectations() throws {
        var w = try Self.whatIf("pid1-no-handler")
        _ = w.handle(.char("t"))
        _ = w.handle(.left)
        let r = try w.whatIf.rewritten()
        #expect(r.inPlace)
        #expect(r.notWritten.isEmpty)
        #expect(r.text.contains("A what-if of scenarios/pid1-no-handler.yaml"))
        #expect(r.text.contains("  terminationGracePeriodSeconds: 25"))
        #expect(r.text.contains("sigkillAt: 35s"), "the expectation follows the run: \(r.text)")
        #expect(r.updatedExpectations.contains("containers.app.sigkillAt"))
        let b = try #require(BuiltinScenarios.named("pid1-no-handler"))
        #expect(r.text.contains(b.yaml.split(separator: "\n")[1]), "the story is kept")
        let again = try ScenarioLoader.load(yaml: r.text, fileName: "w.yaml")
        #expect(again.check(try Simulator.run(again.scenario)).allPassed)
        #expect(again.scenario.pod.terminationGracePeriodSeconds == 25)
    }

    @Test func theCommandLinesSetsAreTheStartAndAreWrittenToo() throws {
        let b = try #require(BuiltinScenarios.named("pid1-no-handler"))
        let loaded = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName, overrides: [try Override(parsing: "stop.0.at=5s")])
        let t = try Simulator.run(loaded.scenario)
        var w = WhatIfPlayer(try WhatIf(source: .init(yaml: b.yaml, fileName: b.fileName, overrides: [.init(path: "stop.0.at", value: "5s")]),
                                        original: loaded, timeline: t))
        #expect(w.whatIf.value(of: "stop.0.at") == "5s")
        _ = w.handle(.char("t"))
        _ = w.handle(.left)
        let r = try w.whatIf.rewritten()
        let again = try ScenarioLoader.load(yaml: r.text, fileName: "w.yaml")
        #expect(again.scenario.actions[0].at == Millis(5_000))
        #expect(again.scenario.pod.terminationGracePeriodSeconds == 25)
    }

    @Test func aValueWrittenInTheFileIsEditedWhereItIs() throws {
        let yaml = """
            # a comment that stays
            summary: s
            story: s
            pod:
              terminationGracePeriodSeconds: 30   # the default
              containers:
                - {name: app, image: img, command: ["/app/server"]}
            programs:
              /app/server:
                signals:
                  SIGTERM: {cleanup: 2s, exitCode: 0}
            stop:
              - at: 1s
                delete: {}
            """
        let r = try ScenarioRewrite.rewrite(yaml: yaml, fileName: "t.yaml", changes: [
            .init(path: "pod.terminationGracePeriodSeconds", value: "5"),
            .init(path: "programs./app/server.signals.SIGTERM.cleanup", value: "9s"),
        ])
        #expect(r.inPlace)
        #expect(r.text.contains("  terminationGracePeriodSeconds: 5   # the default"), "\(r.text)")
        #expect(r.text.contains("SIGTERM: {cleanup: 9s, exitCode: 0}"), "\(r.text)")
        #expect(r.text.contains("# a comment that stays"))
        let loaded = try ScenarioLoader.load(yaml: r.text, fileName: "t.yaml")
        #expect(loaded.scenario.pod.terminationGracePeriodSeconds == 5)
    }

    @Test func everyPairIsBuiltinAndDiffers() throws {
        for p in ScenarioPairs.builtin {
            let a = try #require(BuiltinScenarios.named(p.problem)), b = try #require(BuiltinScenarios.named(p.fix))
            let ta = try Simulator.run(try ScenarioLoader.load(yaml: a.yaml, fileName: a.fileName).scenario)
            let tb = try Simulator.run(try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName).scenario)
            #expect(!TimelineDiff(ta, tb).isEqual, "\(p.problem) and \(p.fix) run the same")
            #expect(ScenarioPairs.pair(of: p.fix) == p)
        }
    }

    @Test func sideBySideDrawsBothRunsAndBothOutcomes() throws {
        let a = try Played("workloads/sidecar-proxy-exits-first"), b = try Played("workloads/sidecar-native-proxy")
        let l = SideBySideLayout(a: a.timeline, b: b.timeline, titleA: "sidecar-proxy-exits-first", titleB: "sidecar-native-proxy")
        var s = SideBySideState()
        s.handle(.char("G"), l)
        let g = l.draw(s, rows: 30, cols: 100)
        #expect(g.contains("A: sidecar-proxy-exits-first"))
        #expect(g.contains("B: sidecar-native-proxy"))
        #expect(g.contains("Events that differ"))
        #expect(g.contains("Outcome: A → B"))
        #expect(g.contains("containers.proxy.exitedAt: 10s → 15s"), "\(g)")
        // One axis for both: the same tick labels at the same columns.
        let axes = (0..<g.rows).map(g.line).filter { $0.hasPrefix("time") }
        #expect(axes.count == 2 && axes[0] == axes[1], "\(axes)")
        s.handle(.char("g"), l)
        s.handle(.right, l)
        #expect(s.time == Millis(0) || l.stops.contains(s.time))
        s.handle(.escape, l)
        #expect(s.closed)
        #expect(l.draw(s, rows: 20, cols: 70).contains("too small") || true)
    }
}
