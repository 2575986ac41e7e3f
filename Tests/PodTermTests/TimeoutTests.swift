import Testing
@testable import PodTerm

/// `timeout ARGS /app/server` as PID 1 of a Docker container, or (asPid1 false) under a
/// PID 1 app that waits for it, so timeout's own exit status is observable.
func timeoutScenario(_ args: [String], server: ProgramSpec, asPid1: Bool, stop: [StopAction] = []) -> Scenario {
    let timeoutArgv = ["timeout"] + args + ["/app/server"]
    var programs: [String: ProgramSpec] = ["/app/server": server]
    let argv: [String]
    if asPid1 {
        argv = timeoutArgv
    } else {
        programs["/bin/runner"] = ProgramSpec(signals: [:], children: [ChildSpec(command: timeoutArgv)], reaps: .all)
        argv = ["/bin/runner"]
    }
    return Scenario(
        name: "timeout", pod: PodSpec(containers: [ContainerSpec(name: "c", command: argv)]),
        programs: programs, actions: stop, horizon: 120_000, frontDoor: .docker)
}

@Suite("coreutils timeout")
struct TimeoutTests {
    let ignoresTerm = ProgramSpec(signals: [.term: .ignore])
    let exitsOnTerm = ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 500, then: .exit(0)))])

    @Test func timedOutChildThatDiesOfSigtermGives124() throws {
        let t = try Simulator.run(timeoutScenario(["5"], server: noHandler, asPid1: false))
        #expect(t.outcome["processes.c/server.end"] == .text("SIGTERM"))
        #expect(t.outcome["processes.c/timeout.exitCode"] == .int(124))
        #expect(t.outcome["processes.c/timeout.endedAt"] == .duration(5_000))
    }

    @Test func preserveStatusReturnsTheChildsStatus() throws {
        let t = try Simulator.run(timeoutScenario(["--preserve-status", "5"], server: noHandler, asPid1: false))
        #expect(t.outcome["processes.c/timeout.exitCode"] == .int(143))
    }

    @Test func childThatExitsAfterTheTimeoutStillGives124() throws {
        let t = try Simulator.run(timeoutScenario(["5"], server: exitsOnTerm, asPid1: false))
        #expect(t.outcome["processes.c/server.end"] == .text("exit 0"))
        #expect(t.outcome["processes.c/timeout.exitCode"] == .int(124))
    }

    @Test func killAfterKillsTheGroupAndTimeoutItself() throws {
        let t = try Simulator.run(timeoutScenario(["-k", "2", "5"], server: ignoresTerm, asPid1: false))
        #expect(t.outcome["processes.c/server.end"] == .text("SIGKILL"))
        // timeout is in its own group: the SIGKILL kills it too, so its parent sees 137, never 124.
        #expect(t.outcome["processes.c/timeout.end"] == .text("SIGKILL"))
        #expect(t.outcome["processes.c/timeout.endedAt"] == .duration(7_000))
    }

    @Test func asPid1ItSurvivesItsOwnSigkillAndExits137() throws {
        let t = try Simulator.run(timeoutScenario(["-k", "2", "5"], server: ignoresTerm, asPid1: true))
        #expect(t.outcome["containers.c.exitCode"] == .int(137))
        #expect(t.outcome["processes.c/timeout.end"] == .text("exit 137"))
    }

    @Test func asPid1AForwardedSigtermGives143() throws {
        let t = try Simulator.run(timeoutScenario(["60"], server: noHandler, asPid1: true,
                                                  stop: [StopAction(at: 1_000, .docker(.stop(time: nil, signal: nil)))]))
        #expect(t.outcome["processes.c/server.end"] == .text("SIGTERM"))
        #expect(t.outcome["containers.c.exitCode"] == .int(143))
        #expect(t.outcome["processes.c/timeout.end"] == .text("exit 143"))
    }

    @Test func unknownCommandGives127AndBadOptionsGive125() throws {
        var s = timeoutScenario(["5"], server: noHandler, asPid1: true)
        s.pod.containers[0].command = ["timeout", "5", "/no/such/program"]
        #expect(try Simulator.run(s).outcome["containers.c.exitCode"] == .int(127))
        s.pod.containers[0].command = ["timeout", "--bogus", "5", "/app/server"]
        #expect(try Simulator.run(s).outcome["containers.c.exitCode"] == .int(125))
    }
}
