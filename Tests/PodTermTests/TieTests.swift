import Testing
@testable import PodTerm

/// Two things in the same millisecond, each decided by a rule (issue 16): the timeline tells
/// one story, and the figures say what the events say.
@Suite("ties in one millisecond")
struct TieTests {
    /// Whether anyone sent SIGKILL to a process of that name.
    func sigkillSent(to name: String, in t: Timeline) -> Bool {
        t.events.contains { e in
            guard case .signalSent = e.kind, e.signal == .kill, let p = e.process else { return false }
            return t.processes[p].name == name
        }
    }

    func index(in t: Timeline, where match: (TimelineEvent) -> Bool) -> Int? { t.events.firstIndex(where: match) }

    // MARK: tie.exit-before-deadline

    @Test func cleanupEndingAsTheStopTimeoutRunsOutIsInTime() throws {
        // The case: SIGTERM at 10 s, cleanup 30 s, StopContainer timeout 30 s.
        let t = try Simulator.run(serverPod(program: termHandler(cleanup: 30_000)))
        #expect(!sigkillSent(to: "server", in: t))
        #expect(t.outcome["containers.app.exitCode"] == .int(0))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(40_000))
        #expect(t.outcome["containers.app.sigkilled"] == .bool(false))
        #expect(t.outcome["containers.app.sigkillAt"] == FigureValue.none)
        #expect(t.outcome["outcome.sigkilled"] == .bool(false))
        #expect(!TimelineText().summary(t).contains("SIGKILLed"))
        #expect(TimelineJSON.render(t).contains("\"sigkillAt\": null"))
        #expect(!TimelineJSON.render(t).contains("\"sigkillAt\": 40000"))
        // One millisecond more and it is too late: the boundary `tune` and `sweep` look for.
        let late = try Simulator.run(serverPod(program: termHandler(cleanup: 30_001)))
        #expect(late.outcome["containers.app.sigkillAt"] == .duration(40_000))
        #expect(late.outcome["containers.app.exitCode"] == .int(137))
        #expect(TimelineText().summary(late).contains("SIGKILLed by the runtime"))
    }

    @Test func preStopEndingAsTheGraceEndsFinishedInTime() throws {
        let t = try Simulator.run(serverPod(program: termHandler(cleanup: 1_000), grace: 30, preStop: .sleep(seconds: 30)))
        #expect(t.outcome["containers.app.preStop"] == .text("succeeded"))
        #expect(!t.events.contains { if case .preStopAbandoned = $0.kind { return true } else { return false } })
        // Nothing is left of the grace: the 2 s floor, SIGTERM at 40 s; the app is done at 41 s.
        #expect(t.events.contains { if case .stopContainer(2, true, _) = $0.kind { return $0.time == 40_000 } else { return false } })
        #expect(t.outcome["containers.app.exitedAt"] == .duration(41_000))
    }

    @Test func sidecarsTurnComingAtTheDeadlineComesAfterTheAppStopped() throws {
        let s = Scenario(
            pod: PodSpec(name: "web", terminationGracePeriodSeconds: 30,
                         initContainers: [ContainerSpec(name: "proxy", command: ["/proxy"], restartPolicy: .always)],
                         containers: [ContainerSpec(name: "app", command: ["/app/server"])]),
            programs: ["/proxy": termHandler(cleanup: 500), "/app/server": termHandler(cleanup: 30_000)],
            actions: [StopAction(at: 10_000, .delete(DeleteOptions()))])
        let t = try Simulator.run(s)
        let appExit = try #require(index(in: t) { if case .containerExited = $0.kind { return $0.container == 1 } else { return false } })
        let proxyStop = try #require(index(in: t) { if case .stopContainer = $0.kind { return $0.container == 0 } else { return false } })
        #expect(appExit < proxyStop, "the sidecar is stopped only after the app, even at the deadline")
        #expect(t.events[proxyStop].time == 40_000)
        #expect({ if case .stopContainer(2, true, _) = t.events[proxyStop].kind { return true } else { return false } }())
        #expect(t.outcome["containers.app.sigkilled"] == .bool(false))
        #expect(t.outcome["containers.proxy.exitedAt"] == .duration(40_500))
    }

