import Testing
@testable import PodTerm

/// What `programs:` can say beyond handlers (issue 13, item 17): signals blocked for a while
/// (`app.sigprocmask`, with `kernel.handler-mask` and `kernel.pid1-blocked-dropped` deciding
/// what a pending one does at the unblock), a handler that forwards and waits
/// (`app.forward-wait`), and signals sent at set times (`app.send-signal`).
@Suite("programs: blocked signals, forwarding handlers, timed signals")
struct ProgramTimedActionsTests {
    static let term = SignalSet([.term])

    func blocking(_ spec: ProgramSpec = ProgramSpec(), at: Millis = 0, for d: Millis? = 2_000) -> ProgramSpec {
        var s = spec
        s.blocks = [SignalBlock(signals: Self.term, at: at, unblockAfter: d)]
        return s
    }

    // MARK: blocks

    @Test func pid1DropsABlockedSigtermOnlyAtTheUnblock() throws {
        let t = try Simulator.run(containerPod(["/app/server"], programs: ["/app/server": blocking()], grace: 5, deleteAt: 500))
        #expect(t.outcome["processes.app/server.fates"] == .list(["pid1-dropped-at-unblock", "killed"]))
        let sent = try #require(t.events.first { $0.kind == .signalSent(origin: .runtime) && $0.signal == .term })
        #expect(sent.rule == .kernelPid1BlockedDropped)
        #expect(!t.events.contains { $0.kind == .signalDiscarded(.pid1Default) }, "not discarded at send time")
        let unblock = try #require(t.events.first { if case .sigprocmask(false, _, _) = $0.kind { return true } else { return false } })
        #expect(unblock.time == 2_000)
        #expect(unblock.kind == .sigprocmask(block: false, signals: Self.term, pending: Self.term))
        let dropped = try #require(t.events.first { $0.kind == .signalDiscarded(.pid1DroppedAtUnblock) })
        #expect(dropped.time == 2_000)
        #expect(dropped.rule == .kernelPid1BlockedDropped)
    }

    @Test func aHandlerInForceAtTheUnblockRuns() throws {
        let t = try Simulator.run(containerPod(["/app/server"], programs: ["/app/server": blocking(termHandler(cleanup: 300), at: 200, for: 1_000)],
                                               grace: 5, deleteAt: 500))
        let caught = try #require(t.events.first { if case .signalCaught = $0.kind { return true } else { return false } })
        #expect(caught.time == 1_200)
        #expect(t.outcome["processes.app/server.end"] == .text("exit 0"))
        #expect(t.outcome["processes.app/server.endedAt"] == .duration(1_500))
    }

    @Test func aChildDiesOfItsDefaultAtTheUnblockAndASecondCopyIsNotQueued() throws {
        // bash sends SIGTERM twice to a child that blocks it for 2 s.
        let t = try Simulator.run(containerPod(["bash", "-c", "/app/target & t=$!; sleep 1; kill -TERM $t $t; wait"],
                                               programs: ["/app/target": blocking()], deleteAt: 60_000))
        #expect(t.outcome["processes.app/target.fates"] == .list(["killed", "already-pending"]))
        #expect(t.outcome["processes.app/target.end"] == .text("SIGTERM"))
        #expect(t.outcome["processes.app/target.endedAt"] == .duration(2_000))
    }

    @Test func anIgnoredSignalIsQueuedWhileBlockedAndIgnoredAtTheUnblock() throws {
        var spec = ProgramSpec(signals: [.term: .ignore])
        spec.blocks = [SignalBlock(signals: Self.term, unblockAfter: 2_000)]
        let t = try Simulator.run(containerPod(["bash", "-c", "/app/target & t=$!; sleep 1; kill -TERM $t; wait"],
                                               programs: ["/app/target": spec], deleteAt: 3_000))
        let first = try #require(t.outcome["processes.app/target.fates"])
        #expect(first == .list(["ignored-at-dequeue", "killed"]) || first == .list(["ignored-at-dequeue"]), "\(first)")
        let dequeued = try #require(t.events.first { $0.kind == .signalDiscarded(.ignoredAtDequeue) })
        #expect(dequeued.time == 2_000)
    }

