import Testing
@testable import PodTerm

/// A program with more children than any fixed numbering of timers would leave room for:
/// each child's start and each handler's end must stay what it is (issue 8, item 3).
@Suite("a program with 1,100 children")
struct ManyChildrenTests {
    static let count = 1_100

    func server(startAfter: Millis) -> Scenario {
        let children = (0..<Self.count).map { _ in ChildSpec(command: ["/app/worker"], startAfter: startAfter) }
        return Scenario(
            pod: PodSpec(containers: [ContainerSpec(name: "app", command: ["/app/server"])]),
            programs: [
                "/app/server": ProgramSpec(
                    signals: [.term: .handle(SignalHandlerSpec(cleanup: 2_000, then: .exit(0)))],
                    children: children),
                "/app/worker": ProgramSpec(),
            ],
            actions: [StopAction(at: 10_000, .delete(DeleteOptions()))])
    }

    @Test func everyDelayedChildStartsAndTheServerRunsUntilItsHandlerEnds() throws {
        let t = try Simulator.run(server(startAfter: 1_000))
        let workers = t.processes.filter { $0.name == "worker" }
        #expect(workers.count == Self.count)
        #expect(workers.allSatisfy { $0.startedAt == 1_000 })
        let server = try #require(t.processes.first { $0.name == "server" })
        // Not "exit 0 at 1 s": child 1,015's start is not the SIGTERM handler finishing.
        #expect(server.end?.at == 12_000)
        #expect(server.end?.status == .exited(0))
        #expect(t.outcome["containers.app.exitCode"] == .int(0))
        #expect(t.outcome["pod.deleteToGone"] == .duration(2_000))
    }

    @Test func childrenStartedAtOnceDoNotCountAsTimers() throws {
        let t = try Simulator.run(server(startAfter: 0))
        #expect(t.processes.filter { $0.name == "worker" }.count == Self.count)
        #expect(t.outcome["pod.deleteToGone"] == .duration(2_000))
    }
}
