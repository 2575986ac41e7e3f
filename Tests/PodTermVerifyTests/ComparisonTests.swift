import Foundation
import PodTerm
import PodTermScenario
@testable import PodTermVerify
import Testing

/// The parts of verify that need no namespace: reading trace lines, rewriting paths, the
/// probe's spec, and the comparison itself.
@Suite("verify: comparison and parsing")
struct ComparisonTests {
    // MARK: trace lines

    @Test func parsesTraceLines() throws {
        let gen = try #require(TraceEvent(line: "   podterm-probe-802     [000]   2559.262055: signal_generate: sig=15 errno=0 code=0 comm=server pid=804 grp=1 res=1"))
        #expect(gen.tid == 802 && gen.comm == "podterm-probe" && gen.time == 2_559_262_055_000)
        #expect(gen.kind == .generate(sig: 15, code: 0, pid: 804, group: true, result: 1))

        let del = try #require(TraceEvent(line: "          server-804     [000] d..1.  2559.262087: signal_deliver: sig=15 errno=0 code=0 sa_handler=559d4916d100 sa_flags=14000004"))
        #expect(del.kind == .deliver(sig: 15, code: 0, handler: 0x559d4916d100))

        let task = try #require(TraceEvent(line: "          server-804     [000]   2558.965223: task_newtask: pid=805 comm=server clone_flags=1200000 oom_score_adj=0"))
        #expect(task.kind == .newTask(pid: 805, comm: "server", thread: false))
        let thread = try #require(TraceEvent(line: "     python3-9     [001]   1.000001: task_newtask: pid=10 comm=python3 clone_flags=3d0f00 oom_score_adj=0"))
        #expect(thread.kind == .newTask(pid: 10, comm: "python3", thread: true))

        let exec = try #require(TraceEvent(line: "           sleep-805     [001]   2558.965621: sched_process_exec: filename=/tmp/a dir/bin/sleep pid=805 old_pid=805"))
        #expect(exec.kind == .exec(pid: 805, oldPid: 805, filename: "/tmp/a dir/bin/sleep"))

        let exit = try #require(TraceEvent(line: "          server-804     [000]   2559.363956: sched_process_exit: comm=server pid=804 prio=120 group_dead=true"))
        #expect(exit.kind == .exit(pid: 804, groupDead: true))
        let oldExit = try #require(TraceEvent(line: "          server-804     [000]   2559.363956: sched_process_exit: comm=server pid=804 prio=120"))
        #expect(oldExit.kind == .exit(pid: 804, groupDead: nil))

        let call = try #require(TraceEvent(line: "            bash-12     [000]   10.5: sys_exit_group(error_code: 8f)"))
        #expect(call.kind == .exitCall(code: 143, group: true))
        #expect(call.time == 10_500_000_000)

        let poll = try #require(TraceEvent(line: "     supervisord-77   [001]   3.000000: sys_poll(ufds: 7ffd1234, nfds: 3, timeout_msecs: 3e8)"))
        #expect(poll.kind == .poll(timeoutMs: 1000))

        #expect(TraceEvent(line: "# tracer: nop") == nil)
        #expect(TraceEvent(line: "   x-1  [000]   1.0: sched_switch: prev_comm=x") == nil)
    }

    // MARK: staging

