import Testing
@testable import PodTerm

/// `kernel.causal-order`: a signal already on its way to a process that can take it is
/// delivered before a chain of reactions that needs another process to run first (a death,
/// the SIGCHLD to its parent, the parent's answer).
@Suite("kernel: causal order within a millisecond")
struct CausalOrderTests {
    @Test func dumbInitsSecondGroupSignalIsASecondDelivery() throws {
        let t = try Simulator.run(containerPod(
            ["dumb-init", "sh", "-c", "/app/server"],
            programs: ["/app/server": termHandler(cleanup: 600)], grace: 2, deleteAt: 500))
        #expect(t.outcome["processes.app/sh.end"] == .text("SIGTERM"))
        #expect(t.outcome["processes.app/server.fates"] == .list(["caught", "caught", "killed"]))
        let server = try #require(t.processIndex("server"))
        // The first SIGTERM reached the server before dumb-init reacted to the shell's death.
        let first = try #require(t.events.firstIndex { $0.process == server && $0.kind == .signalDelivered })
        #expect(t.events[first].rule == .kernelCausalOrder)
        let reaped = try #require(t.events.firstIndex { $0.kind == .reaped(by: t.processIndex("dumb-init")) })
        #expect(first < reaped)
        #expect(!t.events.contains { $0.kind == .signalDiscarded(.alreadyPending) })
    }
}
