import PodTerm
@testable import PodTermScenario
import Testing

/// `kubelet.sandbox-stop`, `pause.init`, `containerd.kill-all-on-exit`, `docker.rm-destroys`:
/// the pod sandbox, a PID namespace shared by the pod, and Docker's removal after `rm -f`.
@Suite("the pod sandbox and a shared PID namespace")
struct SandboxTests {
    /// Two containers: an app with no SIGTERM handler whose launcher leaves an orphan that
    /// ignores SIGTERM, and a sidecar that cleans up for 2 s.
    static let yaml = """
        summary: shared
        story: |
          shared
        pod:
          terminationGracePeriodSeconds: 10
          containers:
            - name: app
              image: example/app:1.0
              command: ["/app/server"]
            - name: logs
              image: example/app:1.0
              command: ["/app/shipper"]
        programs:
          /app/server:
            children:
              - command: ["/app/launcher"]
          /app/launcher:
            runsFor: 100ms
            children:
              - command: ["/app/indexer"]
          /app/indexer:
            signals:
              SIGTERM: ignore
          /app/shipper:
            signals:
              SIGTERM: {cleanup: 2s, exitCode: 0}
        stop:
          - at: 1s
            delete: {}

        """

    func run(shared: Bool) throws -> Timeline {
        let loaded = try load(Self.yaml, overrides: shared ? ["pod.shareProcessNamespace=true"] : [])
        #expect(loaded.scenario.pod.shareProcessNamespace == shared)
        return try Simulator.run(loaded.scenario)
    }

    func process(_ t: Timeline, _ name: String) throws -> Int {
        try #require(t.processes.indices.first { t.processes[$0].name == name })
    }

    func index(_ t: Timeline, of kind: (EventKind) -> Bool, process: Int? = nil) -> Int? {
        t.events.indices.first { kind(t.events[$0].kind) && (process == nil || t.events[$0].process == process) }
    }