    @Test func dockerStopTimeoutRunningOutAsTheAppExitsSendsNoSigkill() throws {
        let t = try Simulator.run(stoppedBy([StopAction(at: 2_000, .docker(.stop(time: nil, signal: nil)))],
                                            program: termHandler(cleanup: 10_000), frontDoor: .docker))
        #expect(!sigkillSent(to: "server", in: t))
        #expect(t.outcome["containers.app.exitCode"] == .int(0))
        #expect(t.outcome["containers.app.sigkilled"] == .bool(false))
    }

    @Test func supervisordStopwaitsecsRunningOutAsTheProgramExits() throws {
        // The worker's cleanup ends exactly at the tick where stopwaitsecs runs out. Its pipes'
        // end of file wakes supervisord in that millisecond; the turn's transition() runs before
        // reap(), so, as the real one does, it SIGKILLs the zombie, to no effect, then collects
        // the exit 0 (supervisord.wakeup).
        let programs: [String: ProgramSpec] = [
            "supervisord": ProgramSpec(supervisord: SupervisordSpec(programs: [
                SupervisedProgram(name: "web", command: ["/app/web"], priority: 100),
                SupervisedProgram(name: "worker", command: ["/app/worker"], stopWaitSecs: 1, priority: 200),
            ], pollPhase: 300)),
            "/app/web": termHandler(cleanup: 200),
            "/app/worker": termHandler(cleanup: 1_000),
        ]
        let t = try Simulator.run(containerPod(["supervisord", "-n"], programs: programs, deleteAt: 2_500))
        let worker = try #require(t.processIndex("worker"))
        let kills = t.processes[worker].received.filter { $0.signal == .kill }
        #expect(kills.allSatisfy { $0.fate == .discarded(.deadTarget) }, "a SIGKILL reached the living worker")
        #expect(t.outcome["processes.app/worker.end"] == .text("exit 0"))
        #expect(t.outcome["processes.app/worker.endedAt"] == .duration(4_300))
        // Its exit is noticed at once, and the next group is stopped at once.
        #expect(t.events.contains { $0.kind == .supervisedEnded(program: "worker", status: .exited(0), stopped: true) && $0.time == 4_300 })
        #expect(t.outcome["processes.app/web.endedAt"] == .duration(4_500))
    }

