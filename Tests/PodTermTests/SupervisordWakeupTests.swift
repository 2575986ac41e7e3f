import Testing
@testable import PodTerm

/// `supervisord.wakeup`: supervisord's loop turns when its 1 s poll times out or when a
/// program's stdout or stderr pipe reaches end of file, so a death is collected at once when
/// the program was the last holder of one of its pipes, and at the next tick otherwise.
///
/// The pod: supervisord (1 s loop, phase 0) runs web (priority 10) and worker (priority 20).
/// Deleted at 10 s, supervisord acts at 11 s: the worker gets SIGTERM and exits 500 ms later,
/// at 11.5 s. When supervisord collects it, web gets SIGTERM and exits 200 ms later.
@Suite("supervisord: when its loop wakes")
struct SupervisordWakeupTests {
    func run(worker: ProgramSpec, redirectStderr: Bool = false, webIgnores: Bool = false, extra: [String: ProgramSpec] = [:]) throws -> Timeline {
        var programs: [String: ProgramSpec] = [
            "supervisord": ProgramSpec(supervisord: SupervisordSpec(programs: [
                SupervisedProgram(name: "web", command: ["/app/web"], stopWaitSecs: 1, priority: 10, redirectStderr: redirectStderr),
                SupervisedProgram(name: "worker", command: ["/app/worker"], stopWaitSecs: 10, priority: 20, redirectStderr: redirectStderr),
            ])),
            "/app/web": webIgnores ? ProgramSpec(signals: [.term: .ignore]) : termHandler(cleanup: 200),
            "/app/worker": worker,
        ]
        programs.merge(extra) { $1 }
        return try Simulator.run(containerPod(["supervisord", "-n"], programs: programs))
    }

    /// When web got its SIGTERM from supervisord.
    func webStoppedAt(_ t: Timeline) -> Millis? {
        t.events.first { $0.process == t.processIndex("web") && $0.signal == .term && $0.kind == .signalSent(origin: .process(0)) }?.time
    }

    /// A helper child of the worker that nobody signals: it keeps whatever it inherited open.
    func workerWithHelper(closes: [StandardStream] = []) -> ProgramSpec {
        termHandler(cleanup: 500, children: [ChildSpec(command: ["/app/helper"], closes: closes)])
    }

    @Test func aDeathThatClosesTheProgramsPipesIsCollectedAtOnce() throws {
        let t = try run(worker: termHandler(cleanup: 500))
        #expect(t.outcome["processes.app/worker.endedAt"] == .duration(11_500))
        #expect(webStoppedAt(t) == 11_500)
        #expect(t.outcome["containers.app.exitedAt"] == .duration(11_700))
        let collected = t.events.first { $0.kind == .supervisedEnded(program: "worker", status: .exited(0), stopped: true) }
        #expect(collected?.time == 11_500)
        #expect(collected?.rule == .supervisordWakeup)
    }

    @Test func aChildHoldingThePipesDelaysItToTheNextTick() throws {
        let t = try run(worker: workerWithHelper(), extra: ["/app/helper": ProgramSpec()])
        #expect(t.outcome["processes.app/worker.endedAt"] == .duration(11_500))
        #expect(webStoppedAt(t) == 12_000)
        #expect(t.outcome["containers.app.exitedAt"] == .duration(12_200))
        // The helper outlived its parent and held the pipes; the namespace's end kills it.
        #expect(t.outcome["processes.app/helper.end"] == .text("SIGKILL"))
    }

    @Test func aChildThatClosedItsOutputHoldsNothing() throws {
        let t = try run(worker: workerWithHelper(closes: [.stdout, .stderr]), extra: ["/app/helper": ProgramSpec()])
        #expect(webStoppedAt(t) == 11_500)
    }

    /// Without redirect_stderr a program has two pipes, and the end of either wakes the loop;
    /// with it, one.
    @Test func redirectStderrDecidesWhetherAChildWithStdoutHoldsItAll() throws {
        let helper = ["/app/helper": ProgramSpec()]
        let two = try run(worker: workerWithHelper(closes: [.stderr]), extra: helper)
        #expect(webStoppedAt(two) == 11_500, "the worker's stderr pipe closed with it")
        let one = try run(worker: workerWithHelper(closes: [.stderr]), redirectStderr: true, extra: helper)
        #expect(webStoppedAt(one) == 12_000, "the one pipe is still held through the helper's stdout")
    }

    /// A death right after supervisord's own SIGKILL, with the pipes held: collected at the
    /// next tick, after a second SIGKILL to the zombie once stopwaitsecs has passed again.
    @Test func aHeldDeathAfterItsSIGKILLGetsASecondOne() throws {
        var worker = workerWithHelper()
        worker.signals = [.term: .ignore]
        var programs = ["/app/helper": ProgramSpec()]
        programs["/app/worker"] = worker
        let t = try Simulator.run(containerPod(["supervisord", "-n"], programs: programs.merging([
            "supervisord": ProgramSpec(supervisord: SupervisordSpec(programs: [
                SupervisedProgram(name: "worker", command: ["/app/worker"], stopWaitSecs: 1),
            ])),
        ]) { $1 }))
        #expect(t.outcome["processes.app/worker.received"] == .list(["SIGTERM", "SIGKILL", "SIGKILL"]))
        #expect(t.outcome["processes.app/worker.endedAt"] == .duration(12_000))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(13_000))
    }

    /// Every turn restarts the poll's 1 s timeout: after the worker's end of file at 11.5 s,
    /// web (stopwaitsecs 1, ignoring SIGTERM) is SIGKILLed at 12.5 s, not on the old 12 s grid.
    @Test func aWakeRestartsTheOneSecondTimeout() throws {
        let t = try run(worker: termHandler(cleanup: 500), webIgnores: true)
        #expect(webStoppedAt(t) == 11_500)
        #expect(t.outcome["processes.app/web.endedAt"] == .duration(12_500))
        #expect(t.outcome["processes.app/web.received"] == .list(["SIGTERM", "SIGKILL"]))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(12_500))
    }
}