    @Test func stagesProgramsAsTheCatalogResolvesThem() throws {
        let work = try scratchDirectory("staging")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let scenario = Scenario(
            pod: PodSpec(containers: [ContainerSpec(name: "app", command: ["/bin/sh", "-c", "exec /app/server --port=8080 >/app/server; sleep 1"])]),
            programs: ["/app/server": ProgramSpec(), "java": ProgramSpec()])
        let s = try Staging(dir: work + "/app", scenario: scenario, container: scenario.pod.containers[0], probe: "/usr/bin/true")
        let root = work + "/app/root"
        // Absolute paths go to root/, except a redirection's target.
        #expect(s.argv == [root + "/bin/sh", "-c", "exec \(root)/app/server --port=8080 >/app/server; sleep 1"])
        #expect(s.rewrite("a=/app/server; '/app/server' \"/usr/bin/env\" /app/server/") == "a=\(root)/app/server; '\(root)/app/server' \"/usr/bin/env\" /app/server/")
        let fm = FileManager.default
        // Copies, not links: nothing written to an entry can reach the host's programs.
        #expect(Sys.readLink(root + "/app/server") == nil)
        #expect(fm.contentsEqual(atPath: root + "/app/server", andPath: "/usr/bin/true"))
        #expect(fm.contentsEqual(atPath: root + "/bin/sh", andPath: Staging.findProgram("dash")!), "on a default image /bin/sh is dash")
        #expect(fm.fileExists(atPath: work + "/app/specs/root/app/server"))
        // Bare names: the declared ones, and the real programs the scenario mentions.
        #expect(fm.fileExists(atPath: work + "/app/bin/java") && fm.fileExists(atPath: work + "/app/specs/bin/java"))
        #expect(fm.fileExists(atPath: work + "/app/bin/sleep") && !fm.fileExists(atPath: work + "/app/bin/tini"))
        // `server` alone is not declared: like the catalog, nothing answers to it.
        #expect(!fm.fileExists(atPath: work + "/app/bin/server"))
    }

