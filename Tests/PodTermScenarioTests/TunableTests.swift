import PodTerm
import PodTermBuiltins
@testable import PodTermScenario
import Testing

/// The tunables list (issue 11, what-if): every value a scenario holds, found from the file,
/// the ones that matter first, each settable through the typed override and round-tripping.
@Suite struct TunableTests {
    /// Setting every listed value to itself gives back the same scenario; setting a choice to
    /// another of its choices changes it, and back again restores it.
    @Test(arguments: BuiltinScenarios.all.map(\.name))
    func everyTunableRoundTrips(_ name: String) throws {
        let b = try #require(BuiltinScenarios.named(name))
        let loaded = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
        let tunables = try Tunables.list(yaml: b.yaml, fileName: b.fileName)
        #expect(!tunables.isEmpty)
        for t in tunables {
            let same = try loaded.setting(t.path, to: t.value)
            #expect(same.scenario == loaded.scenario, "\(name): \(t.path)=\(t.value) changed the scenario")
        }
        #expect(Set(tunables.map(\.path)).count == tunables.count, "\(name): a path listed twice")
        #expect(tunables.map(\.importance) == tunables.map(\.importance).sorted(), "\(name): not in importance order")
    }

    @Test func graceComesFirstEvenWhenTheFileLeavesItOut() throws {
        let yaml = """
            summary: s
            story: s
            pod:
              containers:
                - name: app
                  image: img
            images:
              img: {entrypoint: ["/app/server"]}
            programs:
              /app/server:
                signals:
                  SIGTERM: {cleanup: 2s}
            stop:
              - at: 1s
                delete: {}
            """
        let list = try Tunables.list(yaml: yaml, fileName: "t.yaml")
        #expect(list.first?.path == "pod.terminationGracePeriodSeconds")
        #expect(list.first?.value == "30")
        #expect(list.first?.line == nil)
        let cleanup = try #require(list.first { $0.path == "programs./app/server.signals.SIGTERM.cleanup" })
        #expect(cleanup.kind == .duration)
        #expect(cleanup.value == "2s")
        #expect(cleanup.line == 12)
        let at = try #require(list.first { $0.path == "stop.0.at" })
        #expect(list.firstIndex(of: cleanup)! < list.firstIndex(of: at)!)
    }

    @Test func kindsComeFromTheFields() throws {
        let b = try #require(BuiltinScenarios.all.first { $0.yaml.contains("stopSignal:") && $0.yaml.contains("containers:") })
        let list = try Tunables.list(yaml: b.yaml, fileName: b.fileName)
        for t in list where t.pattern.hasSuffix("stopSignal") { #expect(t.kind == .signal) }
        for t in list where t.pattern == "pod.terminationGracePeriodSeconds" { #expect(t.kind == .integer) }
        for t in list where t.pattern == "pod.restartPolicy" {
            guard case .choice(let c) = t.kind else { Issue.record("restartPolicy not a choice"); continue }
            #expect(c.contains("Never"))
        }
    }
}