    /// A pending signal it blocked does not keep a default-fatal one from starting the group
    /// exit at send time (only an unblocked pending signal does: `kernel.dying-drops`).
    @Test func aBlockedPendingSignalDoesNotDelayTheGroupExit() throws {
        var spec = ProgramSpec()
        spec.blocks = [SignalBlock(signals: SignalSet([.usr1]))]
        let t = try Simulator.run(containerPod(["bash", "-c", "/app/target & t=$!; sleep 1; kill -USR1 $t; kill -TERM $t $t; wait"],
                                               programs: ["/app/target": spec], deleteAt: 60_000))
        guard case .list(let fates)? = t.outcome["processes.app/target.fates"] else { Issue.record("no fates"); return }
        #expect(Array(fates.suffix(2)) == ["killed", "dying"], "\(fates)")
    }

    @Test func childrenInheritTheMask() throws {
        var parent = termHandler(cleanup: 100, children: [ChildSpec(command: ["/app/worker"])])
        parent.blocks = [SignalBlock(signals: Self.term)]
        let t = try Simulator.run(containerPod(["/app/server"], programs: ["/app/server": parent, "/app/worker": ProgramSpec()]))
        let worker = try #require(t.processes.firstIndex { $0.name == "worker" })
        #expect(t.events.contains { $0.process == worker && $0.kind == .dispositionsChanged(SignalDispositions(), blocked: Self.term) })
    }

    // MARK: forward and wait

