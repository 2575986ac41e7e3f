import Testing
@testable import PodTerm

/// `kernel.oom-group-atomic` (issue 13, item 2): with memory.oom.group every process of the
/// container dies in one step; nothing reacts in between, and the kubelet sends nothing to it.
@Suite("the OOM group kill is atomic")
struct OOMGroupAtomicTests {
    @Test func aPreStopExecOverTheLimitGetsNoSIGTERMToTheDeadPID1() throws {
        let s = Scenario(
            pod: PodSpec(containers: [ContainerSpec(name: "app", command: ["/app/server"], preStop: .exec(command: ["/app/dump-heap"]))]),
            programs: ["/app/server": ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 2_000, then: .exit(0)))]),
                       "/app/dump-heap": ProgramSpec(runsFor: 5_000)],
            actions: [StopAction(at: 10_000, .delete(DeleteOptions())), StopAction(at: 11_000, .oomKill(container: "app"))])
        let t = try Simulator.run(s)
        #expect(!t.events.contains { if case .stopContainer = $0.kind { return true } else { return false } })
        #expect(!t.events.contains { $0.signal == .term })
        #expect(t.outcome["containers.app.reason"] == .text("OOMKilled"))
        #expect(t.outcome["processes.app/server.killedBy"] == .text("oom-killer"))
        #expect(t.outcome["containers.app.preStop"] == .text("failed"))
        #expect(t.outcome["pod.phase"] == .text("Failed"))
        // The kubelet hears of the hook's end only after the container's exit.
        let exit = t.events.firstIndex { if case .containerExited = $0.kind { return true } else { return false } }!
        let hook = t.events.firstIndex { if case .preStopFinished = $0.kind { return true } else { return false } }!
        #expect(exit < hook)
    }

    @Test func noMemberReactsToAnothersDeath() throws {
        // tini → server → worker: the server's death would wake tini, the worker's too.
        let s = Scenario(
            pod: PodSpec(containers: [ContainerSpec(name: "app", command: ["tini", "--", "/app/server"])]),
            programs: ["/app/server": ProgramSpec(children: [ChildSpec(command: ["/app/worker"])]), "/app/worker": ProgramSpec()],
            actions: [StopAction(at: 500, .oomKill(container: "app")), StopAction(at: 600, .delete(DeleteOptions()))])
        let t = try Simulator.run(s)
        let oom = t.events.firstIndex { $0.kind == .oomKill }!
        let gone = t.events.firstIndex { if case .containerExited = $0.kind { return true } else { return false } }!
        let between = t.events[oom..<gone]
        #expect(!between.contains { if case .process = $0.actor { return true } else { return false } })
        let killed = between.filter { if case .killedBySignal(.oomKiller) = $0.kind { return true } else { return false } }
        #expect(killed.count == 3)
        #expect(killed.allSatisfy { $0.rule == .kernelOOMGroupAtomic })
    }

    @Test func aSingleProcessKillStillLetsTheParentReact() throws {
        // singleProcessOOMKill / cgroup v1: only the named process dies, and PID 1 goes on.
        let s = Scenario(
            pod: PodSpec(containers: [ContainerSpec(name: "app", command: ["/app/supervisor"])]),
            programs: ["/app/supervisor": ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 0, then: .exit(0)))], children: [ChildSpec(command: ["/app/worker"])]),
                       "/app/worker": ProgramSpec()],
            actions: [StopAction(at: 5_000, .oomKill(container: "app", process: "worker")), StopAction(at: 10_000, .delete(DeleteOptions()))])
        let t = try Simulator.run(s)
        let kill = t.events.first { if case .killedBySignal(.oomKiller) = $0.kind { return true } else { return false } }!
        #expect(kill.rule == .kernelOOMKill)
        #expect(t.outcome["processes.app/supervisor.end"] == .text("exit 0"))
        #expect(t.outcome["containers.app.reason"] == .text("OOMKilled"))
    }
}
