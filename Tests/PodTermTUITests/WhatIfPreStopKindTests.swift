import Foundation
import PodTerm
import PodTermBuiltins
import PodTermScenario
@testable import PodTermTUI
import Testing

/// ← and → on a preStop hook's kind in the what-if panel (issue 11).
@Suite struct WhatIfPreStopKindTests {
    static let kind = "pod.containers.app.lifecycle.preStop.kind"

    static func hooks(_ t: Timeline) -> [LifecycleHandler] {
        t.events.compactMap { if case .preStopStarted(let h, _) = $0.kind { return h } else { return nil } }
    }

    @Test func theArrowsCycleThePreStopKind() throws {
        var w = try WhatIfTests.whatIf("prestop-sleep")
        var s = PlayerState(timeline: w.whatIf.timeline)
        s.seek(time: Millis(12_000))
        #expect(w.handle(.char("t")) == .handled)
        let rows = w.whatIf.tunables.count
        for _ in 0..<rows where w.selected?.path != Self.kind { _ = w.handle(.down) }
        let t = try #require(w.selected)
        #expect(t.path == Self.kind)
        #expect(t.kind == .choice(["none", "sleep", "exec-sleep"]))
        #expect(w.whatIf.tunables.firstIndex { $0.path == Self.kind }! < 3, "high in the list, next to the duration")

        // sleep → exec-sleep: an exec hook running sleep 5.
        #expect(w.handle(.right) == .rerun)
        #expect(w.message == nil)
        #expect(w.whatIf.value(of: Self.kind) == "exec-sleep")
        #expect(Self.hooks(w.whatIf.timeline) == [.exec(command: ["sleep", "5"])])
        s = w.player(after: s)
        #expect(s.time == Millis(12_000))
        // exec-sleep → none (wraps round): no hook, and the app gets SIGTERM at once.
        #expect(w.handle(.right) == .rerun)
        #expect(w.whatIf.value(of: Self.kind) == "none")
        #expect(Self.hooks(w.whatIf.timeline).isEmpty)
        let diff = try #require(w.whatIf.diff)
        #expect(!diff.isEqual)
        #expect(w.handle(.escape) == .handled)
        s = w.player(after: s)
        let g = WhatIfTests.frame(w, s)
        #expect(g.contains("What if \(Self.kind)=none"), "\(g)")
        // none → sleep: back to the original run.
        _ = w.handle(.char("t"))
        #expect(w.handle(.right) == .rerun)
        #expect(w.whatIf.value(of: Self.kind) == "sleep")
        #expect(!w.whatIf.isChanged)
        #expect(w.whatIf.timeline == w.whatIf.originalTimeline)
        // ← from sleep goes to none; u undoes it.
        #expect(w.handle(.left) == .rerun)
        #expect(w.whatIf.value(of: Self.kind) == "none")
        #expect(w.handle(.char("u")) == .rerun)
        #expect(!w.whatIf.isChanged)
    }

    @Test func theKindAppliesToTheHookAsOtherwiseChanged() throws {
        var w = try WhatIfTests.whatIf("prestop-sleep")
        let seconds = "pod.containers.app.lifecycle.preStop.sleep.seconds"
        var what = w.whatIf
        try what.set(Self.kind, to: "exec-sleep")
        try what.set(seconds, to: "7")
        #expect(Self.hooks(what.timeline) == [.exec(command: ["sleep", "7"])], "the duration changed after the kind still counts")
        let text = try what.rewritten().text
        #expect(text.contains("sleep: {seconds: 7}") && text.contains("--set \(Self.kind)=exec-sleep"), "\(text)")
        _ = w.handle(.char("t"))
    }

    @Test func aChangedKindIsWrittenAsASetInTheHeader() throws {
        var w = try WhatIfTests.whatIf("prestop-sleep")
        _ = w.handle(.char("t"))
        for _ in 0..<w.whatIf.tunables.count where w.selected?.path != Self.kind { _ = w.handle(.down) }
        #expect(w.handle(.right) == .rerun)
        let result = try w.whatIf.rewritten()
        #expect(result.text.contains("--set \(Self.kind)=exec-sleep"), "\(result.text)")
        // The file written, run with the --sets its header names, gives the changed run.
        let b = try #require(BuiltinScenarios.named("prestop-sleep"))
        let sets = try result.notWritten.map { try Override(path: $0.path, value: $0.value) }
        let loaded = try ScenarioLoader.load(yaml: result.text, fileName: b.fileName, overrides: sets)
        #expect(loaded.scenario.pod.containers[0].preStop == .exec(command: ["sleep", "5"]))
    }
}
