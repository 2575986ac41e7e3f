import Testing
@testable import PodTerm

/// `/app/server` handling SIGTERM for 3 s, with a child `/app/worker` in its process group that
/// needs 10 s, and a child `/app/daemon` that called setsid and also handles SIGTERM.
private let family: [String: ProgramSpec] = [
    "/app/server": termHandler(children: [ChildSpec(command: ["/app/worker"]), ChildSpec(command: ["/app/daemon"], setsid: true)]),
    "/app/worker": termHandler(cleanup: 10_000),
    "/app/daemon": termHandler(cleanup: 1_000),
]

@Suite("init programs: tini, dumb-init, supervisord")
struct InitProgramTests {
    // MARK: tini

    @Test func tiniForwardsToItsChildAndExitsWithItsCode() throws {
        let t = try Simulator.run(containerPod(["/sbin/tini", "--", "/app/server"], programs: ["/app/server": termHandler()]))
        #expect(t.events.contains { $0.process == 0 && $0.kind == .signalTaken && $0.signal == .term && $0.rule == .tiniForward })
        #expect(t.events.contains { $0.actor == .process(0) && $0.process == 1 && $0.kind == .signalSent(origin: .process(0)) && $0.rule == .tiniForward })
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGTERM"]))
        #expect(t.outcome["processes.app/tini.end"] == .text("exit 0"))
        #expect(t.outcome["containers.app.exitCode"] == .int(0))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(13_000))
    }

