import PodTerm
import PodTermBuiltins
import PodTermScenario
@testable import PodTermTUI
import Testing

/// Branches in the player, headless: the same keys the terminal gets, and the branch's run
/// against `podterm run --inject`.
@Suite struct BranchDriverTests {
    static func opened(_ name: String) throws -> (Scenario, Timeline) {
        let b = try #require(BuiltinScenarios.named(name))
        let s = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName).scenario
        return (s, try Simulator.run(s))
    }

    @Test func theBranchMadeAtTheKeyboardIsTheHeadlessInjection() throws {
        let (s, t) = try Self.opened("process-trees/tini-forwards")
        var state = PlayerState(timeline: t)
        state.seek(time: 200)
        var d = BranchDriver(scenario: s, seed: nil, original: t)
        state.handle(.tab)
        state.handle(.down)
        state.handle(.down)
        state.handle(.char("k"))
        #expect(state.branchRequest == .sendSignal)
        let p = TreePane.selected(state, MomentAdapter(t).moment(for: state))
        #expect(p.map { t.processes[$0].name } == "worker")
        #expect(d.open(.sendSignal, process: p, time: state.time) == false)
        #expect(d.picker?.rows.first == SignalPickerState.Row(signal: .term, check: .caught))
        #expect(d.picker?.previews[15]?.contains("0.200s worker[3]: catches SIGTERM: cleanup for 100ms [app.handler]") == true)
        #expect(d.handle(.down) == false)
        #expect(d.picker?.signal == .int)
        #expect(d.handle(.up) == false)
        #expect(d.handle(.enter) == true)
        let shown = try #require(d.branches?.timeline)
        var headless = s
        headless.actions.append(try Injection(parsing: "200ms:app/worker#1:SIGTERM", for: s).action)
        #expect(shown.events == (try Simulator.run(headless)).events)
        state = d.player(from: state)
        #expect(state.time == 200 && state.focus == .tree)
        #expect(d.label == "branch 1: SIGTERM → app/worker#1 at 0.200s · 0 original · b branches · d side by side")
        #expect(d.open(.toggleOriginal, process: nil, time: 200) == true)
        #expect(d.branches?.current == 0 && d.label == nil)
        #expect(d.open(.toggleOriginal, process: nil, time: 200) == true)
        #expect(d.branches?.current == 1)
    }

    @Test func kMovesUpOutsideTheTreeAndNeedsAProcessInIt() throws {
        let (s, t) = try Self.opened("pid1-no-handler")
        var state = PlayerState(timeline: t)
        state.handle(.char("k"))
        #expect(state.branchRequest == nil)
        var d = BranchDriver(scenario: s, seed: nil, original: t)
        #expect(d.open(.sendSignal, process: nil, time: 0) == false)
        #expect(d.label == "select a process in the tree first (Tab to the tree, ↑↓)")
        #expect(d.open(.toggleOriginal, process: nil, time: 0) == false)
        var none = BranchDriver(scenario: nil, seed: nil, original: t)
        #expect(none.open(.list, process: 0, time: 0) == false)
        #expect(none.label?.contains("branches need the scenario") == true)
    }

    @Test func aBranchOfABranchKeepsWhatWasDoneFirst() throws {
        let (s, t) = try Self.opened("process-trees/tini-forwards")
        var b = BranchSet(scenario: s, seed: nil, original: t)
        let worker = try #require(t.processes.firstIndex { $0.name == "worker" })
        try b.send(.term, process: worker, at: 100)
        let server = try #require(t.processes.firstIndex { $0.name == "server" })
        try b.send(.kill, process: server, at: 150)
        #expect(b.entries.map(\.branch.name) == ["original", "SIGTERM → app/worker#1 at 0.100s",
                                                 "SIGTERM → app/worker#1 at 0.100s, then SIGKILL → app/server#1 at 0.150s"])
        #expect(BranchListState.lines(b)[2].hasPrefix("2. SIGTERM → app/worker#1 at 0.100s, then SIGKILL → app/server#1 at 0.150s: app exit"))
    }
}