    @Test func timeoutsKillAfterRunningOutAsTheCommandExits() throws {
        let server = ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 5_000, then: .exit(3)))])
        let t = try Simulator.run(timeoutScenario(["-k", "5", "20"], server: server, asPid1: true))
        #expect(!sigkillSent(to: "server", in: t))
        #expect(t.outcome["processes.c/server.end"] == .text("exit 3"))
        #expect(t.outcome["processes.c/server.endedAt"] == .duration(25_000))
        // It had timed out (the SIGTERM at 20 s), so timeout still reports 124.
        #expect(t.outcome["processes.c/timeout.exitCode"] == .int(124))
    }

    @Test func commandEndingAsTimeoutsDurationRunsOutIsNotTimedOut() throws {
        let t = try Simulator.run(timeoutScenario(["5"], server: ProgramSpec(runsFor: 5_000, exitCode: 3), asPid1: true))
        #expect(t.outcome["processes.c/server.received"] == .list([]))
        #expect(t.outcome["processes.c/timeout.exitCode"] == .int(3))
    }

    // MARK: tie.stop-action-after-processes

    @Test func dockerKillArrivingAsTheAppExitsFindsItExited() throws {
        let t = try Simulator.run(stoppedBy([
            StopAction(at: 2_000, .docker(.stop(time: 30, signal: nil))),
            StopAction(at: 7_000, .docker(.kill(signal: nil))),
        ], program: termHandler(cleanup: 5_000), frontDoor: .docker))
        #expect(!sigkillSent(to: "server", in: t))
        #expect(t.outcome["containers.app.exitCode"] == .int(0))
        #expect(t.outcome["containers.app.sigkilled"] == .bool(false))
    }

    // MARK: tie.kill-requests-merge

    @Test(arguments: [false, true])
    func deleteAndEvictionAtOnceStartOneKillWithTheShorterGrace(evictionFirst: Bool) throws {
        var actions = [StopAction(at: 10_000, .delete(DeleteOptions())), StopAction(at: 10_000, .evict(.hardPressure))]
        if evictionFirst { actions.reverse() }
        let t = try Simulator.run(stoppedBy(actions))
        let kills = t.events.filter { if case .killPod = $0.kind { return true } else { return false } }
        #expect(kills.map(\.kind) == [.killPod(grace: 1)])
        if !evictionFirst { #expect(kills.first?.rule == .tieKillRequestsMerge) }
        #expect(!t.events.contains { if case .graceShortened = $0.kind { return true } else { return false } })
        #expect(t.outcome["pod.effectiveGrace"] == .int(1))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(12_000))
        // One update to the pod worker: the eviction's status holds either way.
        #expect(t.outcome["pod.reason"] == .text("Evicted"))
        #expect(t.outcome["pod.phase"] == .text("Failed"))
    }

    // MARK: kernel.sigkill-preempts

    @Test func sigkillSentAsTheTargetsCleanupEndsKillsIt() throws {
        // The shell's `wait $s` ends at 5 s just before the worker's cleanup does (its timer was
        // set later): the kill -9 reaches a living worker, which then cannot exit by itself.
        let script = "/app/worker & pid=$!; sleep 1; sleep 4 & s=$!; kill -TERM $pid; wait $s; kill -9 $pid; wait"
        var s = containerPod(["sh", "-c", script], programs: ["/app/worker": termHandler(cleanup: 4_000)])
        s.actions = []
        let t = try Simulator.run(s)
        #expect(sigkillSent(to: "worker", in: t))
        #expect(t.outcome["processes.app/worker.end"] == .text("SIGKILL"))
        #expect(t.outcome["processes.app/worker.endedAt"] == .duration(5_000))
        let worker = try #require(t.processIndex("worker"))
        #expect(!t.events.contains { $0.process == worker && $0.kind == .exited(code: 0) })
        #expect(t.events.contains { $0.process == worker && $0.kind == .killedBySignal(origin: .process(0)) && $0.rule == .kernelSigkillPreempts })
    }

    // MARK: kafka.flush-at-death

    @Test func flushDueAtTheInstantOfDeathIsNotDone() throws {
        // 200/s, batch 500 never fills, flush every 1 s; handler-less PID 1 SIGKILLed at 42 s,
        // the very millisecond of the 42nd flush: that write would only start then.
        func run(flushEvery: Millis) throws -> Outcome {
            let s = Scenario(
                pod: PodSpec(containers: [ContainerSpec(name: "indexer", command: ["/app/indexer"])]),
                programs: ["/app/indexer": ProgramSpec()],
                actions: [StopAction(at: 12_000, .delete(DeleteOptions()))],
                workloads: [WorkloadSpec(name: "i", container: "indexer", kind: .kafka(KafkaWorkload(
                    rate: 200, batchSize: 500, flushInterval: flushEvery, commit: .afterBulkWrite, onStop: .flushAndClose)))])
            return try Simulator.run(s).outcome
        }
        let o = try run(flushEvery: 1_000)
        #expect(o["containers.indexer.sigkillAt"] == .duration(42_000))
        #expect(o["kafka.bulkWrites"] == .int(41))
        #expect(o["kafka.written"] == .int(41 * 200))
        #expect(o["kafka.redelivered"] == .int(200))
        // Ticks every 999 ms: the 42nd, at 41.958 s, is done; 8 messages arrive after it.
        let earlier = try run(flushEvery: 999)
        #expect(earlier["kafka.bulkWrites"] == .int(42))
        #expect(earlier["kafka.redelivered"] == .int(8))
    }
}