    @Test func tiniExitsWith128PlusNAndMapsWithDashE() throws {
        let dies = ["/app/server": ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 500, then: .reraise))])]
        let t = try Simulator.run(containerPod(["tini", "/app/server"], programs: dies))
        #expect(t.outcome["processes.app/server.end"] == .text("SIGTERM"))
        // An exit with 143, not a death by signal.
        #expect(t.outcome["processes.app/tini.end"] == .text("exit 143"))
        #expect(t.outcome["containers.app.exitCode"] == .int(143))
        let mapped = try Simulator.run(containerPod(["tini", "-e", "143", "--", "/app/server"], programs: dies))
        #expect(mapped.outcome["containers.app.exitCode"] == .int(0))
        #expect(mapped.outcome["containers.app.reason"] == .text("Completed"))
    }

    @Test func tiniWithoutDashGLeavesGrandchildrenToTheKernel() throws {
        let t = try Simulator.run(containerPod(["tini", "--", "/app/server"], programs: family))
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGTERM"]))
        #expect(t.outcome["processes.app/worker.received"] == .list(["SIGKILL"]))
        #expect(t.outcome["processes.app/worker.killedBy"] == .text("kernel"))
        #expect(t.outcome["processes.app/worker.endedAt"] == .duration(13_000))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(13_000))
    }

    @Test func tiniDashGReachesTheGroupButNotASetsidGrandchild() throws {
        let t = try Simulator.run(containerPod(["tini", "-g", "--", "/app/server"], programs: family))
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGTERM"]))
        // The worker hears SIGTERM but needs 10 s; tini exits when the server is done, at 13 s.
        #expect(t.outcome["processes.app/worker.received"] == .list(["SIGTERM", "SIGKILL"]))
        #expect(t.outcome["processes.app/worker.endedAt"] == .duration(13_000))
        #expect(t.outcome["processes.app/daemon.received"] == .list(["SIGKILL"]))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(13_000))
    }

    @Test func zombiesPileUpUnderAnAppPid1ButNotUnderTini() throws {
        let programs: [String: ProgramSpec] = [
            "/app/server": ProgramSpec(children: [ChildSpec(command: ["/app/worker"])], reaps: .ownChildren),
            "/app/worker": ProgramSpec(runsFor: 1_000, children: [ChildSpec(command: ["/app/helper"]), ChildSpec(command: ["/app/helper"])]),
            "/app/helper": ProgramSpec(runsFor: 2_000),
        ]
        let bare = try Simulator.run(containerPod(["/app/server"], programs: programs))
        #expect(bare.outcome["outcome.zombies"] == .int(2))
        #expect(bare.events.contains { $0.kind == .becameZombie(parent: 0) && $0.time == 2_000 })
        let tini = try Simulator.run(containerPod(["tini", "--", "/app/server"], programs: programs))
        #expect(tini.outcome["outcome.zombies"] == .int(0))
        #expect(tini.events.contains { $0.kind == .reaped(by: 0) && $0.time == 2_000 && $0.rule == .tiniStatus })
    }

    @Test func tiniDashSBecomesASubreaperWhenNotPid1() throws {
        let programs: [String: ProgramSpec] = [
            "/app/worker": ProgramSpec(runsFor: 1_000, children: [ChildSpec(command: ["/app/helper"])]),
            "/app/helper": ProgramSpec(runsFor: 2_000),
        ]
        let t = try Simulator.run(containerPod(["sh", "-c", "tini -s -- /app/worker; sleep 100"], programs: programs))
        #expect(t.events.contains { $0.process == t.processIndex("helper") && $0.kind == .reparented(newParent: t.processIndex("tini")!) })
    }

    // MARK: dumb-init

    @Test func dumbInitRewriteLetsPythonSeeSigintAndCleanUp() throws {
        let programs = ["/app/main.py": ProgramSpec(preset: .python, presetCleanup: 2_000)]
        let t = try Simulator.run(containerPod(["dumb-init", "--rewrite", "15:2", "/app/main.py"], programs: programs))
        #expect(t.events.contains { $0.process == 0 && $0.kind == .signalRewritten(to: .int) && $0.signal == .term })
        #expect(t.events.contains { $0.process == 1 && $0.kind == .signalCaught(cleanup: 2_000) && $0.rule == .appPython })
        #expect(t.outcome["processes.app/main.py.end"] == .text("SIGINT"))
        #expect(t.outcome["processes.app/main.py.endedAt"] == .duration(12_000))
        #expect(t.outcome["processes.app/dumb-init.end"] == .text("exit 130"))
        #expect(t.outcome["containers.app.exitCode"] == .int(130))
        // Without the rewrite SIGTERM kills Python at once: no cleanup.
        let plain = try Simulator.run(containerPod(["dumb-init", "/app/main.py"], programs: programs))
        #expect(plain.outcome["processes.app/main.py.endedAt"] == .duration(10_000))
        #expect(plain.outcome["containers.app.exitCode"] == .int(143))
    }

    @Test func dumbInitExitsRightAfterItsChildAndTheAppGetsNoTime() throws {
        let t = try Simulator.run(containerPod(["dumb-init", "sh", "-c", "/app/server"], programs: ["/app/server": termHandler()]))
        // The whole session hears SIGTERM: dash dies of it, the app starts its cleanup…
        #expect(t.outcome["processes.app/sh.end"] == .text("SIGTERM"))
        #expect(t.events.contains { $0.process == t.processIndex("server") && $0.kind == .signalCaught(cleanup: 3_000) && $0.time == 10_000 })
        // …dumb-init sends SIGTERM once more and exits; the kernel kills the app.
        #expect(t.events.contains { $0.process == t.processIndex("server") && $0.rule == .dumbinitExitOnChild && $0.kind == .signalSent(origin: .process(0)) })
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGTERM", "SIGTERM", "SIGKILL"]))
        #expect(t.outcome["processes.app/server.endedAt"] == .duration(10_000))
        #expect(t.outcome["containers.app.exitCode"] == .int(143))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(10_000))
    }

    @Test func dumbInitSingleChildSignalsOnlyTheChild() throws {
        let t = try Simulator.run(containerPod(["dumb-init", "--single-child", "sh", "-c", "/app/server"], programs: ["/app/server": termHandler()]))
        #expect(t.outcome["processes.app/sh.end"] == .text("SIGTERM"))
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGKILL"]))
    }

    @Test func dumbInitRewriteToZeroSwallowsTheSignal() throws {
        let t = try Simulator.run(containerPod(["dumb-init", "-r", "15:0", "/app/server"], programs: ["/app/server": termHandler()]))
        #expect(t.events.contains { $0.kind == .signalRewritten(to: nil) })
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGKILL"]))
        #expect(t.outcome["containers.app.exitCode"] == .int(137))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(40_000))
    }

    // MARK: supervisord

    private func supervised(_ programs: [SupervisedProgram], pollPhase: Millis = 0) -> [String: ProgramSpec] {
        ["supervisord": ProgramSpec(supervisord: SupervisordSpec(programs: programs, pollPhase: pollPhase))]
    }

    @Test func supervisordForwardsLateAndKillsAfterStopwaitsecs() throws {
        var programs = supervised([SupervisedProgram(name: "app", command: ["/app/server"], stopWaitSecs: 5)])
        programs["/app/server"] = termHandler(cleanup: 30_000)
        let t = try Simulator.run(containerPod(["/usr/bin/supervisord", "-n", "-c", "/etc/supervisord.conf"], programs: programs))
        #expect(t.events.contains { $0.process == 0 && $0.kind == .signalNoted(actsAt: 11_000) && $0.time == 10_000 })
        let server = t.processIndex("server")
        let forwarded = t.events.first { $0.process == server && $0.signal == .term && $0.kind == .signalSent(origin: .process(0)) }
        #expect(forwarded?.time == 11_000)
        #expect(forwarded?.rule == .supervisordStop)
        // Its own SIGKILL kills the server at 16 s; the server's pipes close with it, so the
        // poll returns and supervisord collects it and exits at once (supervisord.wakeup).
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGTERM", "SIGKILL"]))
        #expect(t.outcome["processes.app/server.killedBy"] == .text("supervisord"))
        #expect(t.outcome["processes.app/server.endedAt"] == .duration(16_000))
        #expect(t.outcome["containers.app.exitCode"] == .int(0))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(16_000))

        // The loop's phase decides how late the forward is.
        var phased = supervised([SupervisedProgram(name: "app", command: ["/app/server"], stopWaitSecs: 5)], pollPhase: 300)
        phased["/app/server"] = termHandler()
        let p = try Simulator.run(containerPod(["supervisord", "-n"], programs: phased))
        let late = p.events.first { $0.process == p.processIndex("server") && $0.kind == .signalSent(origin: .process(0)) }
        #expect(late?.time == 10_300)
        #expect(p.outcome["containers.app.exitedAt"] == .duration(13_300))
    }

    @Test func supervisordStopsHighestPriorityFirstOneGroupAtATime() throws {
        var programs = supervised([
            SupervisedProgram(name: "web", command: ["/app/web"], priority: 10),
            SupervisedProgram(name: "queue", command: ["/app/queue"], priority: 20),
        ])
        programs["/app/web"] = termHandler(cleanup: 1_000)
        programs["/app/queue"] = termHandler(cleanup: 2_000)
        let t = try Simulator.run(containerPod(["supervisord"], programs: programs))
        #expect(t.outcome["processes.app/queue.endedAt"] == .duration(13_000))
        let webTerm = t.events.first { $0.process == t.processIndex("web") && $0.kind == .signalSent(origin: .process(0)) }
        #expect(webTerm?.time == 13_000)
        #expect(t.outcome["containers.app.exitedAt"] == .duration(14_000))
    }

    @Test func supervisordStopAsGroupReachesAGrandchildThatIsStillKilled() throws {
        var programs = supervised([SupervisedProgram(name: "app", command: ["/app/server"], stopAsGroup: true)])
        programs["/app/server"] = termHandler(children: [ChildSpec(command: ["/app/worker"])])
        programs["/app/worker"] = termHandler(cleanup: 10_000)
        let t = try Simulator.run(containerPod(["supervisord", "-n"], programs: programs))
        #expect(t.outcome["processes.app/worker.received"] == .list(["SIGTERM", "SIGKILL"]))
        #expect(t.outcome["processes.app/worker.killedBy"] == .text("kernel"))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(14_000))
        #expect(t.outcome["containers.app.exitCode"] == .int(0))
    }
}

