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

@Suite("a pod whose regular containers are done")
struct PodCompletionTests {
    func job(policy: RestartPolicy, exitCode: Int) -> Scenario {
        Scenario(
            pod: PodSpec(
                restartPolicy: policy,
                initContainers: [ContainerSpec(name: "proxy", command: ["/proxy"], restartPolicy: .always)],
                containers: [ContainerSpec(name: "job", command: ["/job"])]),
            programs: ["/proxy": ProgramSpec(), "/job": ProgramSpec(runsFor: 5_000, exitCode: exitCode)])
    }

    @Test func theSidecarIsStoppedAndThePhaseFollowsTheJob() throws {
        let t = try Simulator.run(job(policy: .never, exitCode: 0))
        // The proxy has no handler and is PID 1: SIGTERM is discarded, SIGKILL after the pod's 30 s.
        #expect(t.outcome["containers.proxy.stopSignalAt"] == .duration(5_000))
        #expect(t.outcome["containers.proxy.exitCode"] == .int(137))
        #expect(t.outcome["pod.phase"] == .text("Succeeded"))
        #expect(t.outcome["pod.goneAt"] == .duration(35_000))
    }

    @Test func onFailureRestartsAFailedJobInsteadOfStoppingThePod() throws {
        let t = try Simulator.run(job(policy: .onFailure, exitCode: 1))
        #expect(t.outcome["containers.job.restarts"] != .int(0))
        #expect(t.outcome["containers.proxy.stopSignalAt"] == FigureValue.none)
    }
}
