import Testing
@testable import PodTerm

/// Deleting a pod that is not running, the DisruptionTarget condition, a PodDisruptionBudget
/// against kubectl drain, and the master-2026 grace profile.
@Suite("disruptions and not-running deletes")
struct DisruptionTests {
    @Test func deletingAPendingPodRemovesItAtOnceWithNoKubelet() throws {
        var s = stoppedBy([StopAction(at: 5_000, .delete(DeleteOptions()))])
        s.pod.scheduled = false
        let t = try Simulator.run(s)
        #expect(t.outcome["pod.phase"] == .text("Pending"))
        #expect(t.outcome["pod.objectRemovedAt"] == .duration(5_000))
        #expect(t.outcome["pod.deletedAt"] == FigureValue.none)
        #expect(!t.events.contains { $0.actor == .kubelet || $0.actor == .runtime })
        #expect(!t.events.contains { if case .processStarted = $0.kind { return true } else { return false } })
        #expect(t.events.contains { $0.rule == .apiNotRunningDelete })
    }

    @Test func aDeleteAfterThePodSucceededIsPlayedAndSignalsNothing() throws {
        var s = stoppedBy([StopAction(at: 20_000, .delete(DeleteOptions()))], program: ProgramSpec(runsFor: 3_000, exitCode: 0))
        s.pod.restartPolicy = .never
        let t = try Simulator.run(s)
        #expect(t.outcome["pod.phase"] == .text("Succeeded"))
        #expect(t.outcome["pod.goneAt"] == .duration(3_000))
        #expect(t.outcome["pod.objectRemovedAt"] == .duration(20_000))
        #expect(t.outcome["processes.app/server.received"] == .list([]))
        let removed = try #require(t.events.last)
        #expect(removed.rule == .apiNotRunningDelete && removed.time == 20_000)
    }

    @Test func anEvictedPodKeepsItsObjectUntilADeleteRemovesItAtOnce() throws {
        let t = try Simulator.run(stoppedBy([
            StopAction(at: 2_000, .evict(.hardPressure)),
            StopAction(at: 30_000, .delete(DeleteOptions())),
        ]))
        #expect(t.outcome["pod.phase"] == .text("Failed"))
        #expect(t.outcome["pod.reason"] == .text("Evicted"))
        #expect(t.outcome["pod.objectRemovedAt"] == .duration(30_000))
        #expect(t.outcome["pod.deletedAt"] == FigureValue.none)
        #expect(t.events.last?.rule == .apiNotRunningDelete)
        #expect(TimelineText().summary(t).contains("object deleted at 30.000s"))
    }

    @Test func aPodDeletedWhileRunningIsNotDeletedAgainAfterItIsGone() throws {
        let t = try Simulator.run(stoppedBy([
            StopAction(at: 1_000, .delete(DeleteOptions(gracePeriod: 2))),
            StopAction(at: 60_000, .delete(DeleteOptions())),
        ]))
        #expect(!t.events.contains { $0.rule == .apiNotRunningDelete })
        #expect(t.events.filter { if case .podObjectRemoved = $0.kind { return true } else { return false } }.count == 1)
    }

    @Test func everyDisruptionSetsItsConditionBeforeItActs() throws {
        let cases: [(Eviction?, DisruptionReason)] = [
            (.api(), .evictionByEvictionAPI), (.preemption, .preemptionByScheduler),
            (.hardPressure, .terminationByKubelet), (.softPressure(maxPodGracePeriod: 5), .terminationByKubelet), (nil, .terminationByKubelet),
        ]
        for (eviction, reason) in cases {
            let kind: StopAction.Kind = eviction.map { .evict($0) } ?? .nodeShutdown(gracePeriod: 30, criticalPodsGracePeriod: 0)
            let t = try Simulator.run(stoppedBy([StopAction(at: 2_000, kind)]))
            #expect(t.outcome["pod.disruptionTarget"] == .text(reason.rawValue))
            let condition = try #require(t.events.firstIndex { $0.kind == .disruptionTarget(reason) })
            let stop = try #require(t.events.firstIndex { if case .killPod = $0.kind { return true } else { return false } })
            #expect(condition < stop)
            #expect(!t.events[..<condition].contains { if case .podTerminating = $0.kind { return true } else { return false } })
        }
        let delete = try Simulator.run(stoppedBy([StopAction(at: 2_000, .delete(DeleteOptions()))]))
        #expect(delete.outcome["pod.disruptionTarget"] == FigureValue.none)
        let old = try Simulator.run(stoppedBy([StopAction(at: 2_000, .evict(.api()))], version: KubernetesVersion(1, 25)))
        #expect(old.outcome["pod.disruptionTarget"] == FigureValue.none)
    }

