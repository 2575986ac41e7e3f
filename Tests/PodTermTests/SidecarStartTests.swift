import Testing
@testable import PodTerm

@Suite("sidecar start order")
struct SidecarStartTests {
    func pod(version: KubernetesVersion) -> Scenario {
        Scenario(
            kubernetesVersion: version,
            pod: PodSpec(
                restartPolicy: .never,
                initContainers: [
                    ContainerSpec(name: "a", command: ["/a"], restartPolicy: .always),
                    ContainerSpec(name: "b", command: ["/b"], restartPolicy: .always),
                ],
                containers: [ContainerSpec(name: "app", command: ["/app"]), ContainerSpec(name: "worker", command: ["/app"])]),
            programs: ["/a": ProgramSpec(readyAfter: 1_000), "/b": ProgramSpec(readyAfter: 3_000), "/app": ProgramSpec(runsFor: 1_000)])
    }

    func startTimes(_ t: Timeline) -> [String: Millis] {
        var out: [String: Millis] = [:]
        for p in t.processes where p.pid == 1 { out[t.containers[p.container].name] = p.startedAt }
        return out
    }

    @Test func sidecarsStartInOrderAndTheAppsAfterTheLast() throws {
        let starts = startTimes(try Simulator.run(pod(version: .current)))
        #expect(starts == ["a": 0, "b": 1_000, "app": 4_000, "worker": 4_000])
    }

    @Test func before129EverythingStartsTogether() throws {
        let starts = startTimes(try Simulator.run(pod(version: KubernetesVersion(1, 28))))
        #expect(starts == ["a": 0, "b": 0, "app": 0, "worker": 0])
    }
}
