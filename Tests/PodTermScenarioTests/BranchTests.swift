import PodTerm
import PodTermBuiltins
import PodTermScenario
import Testing

/// Branches: the same scenario plus signals sent by hand; and `SendCheck`, which says what a
/// signal would do to a process at a moment, checked against what the engine then does.
@Suite struct BranchTests {
    static func scenario(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(yaml: BuiltinScenarios.named(name)!.yaml, fileName: name + ".yaml").scenario
    }

    static func kill(_ at: Millis, _ target: String, _ sig: Signal = .term) -> StopAction {
        StopAction(at: at, .kill(HandKill(target: ProcessTarget(parsing: target)!, signal: sig)))
    }

    @Test func aBranchIsNamedByWhatWasDoneAndReplays() throws {
        let s = try Self.scenario("jvm/1-shell-form-cmd")
        let b = Branch(of: s).adding(Self.kill(12_000, "java"))
        #expect(b.name == "SIGTERM → java at 12.000s")
        #expect(b.adding(Self.kill(13_500, "app/sh", .kill)).name == "SIGTERM → java at 12.000s, then SIGKILL → app/sh at 13.500s")
        #expect(Branch(of: s).name == "original")
        #expect(b.injectFlags == ["--inject 12000ms:java:TERM"])
        // The same as the headless --inject.
        var headless = s
        headless.actions.append(try Injection(parsing: "12000ms:java:TERM", for: s).action)
        let t = try b.run()
        #expect(t.events == (try Simulator.run(headless)).events)
        #expect(try b.run().events == t.events)
    }

    @Test func beforeTheInjectionNothingChanges() throws {
        let s = try Self.scenario("process-trees/tini-forwards")
        let original = try Simulator.run(s)
        let t = try Branch(of: s).adding(Self.kill(200, "worker")).run()
        let first = try #require(Branch.firstDifference(original, t))
        #expect(original.events[..<first].allSatisfy { $0.time <= 200 })
        #expect(original.events[first...].allSatisfy { $0.time >= 200 })
        #expect(t.events[first].kind == .signalSent(origin: .node))
        #expect(Branch.firstDifference(original, try Branch(of: s).run()) == nil)
    }

    /// For every process of several scenarios, at moments between events, and every signal
    /// that can be sent by hand: what `SendCheck.predict` says is what the kernel does.
    @Test(arguments: ["process-trees/tini-forwards", "jvm/1-shell-form-cmd", "process-trees/dumb-init-group", "process-trees/ignore-inherited",
                      "process-trees/supervisord", "process-trees/bash-exit-trap"])
    func thePredictionIsWhatTheKernelDoes(_ name: String) throws {
        let s = try Self.scenario(name)
        let original = try Simulator.run(s)
        let times = Set(original.events.map(\.time))
        var moments: [Millis] = []
        // Moments between events, while the pod is still there (after it, nothing acts).
        let last = original.events.last!.time
        for t in original.events.map(\.time) where t + 1 < last && !times.contains(t + 1) && !moments.contains(t + 1) { moments.append(t + 1) }
        var checked = 0
        for at in moments.prefix(4) {
            let m = original.moment(at: at)
            let keys = Outcome.processKeys(m)
            for (key, p) in keys {
                let target = key.contains("#") ? key : key + "#1"
                for n in 1...31 {
                    let sig = Signal(rawValue: n)!
                    if HandKill.isStopSignal(sig) { continue }
                    let fate = SendCheck.predict(sig, to: m.processes[p])
                    let t = try Branch(of: s).adding(Self.kill(at, target, sig)).run()
                    let sent = try #require(t.events.firstIndex { $0.kind == .signalSent(origin: .node) }, "\(name) \(key) \(sig)")
                    #expect(t.events[sent].process == p)
                    let next = t.events[(sent + 1)...].first { $0.process == p && $0.signal == sig && !$0.kind.isBookkeeping }
                    if case .signalDiscarded? = next?.kind {
                        #expect(!fate.arrives && next?.rule == fate.rule, "\(name) at \(at) \(key) \(sig): predicted \(fate), got \(String(describing: next))")
                    } else {
                        #expect(fate.arrives, "\(name) at \(at) \(key) \(sig): predicted \(fate), got \(String(describing: next))")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 50)
    }
}