    @Test func aBudgetRefusesDrainUntilItAllowsADisruption() throws {
        var s = stoppedBy([StopAction(at: 3_000, .evict(.api()))], program: exitsOnTerm(after: 1_000))
        s.disruptionBudget = DisruptionBudget(disruptionsAllowed: 0, until: 12_000)
        let t = try Simulator.run(s)
        #expect(t.outcome["pod.evictionsRefused"] == .int(2))
        #expect(t.outcome["pod.deletedAt"] == .duration(13_000))
        let refusals = t.events.filter { $0.kind == .evictionRefused(retryIn: 5_000) }.map(\.time)
        #expect(refusals == [3_000, 8_000])
        #expect(refusals.allSatisfy { time in !t.events.contains { $0.time == time && $0.actor == .runtime } })
    }

    @Test func drainGivesUpAtTheFirstRetryAfterItsTimeout() throws {
        var s = stoppedBy([StopAction(at: 2_000, .evict(.api(drainTimeout: 10_000)))])
        s.disruptionBudget = DisruptionBudget()
        s.horizon = 60_000
        let t = try Simulator.run(s)
        // Tries at 2 s and 7 s are refused; at 12 s the 10 s timeout has passed.
        #expect(t.outcome["pod.evictionsRefused"] == .int(2))
        #expect(t.events.last?.kind == .drainGaveUp(timeout: 10_000))
        #expect(t.events.last?.time == 12_000)
        #expect(t.outcome["pod.deletedAt"] == FigureValue.none)
        #expect(t.outcome["processes.app/server.received"] == .list([]))
    }

    @Test func aBudgetDoesNotProtectAPodThatIsAlreadyFinished() throws {
        var s = stoppedBy([StopAction(at: 10_000, .evict(.api()))], program: ProgramSpec(runsFor: 3_000, exitCode: 0))
        s.pod.restartPolicy = .never
        s.disruptionBudget = DisruptionBudget()
        let t = try Simulator.run(s)
        #expect(t.outcome["pod.evictionsRefused"] == .int(0))
        #expect(t.outcome["pod.objectRemovedAt"] == .duration(10_000))
        #expect(t.events.contains { $0.rule == .apiNotRunningDelete })
    }

    @Test func theMaster2026ProfileKeepsAnExplicitZero() throws {
        var s = stoppedBy([StopAction(at: 5_000, .delete(DeleteOptions(gracePeriod: 0, force: true)))], program: exitsOnTerm(after: 10_000))
        #expect(try Simulator.run(s).outcome["pod.effectiveGrace"] == .int(30))
        s.gracePeriodProfile = .master2026
        let t = try Simulator.run(s)
        #expect(t.outcome["pod.effectiveGrace"] == .int(1))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(7_000))
        #expect(t.events.contains { $0.rule == .kubeletEffectiveGraceMaster2026 })
        // A soft eviction with evictionMaxPodGracePeriod 0 is an explicit 0 too.
        var soft = stoppedBy([StopAction(at: 0, .evict(.softPressure(maxPodGracePeriod: 0)))], grace: 20)
        soft.gracePeriodProfile = .master2026
        #expect(try Simulator.run(soft).outcome["pod.effectiveGrace"] == .int(1))
    }
}

/// A program that catches SIGTERM and exits 0 after `cleanup` ms.
private func exitsOnTerm(after cleanup: Millis) -> ProgramSpec {
    ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: cleanup, then: .exit(0)))])
}