@Suite("runtime presets")
struct RuntimePresetTests {
    @Test func jvmRunsShutdownHooksThenExits143() throws {
        let t = try Simulator.run(containerPod(["java", "-jar", "/app.jar"], programs: javaApp))
        #expect(t.events.contains { $0.kind == .signalCaught(cleanup: 3_000) && $0.rule == .appJvm })
        #expect(t.outcome["containers.app.exitCode"] == .int(143))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(13_000))
    }

    @Test func nodeAsPid1IgnoresSigtermAsAChildDies() throws {
        let programs = ["node": ProgramSpec(preset: .node)]
        let pid1 = try Simulator.run(containerPod(["node", "server.js"], programs: programs))
        #expect(pid1.outcome["containers.app.exitCode"] == .int(137))
        let child = try Simulator.run(containerPod(["tini", "--", "node", "server.js"], programs: programs))
        #expect(child.outcome["processes.app/node.end"] == .text("SIGTERM"))
        #expect(child.outcome["containers.app.exitCode"] == .int(143))
    }

    @Test func goWithoutNotifyDiesAsAChildAndExits2AsPid1() throws {
        let programs = ["/app/api": ProgramSpec(preset: .go)]
        let pid1 = try Simulator.run(containerPod(["/app/api"], programs: programs))
        #expect(pid1.outcome["processes.app/api.end"] == .text("exit 2"))
        #expect(pid1.outcome["containers.app.exitedAt"] == .duration(10_000))
        let child = try Simulator.run(containerPod(["tini", "--", "/app/api"], programs: programs))
        #expect(child.outcome["processes.app/api.end"] == .text("SIGTERM"))
        // signal.Notify + Shutdown: the program's own entry wins.
        let notify = ["/app/api": ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 4_000, then: .exit(0)))], preset: .go)]
        let graceful = try Simulator.run(containerPod(["/app/api"], programs: notify))
        #expect(graceful.outcome["containers.app.exitCode"] == .int(0))
        #expect(graceful.outcome["containers.app.exitedAt"] == .duration(14_000))
    }

    @Test func pythonAsPid1DiscardsSigtermButCleansUpOnSigint() throws {
        let programs = ["/app/main.py": ProgramSpec(preset: .python, presetCleanup: 2_000)]
        let term = try Simulator.run(containerPod(["/app/main.py"], programs: programs))
        #expect(term.outcome["containers.app.exitCode"] == .int(137))
        let int = try Simulator.run(containerPod(["/app/main.py"], programs: programs, stopSignal: .int))
        #expect(int.outcome["processes.app/main.py.end"] == .text("exit 130"))
        #expect(int.outcome["containers.app.exitedAt"] == .duration(12_000))
    }

    @Test func nginxQuitIsGracefulAndTermCutsItShort() throws {
        let programs = ["nginx": ProgramSpec(preset: .nginx, presetCleanup: 5_000)]
        let quit = try Simulator.run(containerPod(["nginx", "-g", "daemon off;"], programs: programs, stopSignal: .quit))
        #expect(quit.outcome["containers.app.exitCode"] == .int(0))
        #expect(quit.outcome["containers.app.exitedAt"] == .duration(15_000))
        let term = try Simulator.run(containerPod(["nginx", "-g", "daemon off;"], programs: programs))
        #expect(term.outcome["containers.app.exitedAt"] == .duration(10_000))
        // SIGQUIT, then SIGTERM 1 s later (from the shell's forwarding): the fast shutdown wins.
        let script = "trap 'kill -QUIT $n; sleep 1; kill -TERM $n' TERM; nginx & n=$!; wait $n; wait $n"
        let both = try Simulator.run(containerPod(["bash", "-c", script], programs: programs))
        #expect(both.outcome["processes.app/nginx.endedAt"] == .duration(11_000))
    }
}
