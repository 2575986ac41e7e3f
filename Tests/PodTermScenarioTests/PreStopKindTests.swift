import PodTerm
import PodTermBuiltins
@testable import PodTermScenario
import Testing

/// `….lifecycle.preStop.kind`: switching which handler a preStop hook has (issue 11's what-if).
@Suite struct PreStopKindTests {
    static let hook = "pod.containers.app.lifecycle.preStop"

    static func prestopSleep() throws -> LoadedScenario {
        let b = try #require(BuiltinScenarios.named("prestop-sleep"))
        return try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
    }

    static func hooks(_ t: Timeline) -> [LifecycleHandler] {
        t.events.compactMap { if case .preStopStarted(let h, _) = $0.kind { return h } else { return nil } }
    }

    @Test func sleepThenNoneThenAnExecOfSleep() throws {
        let base = try Self.prestopSleep()
        #expect(base.scenario.pod.containers[0].preStop == .sleep(seconds: 5))
        #expect(Self.hooks(try Simulator.run(base.scenario)) == [.sleep(seconds: 5)])

        let none = try base.setting(Self.hook + ".kind", to: "none")
        #expect(none.scenario.pod.containers[0].preStop == nil)
        let noHook = try Simulator.run(none.scenario)
        #expect(Self.hooks(noHook).isEmpty, "no hook runs")
        #expect(!noHook.events.contains { if case .preStopFinished = $0.kind { true } else { false } })

        let exec = try base.setting(Self.hook + ".kind", to: "exec-sleep")
        #expect(exec.scenario.pod.containers[0].preStop == .exec(command: ["sleep", "5"]), "the 5 s of the sleep are kept")
        let t = try Simulator.run(exec.scenario)
        #expect(Self.hooks(t) == [.exec(command: ["sleep", "5"])])
        #expect(t.events.contains { if case .processStarted(_, let argv, _) = $0.kind { argv == ["sleep", "5"] } else { false } },
                "the exec hook runs sleep in the container")
        let finished = t.events.first { if case .preStopFinished = $0.kind { true } else { false } }
        let started = t.events.first { if case .preStopStarted = $0.kind { true } else { false } }
        #expect(finished.map(\.time) == started.map { $0.time + Millis(5_000) }, "sleep 5 takes 5 s")

        // And back: an exec of sleep N becomes sleep.seconds N; the same kind changes nothing.
        let back = try exec.setting(Self.hook + ".kind", to: "sleep")
        #expect(back.scenario == base.scenario)
        #expect(try base.setting(Self.hook + ".kind", to: "sleep").scenario == base.scenario)
    }

    @Test func aSwitchNeedingAValueTheHookLacksIsRefused() throws {
        let base = try Self.prestopSleep()
        let none = try base.setting(Self.hook + ".kind", to: "none")
        #expect(throws: ScenarioError.self) { try none.setting(Self.hook + ".kind", to: "sleep") }
        do {
            _ = try base.setting(Self.hook + ".kind", to: "httpGet")
            Issue.record("httpGet without a port was accepted")
        } catch {
            #expect(error.message.contains("needs a port"), "\(error.message)")
            #expect(error.message.contains("\(Self.hook).httpGet.port"), "\(error.message)")
        }
        // With the hook cleared first, the fields of the new kind give its values.
        let http = try none.setting(Self.hook + ".httpGet.port", to: "8080")
        #expect(http.scenario.pod.containers[0].preStop == .httpGet(path: "/", port: 8080))
        #expect(throws: ScenarioError.self) { try http.setting(Self.hook + ".kind", to: "exec-sleep") }
    }

    @Test func theTunablesOfferTheKindNextToTheDuration() throws {
        let b = try #require(BuiltinScenarios.named("prestop-sleep"))
        let list = try Tunables.list(yaml: b.yaml, fileName: b.fileName)
        let kind = try #require(list.first { $0.path == Self.hook + ".kind" })
        let seconds = try #require(list.first { $0.path == Self.hook + ".sleep.seconds" })
        #expect(kind.value == "sleep")
        #expect(kind.kind == .choice(["none", "sleep", "exec-sleep"]))
        #expect(kind.importance == seconds.importance && kind.importance == 1)
        #expect(kind.line == nil, "no file writes the kind as a value")
    }
}