    @Test func theFieldDecodes() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "  terminationGracePeriodSeconds: 10\n", with: "  terminationGracePeriodSeconds: 10\n  shareProcessNamespace: true\n")
        #expect(try load(yaml).scenario.pod.shareProcessNamespace)
        #expect(try load(Self.yaml).scenario.pod.shareProcessNamespace == false)
    }

    @Test func alonePID1IgnoresSIGTERMSharedItDiesOfIt() throws {
        let alone = try run(shared: false)
        #expect(alone.outcome["containers.app.exitCode"] == .int(137))
        #expect(alone.outcome["processes.app/server.fates"] == .list(["pid1-default", "killed"]))
        let shared = try run(shared: true)
        #expect(shared.outcome["containers.app.exitCode"] == .int(143))
        #expect(shared.outcome["containers.app.exitedAt"] == .duration(1_000))
        #expect(shared.outcome["processes.app/server.end"] == .text("SIGTERM"))
    }

    @Test func pauseIsPID1OfTheOneNamespace() throws {
        let t = try run(shared: true)
        let pod = try #require(t.containers.firstIndex { $0.isSandbox })
        #expect(t.containers[pod].name == "POD")
        let pause = try process(t, "pause")
        #expect(t.processes[pause].container == pod && t.processes[pause].pid == 1)
        // One sequence of PIDs for the whole pod.
        #expect(t.processes.map(\.pid) == Array(1...t.processes.count))
        #expect(t.processes[try process(t, "server")].pid == 2)
        // No container figures for the sandbox; the pause process has its own.
        #expect(t.outcome["containers.POD.exitCode"] == nil)
        #expect(t.outcome["processes.POD/pause.end"] == .text("SIGKILL"))
        #expect(t.outcome["outcome.sigkilled"] == .bool(false))
    }

    @Test func theOrphanGoesToPauseAndTheShimKillsTheRestOfTheCgroup() throws {
        let t = try run(shared: true)
        let pause = try process(t, "pause"), indexer = try process(t, "indexer"), server = try process(t, "server")
        let reparented = try #require(index(t, of: { if case .reparented(let p) = $0 { return p == pause }; return false }, process: indexer))
        #expect(t.events[reparented].time == 100)
        // The server dies at 1 s; the shim then SIGKILLs the indexer, which ignores SIGTERM, before the exit is reported.
        let killAll = try #require(t.events.indices.first { t.events[$0].rule == .containerdKillAllOnExit && t.events[$0].process == indexer })
        let exit = try #require(index(t, of: { if case .containerExited = $0 { return true }; return false }))
        let serverDeath = try #require(index(t, of: { if case .killedBySignal = $0 { return true }; return false }, process: server))
        #expect(serverDeath < killAll && killAll < exit && t.events[exit].container == 0)
        let reaped = try #require(index(t, of: { if case .reaped(let by) = $0 { return by == pause }; return false }, process: indexer))
        #expect(reaped > killAll)
        #expect(t.outcome["outcome.zombies"] == .int(0))
        // The other container's processes are not in that cgroup: the sidecar finishes its cleanup.
        #expect(t.outcome["containers.logs.exitCode"] == .int(0))
        #expect(t.outcome["containers.logs.exitedAt"] == .duration(3_000))
    }

    @Test func theSandboxStopsAfterTheLastContainerAndBeforeTheTerminalPhase() throws {
        for shared in [false, true] {
            let t = try run(shared: shared)
            let lastExit = try #require(t.events.indices.last { if case .containerExited = t.events[$0].kind { return true }; return false })
            let stopped = try #require(index(t, of: { $0 == .sandboxStopped }))
            let gone = try #require(index(t, of: { if case .podGone = $0 { return true }; return false }))
            #expect(lastExit < stopped && stopped < gone, "shared: \(shared)")
            #expect(t.events[stopped].rule == .kubeletSandboxStop)
            // Alone the app as PID 1 waits for SIGKILL at the end of its grace (11 s); shared, the sidecar is last (3 s).
            #expect(t.outcome["pod.sandboxStoppedAt"] == .duration(shared ? 3_000 : 11_000))
            if shared {
                // The pause process dies of the runtime's SIGKILL just before.
                let pause = try process(t, "pause")
                let death = try #require(index(t, of: { if case .killedBySignal(.runtime) = $0 { return true }; return false }, process: pause))
                #expect(lastExit < death && death < stopped)
            }
        }
    }

    @Test func dockerRemovesTheContainerAfterRmForce() throws {
        let yaml = minimalYAML.replacingOccurrences(of: "pod:\n", with: "frontDoor: docker\npod:\n")
            .replacingOccurrences(of: "    delete: {}\n", with: "    dockerRm: {force: true}\n")
        let t = try Simulator.run(try load(yaml).scenario)
        let exited = try #require(index(t, of: { if case .dockerExited = $0 { return true }; return false }))
        let removed = try #require(index(t, of: { $0 == .dockerRemoved }))
        #expect(exited + 1 == removed && t.events[removed].rule == .dockerRemoveDestroys)
        #expect(t.outcome["containers.app.removedAt"] == .duration(10_000))
        // A docker stop does not remove it.
        let stop = try Simulator.run(try load(yaml.replacingOccurrences(of: "dockerRm: {force: true}", with: "dockerStop: {}")).scenario)
        #expect(index(stop, of: { $0 == .dockerRemoved }) == nil)
        #expect(stop.outcome["containers.app.removedAt"] == FigureValue.none)
    }
}

extension SandboxTests {
    /// The pause process is no target for a signal by hand: its death would make the kubelet
    /// recreate the whole sandbox, which podterm does not model.
    @Test func pauseCannotBeSignalledByHand() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "  - at: 1s\n    delete: {}\n", with: "  - at: 1s\n    kill: {target: pause, signal: SIGTERM}\n")
        let t = try Simulator.run(try load(yaml, overrides: ["pod.shareProcessNamespace=true"]).scenario)
        #expect(index(t, of: { if case .injectNoTarget = $0 { return true }; return false }) != nil)
        #expect(t.outcome["processes.POD/pause.end"] == .text("running"))
    }
}