    func forwarder(_ f: SignalForward, exitCode: Int = 0, children: [String]) -> ProgramSpec {
        ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(then: .exit(exitCode), forward: f))],
                    children: children.map { ChildSpec(command: [$0]) })
    }

    @Test func forwardsToEachChildAndExitsWhenTheyAreGone() throws {
        let t = try Simulator.run(containerPod(["/app/server"], programs: [
            "/app/server": forwarder(SignalForward(to: .children), exitCode: 3, children: ["/app/a", "/app/b"]),
            "/app/a": termHandler(cleanup: 200), "/app/b": termHandler(cleanup: 700),
        ], deleteAt: 1_000))
        #expect(t.outcome["containers.app.exitCode"] == .int(3))
        #expect(t.outcome["processes.app/server.endedAt"] == .duration(1_700))
        #expect(t.outcome["processes.app/a.received"] == .list(["SIGTERM"]))
        #expect(t.outcome["processes.app/b.received"] == .list(["SIGTERM"]))
        #expect(t.events.filter { $0.rule == .appForwardWait && $0.kind == .signalSent(origin: .process(0)) }.count == 2)
    }

    @Test(arguments: [ForwardLimit.exit, .kill])
    func theLimitExitsOrKillsTheRest(_ limit: ForwardLimit) throws {
        let t = try Simulator.run(containerPod(["/app/server"], programs: [
            "/app/server": forwarder(SignalForward(to: .children, waitUpTo: 1_000, atLimit: limit, limitExitCode: 9), children: ["/app/slow"]),
            "/app/slow": termHandler(cleanup: 5_000),
        ], deleteAt: 1_000))
        #expect(t.outcome["containers.app.exitCode"] == .int(9))
        #expect(t.outcome["processes.app/server.endedAt"] == .duration(2_000))
        #expect(t.outcome["processes.app/slow.end"] == .text("SIGKILL"))
        // exit: the kernel kills the child with the namespace; kill: the server does.
        #expect(t.outcome["processes.app/slow.killedBy"] == .text(limit == .exit ? "kernel" : "server"))
    }

    @Test func aChildThatEndsAsTheWaitRunsOutIsInTime() throws {
        let t = try Simulator.run(containerPod(["/app/server"], programs: [
            "/app/server": forwarder(SignalForward(to: .children, waitUpTo: 500, atLimit: .kill, limitExitCode: 9), children: ["/app/a"]),
            "/app/a": termHandler(cleanup: 500),
        ], deleteAt: 1_000))
        #expect(t.outcome["containers.app.exitCode"] == .int(0))
        #expect(t.outcome["processes.app/a.end"] == .text("exit 0"))
    }

    @Test func aGroupForwardReachesItselfToo() throws {
        let t = try Simulator.run(containerPod(["/app/server"], programs: [
            "/app/server": forwarder(SignalForward(to: .group), children: ["/app/a"]), "/app/a": termHandler(cleanup: 100),
        ], deleteAt: 1_000))
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGTERM", "SIGTERM"]))
        #expect(t.events.contains { $0.kind == .signalCaughtAgain })
        #expect(t.outcome["processes.app/server.endedAt"] == .duration(1_100))
    }

    @Test func withNoChildrenItExitsAtOnce() throws {
        let t = try Simulator.run(containerPod(["/app/server"], programs: ["/app/server": forwarder(SignalForward(), exitCode: 4, children: [])],
                                               deleteAt: 1_000))
        #expect(t.outcome["containers.app.exitCode"] == .int(4))
        #expect(t.outcome["processes.app/server.endedAt"] == .duration(1_000))
    }

    // MARK: sends

    func sender(_ sends: [SignalSend]) -> ProgramSpec {
        var s = ProgramSpec()
        s.sends = sends
        return s
    }

    @Test func sendsToItsParentAndToAProcessByName() throws {
        var server = termHandler(cleanup: 100, children: [ChildSpec(command: ["/app/worker"]), ChildSpec(command: ["/app/helper"])])
        server.signals[.usr1] = .handle(SignalHandlerSpec(then: .keepRunning))
        let t = try Simulator.run(containerPod(["/app/server"], programs: [
            "/app/server": server, "/app/worker": ProgramSpec(),
            "/app/helper": sender([SignalSend(at: 300, signal: .usr1, target: .pid1), SignalSend(at: 600, signal: .term, target: .process("worker")),
                                   SignalSend(at: 900, signal: .term, target: .parent)]),
        ], deleteAt: 60_000))
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGUSR1", "SIGTERM"]))
        #expect(t.outcome["processes.app/worker.end"] == .text("SIGTERM"))
        #expect(t.outcome["processes.app/worker.endedAt"] == .duration(600))
        #expect(t.outcome["processes.app/server.endedAt"] == .duration(1_000))
        #expect(t.events.filter { $0.rule == .appSendSignal }.count == 3)
    }

    @Test func pid1HasNoParentInItsNamespaceAndAMissingNameSendsNothing() throws {
        let t = try Simulator.run(containerPod(["/app/server"], programs: [
            "/app/server": sender([SignalSend(at: 100, signal: .term, target: .parent), SignalSend(at: 200, signal: .term, target: .process("nobody"))]),
        ], deleteAt: 1_000))
        let none = t.events.filter { if case .injectNoTarget = $0.kind { return $0.rule == .appSendSignal } else { return false } }
        #expect(none.map(\.kind) == [.injectNoTarget(target: "parent"), .injectNoTarget(target: "nobody")])
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGTERM", "SIGKILL"]), "only the runtime signals it")
    }

    @Test func fromInsideTheNamespacePid1IgnoresSigkillAndItsDefault() throws {
        let t = try Simulator.run(containerPod(["/app/server"], programs: [
            "/app/server": ProgramSpec(children: [ChildSpec(command: ["/app/helper"])]),
            "/app/helper": sender([SignalSend(at: 100, signal: .kill, target: .pid1), SignalSend(at: 200, signal: .term, target: .pid1)]),
        ], deleteAt: 1_000))
        let discards = t.events.filter { $0.process == 0 }.compactMap { e -> DiscardReason? in
            if case .signalDiscarded(let why) = e.kind { return why } else { return nil }
        }
        #expect(Array(discards.prefix(2)) == [.pid1Default, .pid1Default])
        #expect(t.events.first { $0.kind == .signalDiscarded(.pid1Default) }?.rule == .kernelPid1Unkillable)
    }

    @Test func aGroupSendReachesItself() throws {
        var worker = ProgramSpec(signals: [.hup: .handle(SignalHandlerSpec(cleanup: 100, then: .exit(0)))])
        worker.sends = [SignalSend(at: 500, signal: .hup, target: .group)]
        let t = try Simulator.run(containerPod(["/app/server"], programs: [
            "/app/server": ProgramSpec(signals: [.hup: .handle(SignalHandlerSpec(then: .keepRunning))], children: [ChildSpec(command: ["/app/worker"])]),
            "/app/worker": worker,
        ], deleteAt: 2_000))
        #expect(t.outcome["processes.app/worker.received"] == .list(["SIGHUP"]))
        #expect(t.outcome["processes.app/worker.end"] == .text("exit 0"))
        #expect(t.outcome["processes.app/server.received"]?.description.contains("SIGHUP") == true)
    }
}