    @Test func probeSpecOfAProgram() {
        var spec = ProgramSpec(
            signals: [.term: .handle(SignalHandlerSpec(cleanup: 300, then: .exit(0))), .hup: .handle(SignalHandlerSpec(then: .keepRunning)), .int: .ignore],
            runsFor: 5_000, exitCode: 3, children: [ChildSpec(command: ["/app/worker", "-v"], setsid: true, startAfter: 100)], reaps: .all)
        var text = ProbeSpec.render(name: "server", spec) { $0.replacingOccurrences(of: "/app", with: "/w/bin") }
        #expect(text == """
            name\tserver
            signal\t1\thandle\t0\tkeep
            signal\t2\tignore
            signal\t15\thandle\t300\texit\t0
            runs-for\t5000
            exit-code\t3
            reaps\tall
            child\t1\t100\t/w/bin/worker\t-v

            """)
        spec = ProgramSpec(signals: [.term: .ignore], preset: .jvm, presetCleanup: 200)
        text = ProbeSpec.render(name: "java", spec) { $0 }
        #expect(text.contains("preset\t1\tshutdown\t200\texit\t129\t0\t1"))
        #expect(text.contains("preset\t2\tshutdown\t200\texit\t130\t0\t1"))
        #expect(text.contains("preset\t3\tkeep\t0"))
        #expect(!text.contains("preset\t15"), "the program's own SIGTERM entry wins over the preset")
    }

    // MARK: comparison

    func story(_ procs: [ProcessStory], status: WaitStatus? = .exited(0), exitedAt: Millis? = 800) -> ContainerStory {
        ContainerStory(name: "app", processes: procs, pid1Status: status, exitedAt: exitedAt,
                       runtimeSignals: [RuntimeSignal(at: 500, signal: .term)])
    }

    func server(_ received: [SignalStory], end: EndStory? = EndStory(at: 800, status: .exited(0))) -> ProcessStory {
        ProcessStory(key: "app/server", name: "server", pid: 1, hostPid: nil, startedAt: 0, received: received, end: end, zombieLeft: false, parent: nil)
    }

    let term = SignalStory(at: 500, signal: .term, from: "runtime", fate: "caught")

    func compare(_ real: ContainerStory, _ sim: ContainerStory) -> ContainerComparison {
        ContainerComparison.compare(real: real, simulated: sim, options: VerifyOptions(), lateness: nil)
    }

    @Test func identicalStoriesMatch() {
        let c = compare(story([server([term])]), story([server([term])]))
        #expect(c.rows.allSatisfy { $0.difference == nil })
    }

    @Test func timingWithinTheTolerance() {
        // 150 ms + 10 % of the 300 ms since the runtime's signal: 180 ms.
        var real = story([server([term], end: EndStory(at: 979, status: .exited(0)))])
        #expect(compare(real, story([server([term])])).rows.allSatisfy { $0.difference == nil })
        real = story([server([term], end: EndStory(at: 981, status: .exited(0)))])
        let rows = compare(real, story([server([term])])).rows.filter { $0.difference != nil }
        #expect(rows.count == 1 && rows[0].what == "end" && rows[0].difference?.contains("181 ms apart") == true)
    }

    @Test func fateSenderAndOrderDifferencesAreFlagged() {
        var other = term
        other.fate = "discarded:pid1-default"
        var rows = compare(story([server([other])]), story([server([term])])).rows.filter { $0.difference != nil }
        #expect(rows.count == 1 && rows[0].difference == "differs: fate")

        other = term
        other.from = "app/tini"
        rows = compare(story([server([other])]), story([server([term])])).rows.filter { $0.difference != nil }
        #expect(rows.count == 1 && rows[0].difference == "differs: sender")

        let kill = SignalStory(at: 2500, signal: .kill, from: "runtime", fate: "killed")
        rows = compare(story([server([kill, term])]), story([server([term, kill])])).rows.filter { $0.difference != nil }
        #expect(rows.count == 2, "a different order is a difference: \(rows)")
    }

    @Test func missingSignalsProcessesAndStatusesAreFlagged() {
        let kill = SignalStory(at: 2500, signal: .kill, from: "runtime", fate: "killed")
        var c = compare(story([server([term])]), story([server([term, kill])]))
        #expect(c.rows.contains { $0.what == "SIGKILL" && $0.difference == "never sent in reality" })

        let worker = ProcessStory(key: "app/server/worker", name: "worker", pid: 2, hostPid: nil, startedAt: 0, received: [],
                                  end: EndStory(at: 800, status: .signaled(.kill)), zombieLeft: false, parent: 0)
        c = compare(story([server([term]), worker]), story([server([term])]))
        #expect(c.rows.contains { $0.process == "app/server/worker" && $0.difference == "only in reality" })

        c = compare(story([server([term])], status: .exited(143)), story([server([term])]))
        #expect(c.rows.contains { $0.what == "PID 1 status" && $0.difference != nil })

        var zombie = worker
        zombie.zombieLeft = true
        c = compare(story([server([term]), zombie]), story([server([term]), worker]))
        #expect(c.rows.contains { $0.what == "zombies left" && $0.difference != nil })
    }

    @Test func keysFollowTheTree() {
        var procs = [
            ProcessStory(key: "", name: "tini", pid: 1, hostPid: nil, startedAt: 0, received: [], end: nil, zombieLeft: false, parent: nil),
            ProcessStory(key: "", name: "server", pid: 2, hostPid: nil, startedAt: 0, received: [], end: nil, zombieLeft: false, parent: 0),
            ProcessStory(key: "", name: "worker", pid: 3, hostPid: nil, startedAt: 0, received: [], end: nil, zombieLeft: false, parent: 1),
            ProcessStory(key: "", name: "worker", pid: 4, hostPid: nil, startedAt: 0, received: [], end: nil, zombieLeft: false, parent: 1),
        ]
        StoryKeys.assign(container: "app", &procs)
        #expect(procs.map(\.key) == ["app/tini", "app/tini/server", "app/tini/server/worker", "app/tini/server/worker#2"])
    }

    @Test func simulatedStoryOfAScenario() throws {
        let loaded = try Battery.load("tini-forwards.yaml")
        let t = try Simulator.run(loaded.scenario)
        let s = SimulatedStory.make(t, container: 0)
        #expect(s.processes.map(\.key) == ["app/tini", "app/tini/server", "app/tini/server/worker"])
        #expect(s.runtimeSignals == [RuntimeSignal(at: 500, signal: .term)])
        #expect(s.process("app/tini/server")?.received.map(\.from) == ["app/tini"])
        #expect(s.process("app/tini/server/worker")?.received.map(\.from) == ["kernel"])
        #expect(s.pid1Status == .exited(0))
    }
}
