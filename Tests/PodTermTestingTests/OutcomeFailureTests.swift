@testable import PodTermTesting
import PodTerm
import Testing

/// Each failure of `expectOutcome` states the mismatch, then what the timeline says probably
/// caused it, then the events that show it.
@Suite("PodTermTesting: outcome failures say what probably went wrong")
struct OutcomeFailureTests {
    /// The message's first two lines: the mismatch and the `probably:` line.
    func headline(_ yaml: String, _ figure: String, _ expected: FigureValue) throws -> [String] {
        let t = try Scenarios.run(yaml)
        let message = try #require(OutcomeCheck.failure(t, figure, expected))
        return Array(message.split(separator: "\n").prefix(2).map(String.init))
    }

    @Test func aDiscardedStopSignalAtPID1() throws {
        let lines = try headline(Scenarios.noHandler, "containers.app.exitCode", .int(0))
        #expect(lines == [
            "containers.app.exitCode is 137, expected 0",
            "probably: the container was SIGKILLed at 40s: the stop signal SIGTERM was discarded at 10s: PID 1 server[1] has no handler for it, and the kernel drops such signals for PID 1 (rule kernel.pid1-ignores-default); did you mean to exec the app or add a handler?",
        ])
    }

    @Test func theEventsThatShowItFollow() throws {
        let t = try Scenarios.run(Scenarios.noHandler)
        let message = try #require(OutcomeCheck.failure(t, "containers.app.exitCode", .int(0)))
        let evidence = message.split(separator: "\n").dropFirst(2).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(evidence.count == 3)
        #expect(evidence.first?.hasPrefix("10.000s  runtime  app") == true)
        #expect(evidence.last?.hasPrefix("40.000s  runtime  app") == true)
    }

    @Test func aShellAsPID1ThatDoesNotForward() throws {
        let lines = try headline(Scenarios.shellForm, "containers.app.exitCode", .int(0))
        #expect(lines[1] == "probably: the container was SIGKILLed at 2.5s: the stop signal SIGTERM was discarded at 500ms: PID 1 sh[1] has no handler for it (rule kernel.pid1-ignores-default), so it never reached server[2]; did you mean to exec the app, so that it is PID 1, or to run it under an init that forwards signals (tini, dumb-init)?")
    }

    @Test func theChildThatNeverHeardTheStopSignal() throws {
        let lines = try headline(Scenarios.shellForm, "processes.app/server.received", .list(["SIGTERM"]))
        #expect(lines == [
            "processes.app/server.received is [SIGKILL], expected [SIGTERM]",
            "probably: server[2] was SIGKILLed at 2.5s because sh[1] died, and the kernel kills every other process of a PID namespace whose PID 1 is gone; no other signal reached server[2] before: the runtime sends SIGTERM only to PID 1, and sh[1] did not pass it on to server[2]",
        ])
    }

    @Test func aCleanupLongerThanTheGrace() throws {
        let lines = try headline(Scenarios.slowCleanup, "outcome.sigkilled", .bool(false))
        #expect(lines[1] == "probably: container app: the container was SIGKILLed at 40s: server[1] caught SIGTERM at 10s, but its cleanup takes 35s and it was given 30s; shorten the cleanup or raise terminationGracePeriodSeconds")
    }

    @Test func aPreStopHookThatUsedTheGrace() throws {
        let lines = try headline(Scenarios.preStopOverrun, "containers.app.exitCode", .int(0))
        #expect(lines[1] == "probably: the container was SIGKILLed at 12s: server[1] caught SIGTERM at 10s, but its cleanup takes 5s and it was given 2s; the preStop hook ran from 0s to 10s (abandoned: it used the whole grace), before the stop signal, which left only the 2 s minimum; shorten the preStop hook or the cleanup, or raise terminationGracePeriodSeconds")
    }

    @Test func aLateStopSignalAfterPreStop() throws {
        let lines = try headline(Scenarios.preStopOverrun, "containers.app.stopSignalAt", .duration(0))
        #expect(lines == [
            "containers.app.stopSignalAt is 10s, expected 0s",
            "probably: the runtime sent SIGTERM to app at 10s, after its preStop hook (from 0s to 10s): the kubelet sends the stop signal only when the hook has finished",
        ])
    }

    @Test func aStopSignalPassedOnToProcessesThatIgnoreIt() throws {
        let lines = try headline(Scenarios.ignoredUnderTini, "containers.app.exitCode", .int(0))
        #expect(lines[1] == "probably: the container was SIGKILLed at 2.5s: tini[1] caught SIGTERM at 500ms, but it had not exited 2s after the stop signal: it passed SIGTERM on to server[2] (ignored), worker[3] (ignored), which ignore it: a disposition set to ignore survives fork and exec, so a parent that ignored SIGTERM passes that on; reset or handle SIGTERM in the app")
    }

    @Test func aReRaiseAsPID1() throws {
        let lines = try headline(Scenarios.reraiseAsPID1, "containers.app.sigkilled", .bool(false))
        #expect(lines[1] == "probably: the container was SIGKILLed at 2.5s: server[1] caught SIGTERM at 500ms, its cleanup ended at 700ms, but it had not exited 2s after the stop signal: it raised SIGTERM on itself at 700ms, which the kernel discarded, as it does any signal PID 1 leaves at its default disposition (rule kernel.pid1-ignores-default); as PID 1 it must exit by itself (for example with 128+15), or run under an init such as tini")
    }

    @Test func anOOMKillOfOneProcess() throws {
        let lines = try headline(Scenarios.oomOneProcess, "containers.app.reason", .text("Completed"))
        #expect(lines == [
            "containers.app.reason is OOMKilled, expected Completed",
            "probably: the OOM killer SIGKILLed worker[2] of the container at 5s, at once (no stop signal, no preStop hook, no grace); the container's reason stays OOMKilled although it ended with 0 at 10s",
        ])
    }

    @Test func anOOMKill() throws {
        let lines = try headline(Scenarios.oom, "containers.app.exitCode", .int(0))
        #expect(lines[1] == "probably: the container was OOMKilled at 20s: the kernel's OOM killer sends SIGKILL at once, with no stop signal, no preStop hook and no grace period")
    }

    @Test func refusedRequestsWhileAConsumerStillRoutes() throws {
        let lines = try headline(Scenarios.refused, "traffic.refused", .int(0))
        #expect(lines == [
            "traffic.refused is 400, expected 0",
            "probably: the server stopped taking requests at 10s, but ingress-nginx routed to it until 13s: requests sent in between were refused; a preStop sleep longer than the slowest consumer's delay keeps the listener open until then",
        ])
    }

    @Test func aConsumerDelay() throws {
        let lines = try headline(Scenarios.refused, "endpoints.ingress-nginx.stoppedRoutingAt", .duration(10_000))
        #expect(lines[1] == "probably: ingress-nginx stopped routing at 13s, its delay of 3s after the EndpointSlice change at 10s")
    }

    @Test func thePodEndsWithItsLastContainer() throws {
        let lines = try headline(Scenarios.noHandler, "pod.deleteToGone", .duration(2_000))
        #expect(lines[0] == "pod.deleteToGone is 30s, expected 2s")
        #expect(lines[1].hasPrefix("probably: the pod was gone at 40s, 30s after deletion, when container app ended: the container was SIGKILLed at 40s: the stop signal SIGTERM was discarded"))
    }

    @Test func aComparisonAsInAScenarioFile() throws {
        let t = try Scenarios.run(Scenarios.noHandler)
        #expect(OutcomeCheck.failure(t, "pod.deleteToGone", comparison: "<= 30s") == nil)
        let message = try #require(OutcomeCheck.failure(t, "pod.deleteToGone", comparison: "<= 5s"))
        #expect(message.hasPrefix("pod.deleteToGone: expected <= 5s, got 30s\nprobably: the pod was gone at 40s"))
        #expect(OutcomeCheck.failure(t, "pod.deleteToGone", comparison: "<=")?.contains("is not a comparison") == true)
    }

    @Test func aFigureThatDoesNotExistSuggestsTheNearest() throws {
        let t = try Scenarios.run(Scenarios.noHandler)
        let message = try #require(OutcomeCheck.failure(t, "containers.app.exitcode", .int(137)))
        #expect(message.contains("did you mean 'containers.app.exitCode'"), "\(message)")
    }

    @Test func theFilesOwnExpectationsNameTheirLine() throws {
        let loaded = try PodTermScenario.ScenarioLoader.load(yaml: Scenarios.noHandler, fileName: "web.yaml")
        let t = try Simulator.run(loaded.scenario)
        let failures = OutcomeCheck.failures(t, loaded)
        #expect(failures.count == 1)
        let first = try #require(failures.first?.split(separator: "\n").first)
        #expect(first == "web.yaml:12:3: containers.app.exitCode: expected 0, got 137")
        #expect(failures.first?.contains("did you mean to exec the app or add a handler?") == true)
    }

    @Test func passingChecksSayNothing() throws {
        let t = try Scenarios.run(Scenarios.noHandler)
        #expect(OutcomeCheck.failure(t, "containers.app.exitCode", .int(137)) == nil)
        #expect(OutcomeCheck.failure(t, "containers.app.exitCode", comparison: "!= 0") == nil)
    }
}

import PodTermScenario
