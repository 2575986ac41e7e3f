import Testing
@testable import PodTerm

/// `kernel.dying-drops`: once a process's group exit has started, every later signal to it is
/// dropped at send time (`prepare_signal`), before the already-pending check. SIGKILL starts it
/// when sent; so does a fatal signal left at its default, unless it dumps core.
///
/// The pod: bash starts /app/target, waits a second, sends it the same signal twice in one
/// `kill` (two kill(2) calls in a row, nothing between them), then collects it.
@Suite("kernel: a dying process drops later signals")
struct DyingDropsTests {
    func run(_ sig: String, target: ProgramSpec = noHandler) throws -> Timeline {
        try Simulator.run(containerPod(
            ["bash", "-c", "/app/target & t=$!; sleep 1; kill -\(sig) $t $t; wait"],
            programs: ["/app/target": target], deleteAt: 60_000))
    }

    func fates(_ t: Timeline) -> FigureValue? { t.outcome["processes.app/target.fates"] }

    @Test func aSecondSigkillIsDroppedNotCoalesced() throws {
        let t = try run("KILL")
        #expect(fates(t) == .list(["killed", "dying"]))
        let dropped = t.events.first { $0.kind == .signalDiscarded(.dying) }
        #expect(dropped?.rule == .kernelDyingDrops)
        #expect(dropped?.signal == .kill)
        #expect(!t.events.contains { $0.kind == .signalDiscarded(.alreadyPending) })
    }

    @Test func aDefaultFatalSignalStartsTheExitWhenSent() throws {
        let t = try run("TERM")
        #expect(t.outcome["processes.app/target.end"] == .text("SIGTERM"))
        #expect(fates(t) == .list(["killed", "dying"]))
    }

    /// A core-dump signal starts the group exit only when it is dequeued: the second one is
    /// merely already pending (observed on Linux 6.18: `signal_generate` res=2).
    @Test func aCoreDumpSignalLeavesTheSecondAlreadyPending() throws {
        // (SIGABRT: bash starts background jobs with SIGQUIT ignored.)
        let t = try run("ABRT")
        #expect(t.outcome["processes.app/target.end"] == .text("SIGABRT"))
        #expect(fates(t) == .list(["killed", "already-pending"]))
    }

    /// A caught signal does not start an exit: the second is already pending, as before.
    @Test func aCaughtSignalLeavesTheSecondAlreadyPending() throws {
        let t = try run("TERM", target: termHandler(cleanup: 100))
        #expect(fates(t) == .list(["caught", "already-pending"]))
        #expect(t.outcome["processes.app/target.end"] == .text("exit 0"))
    }
}
