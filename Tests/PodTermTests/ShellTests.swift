import Testing
@testable import PodTerm

// MARK: - helpers shared by ShellTests and InitProgramTests

/// A one-container pod (`app`, image `img` whose `/bin/sh` is `shell`) running `argv` as PID 1,
/// with `programs`, deleted at `deleteAt` (default 10 s) with a 30 s grace; never restarted.
func containerPod(
    _ argv: [String], programs: [String: ProgramSpec] = [:], shell: ShellFlavor? = nil, grace: Int = 30,
    stopSignal: Signal? = nil, deleteAt: Millis = 10_000
) -> Scenario {
    Scenario(
        name: "test",
        pod: PodSpec(name: "web", terminationGracePeriodSeconds: grace, restartPolicy: .never,
                     containers: [ContainerSpec(name: "app", image: "img", command: argv, stopSignal: stopSignal)]),
        images: ["img": ImageSpec(shell: shell)],
        programs: programs,
        actions: [StopAction(at: deleteAt, .delete(DeleteOptions()))])
}

/// An app that handles SIGTERM: `cleanup` ms, then exit 0.
func termHandler(cleanup: Millis = 3_000, children: [ChildSpec] = [], reaps: ReapPolicy = .ownChildren) -> ProgramSpec {
    ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: cleanup, then: .exit(0)))], children: children, reaps: reaps)
}

/// The JVM app most tests run: shutdown hooks take 3 s, then it exits 143.
let javaApp: [String: ProgramSpec] = ["java": ProgramSpec(preset: .jvm, presetCleanup: 3_000)]

extension Timeline {
    /// The index of the `n`th process (1-based) whose program is `name`.
    func processIndex(_ name: String, _ n: Int = 1) -> Int? {
        processes.indices.filter { processes[$0].name == name }.dropFirst(n - 1).first
    }

    /// Events about process `name` (its first instance).
    func eventsAbout(_ name: String) -> [TimelineEvent] {
        guard let p = processIndex(name) else { return [] }
        return events.filter { $0.process == p }
    }

    /// Whether some event follows `rule`.
    func follows(_ rule: Rule) -> Bool { events.contains { $0.rule == rule } }

    /// The signals process `name` received, with their fates.
    func signalsReceived(by name: String) -> [ReceivedSignal] {
        processIndex(name).map { processes[$0].received } ?? []
    }
}

@Suite("shells: sh -c, bash -c, busybox, scripts")
struct ShellTests {
    // MARK: exec or not

    @Test func dashAsPid1DiscardsSigtermAndTheAppOnlyGetsSigkill() throws {
        let t = try Simulator.run(containerPod(["/bin/sh", "-c", "java -jar /app.jar"], programs: javaApp))
        let o = t.outcome
        #expect(t.processIndex("sh") == 0)
        #expect(t.processIndex("java") == 1 && t.processes.last?.parent == 0)
        // The fork of the only command is explained by Debian's patch.
        #expect(t.events.contains { $0.process == 1 && { if case .processStarted(0, _, _) = $0.kind { return true } else { return false } }($0) && $0.rule == .shDashNoExec })
        #expect(t.events.contains { $0.process == 0 && $0.signal == .term && $0.rule == .kernelPid1IgnoresDefault && $0.time == 10_000 })
        #expect(o["containers.app.sigkillAt"] == .duration(40_000))
        #expect(o["containers.app.exitCode"] == .int(137))
        #expect(o["processes.app/java.received"] == .list(["SIGKILL"]))
        #expect(o["processes.app/java.killedBy"] == .text("kernel"))
        #expect(o["processes.app/sh.received"] == .list(["SIGTERM", "SIGKILL"]))
    }

    @Test func bashExecsASingleSimpleCommand() throws {
        let t = try Simulator.run(containerPod(["bash", "-c", "java -jar /app.jar"], programs: javaApp))
        #expect(t.processes.count == 1)
        #expect(t.processes[0].name == "java" && t.processes[0].argv == ["java", "-jar", "/app.jar"])
        #expect(t.events.contains { { if case .execed(let r, _) = $0.kind { return r == ["bash", "-c", "java -jar /app.jar"] } else { return false } }($0) && $0.rule == .shBashExecRules })
        #expect(t.outcome["processes.app/java.received"] == .list(["SIGTERM"]))
        #expect(t.outcome["containers.app.exitCode"] == .int(143))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(13_000))
        #expect(t.outcome["containers.app.sigkilled"] == .bool(false))
    }

    @Test func bashExecsTheLastCommandOfAList() throws {
        var programs = javaApp
        programs["/setup"] = ProgramSpec(runsFor: 1_000)
        let t = try Simulator.run(containerPod(["bash", "-c", "/setup && java -jar /app.jar"], programs: programs))
        #expect(t.processIndex("java") == 0)
        #expect(t.processIndex("setup") == 1 && t.processes.last?.parent == 0)
        let exec = t.events.first { if case .execed = $0.kind { return true } else { return false } }
        #expect(exec?.time == 1_000)
        #expect(t.outcome["containers.app.exitedAt"] == .duration(13_000))
        // `||` after a success skips the rest: the shell ends with the first command's status.
        programs["/setup"] = ProgramSpec(runsFor: 1_000, exitCode: 0)
        let skipped = try Simulator.run(containerPod(["bash", "-c", "/setup || java -jar /app.jar"], programs: programs))
        #expect(skipped.outcome["containers.app.exitCode"] == .int(0))
        #expect(skipped.outcome["containers.app.exitedAt"] == .duration(1_000))
        #expect(skipped.processIndex("java") == nil)
    }

    @Test func bashDoesNotExecWithARedirectionOrATrap() throws {
        for script in ["java -jar /app.jar > /var/log/app.log 2>&1", "trap 'echo bye' INT; java -jar /app.jar"] {
            let t = try Simulator.run(containerPod(["bash", "-c", script], programs: javaApp))
            #expect(t.processIndex("bash") == 0, "\(script)")
            #expect(t.events.contains { $0.process == 1 && $0.rule == .shBashExecRules }, "\(script)")
            #expect(t.outcome["containers.app.exitCode"] == .int(137), "\(script)")
            #expect(t.outcome["processes.app/java.received"] == .list(["SIGKILL"]), "\(script)")
        }
    }

    @Test func busyboxShExecsTheLastCommand() throws {
        var programs = javaApp
        programs["setup"] = ProgramSpec(runsFor: 1_000)
        let t = try Simulator.run(containerPod(["/bin/sh", "-c", "setup; java -jar /app.jar"], programs: programs, shell: .busybox))
        #expect(t.processes[0].name == "java")
        #expect(t.events.contains { if case .execed = $0.kind { return $0.rule == .shBusyboxExecLast } else { return false } })
        #expect(t.outcome["processes.app/java.received"] == .list(["SIGTERM"]))
        #expect(t.outcome["containers.app.exitCode"] == .int(143))
        // `busybox sh -c` and `ash -c` are busybox whatever the image says.
        let explicit = try Simulator.run(containerPod(["busybox", "sh", "-c", "java -jar /app.jar"], programs: programs))
        #expect(explicit.processes[0].name == "java")
        // With a trap set it forks and stays PID 1.
        let trapped = try Simulator.run(containerPod(["ash", "-c", "trap 'echo hi' HUP; java -jar /app.jar"], programs: programs))
        #expect(trapped.processes[0].name == "ash")
        #expect(trapped.outcome["containers.app.exitCode"] == .int(137))
    }

    @Test func theImageDecidesWhatBinShIs() throws {
        let dash = try Simulator.run(containerPod(["/bin/sh", "-c", "java"], programs: javaApp))
        #expect(dash.processes[0].name == "sh")
        let bash = try Simulator.run(containerPod(["/bin/sh", "-c", "java"], programs: javaApp, shell: .bash))
        #expect(bash.processes[0].name == "java")
        let busybox = try Simulator.run(containerPod(["/bin/sh", "-c", "java"], programs: javaApp, shell: .busybox))
        #expect(busybox.processes[0].name == "java")
    }

    @Test func explicitExecMakesTheAppPid1EvenUnderDash() throws {
        var programs = javaApp
        programs["setup"] = ProgramSpec(runsFor: 500)
        let t = try Simulator.run(containerPod(["sh", "-c", "setup; exec java -jar /app.jar"], programs: programs))
        #expect(t.processes[0].name == "java")
        #expect(t.events.contains { if case .execed = $0.kind { return $0.rule == .shExec && $0.time == 500 } else { return false } })
        #expect(t.outcome["containers.app.exitCode"] == .int(143))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(13_000))
    }

    @Test func aScriptFileNeverExecsItsLastLineButExecDollarAtWorks() throws {
        var programs = javaApp
        programs["/entrypoint.sh"] = ProgramSpec(script: "#!/bin/bash\necho starting\njava -jar /app.jar\n", shell: .bash)
        let plain = try Simulator.run(containerPod(["/entrypoint.sh"], programs: programs))
        #expect(plain.processes[0].name == "entrypoint.sh")
        #expect(plain.outcome["containers.app.exitCode"] == .int(137))
        #expect(plain.outcome["processes.app/java.received"] == .list(["SIGKILL"]))

        programs["/docker-entrypoint.sh"] = ProgramSpec(script: "set -e\necho \"starting $1\"\nexec \"$@\"", shell: .bash)
        let viaExec = try Simulator.run(containerPod(["/docker-entrypoint.sh", "java", "-jar", "/app.jar"], programs: programs))
        #expect(viaExec.processes[0].name == "java")
        #expect(viaExec.processes[0].argv == ["java", "-jar", "/app.jar"])
        #expect(viaExec.outcome["containers.app.exitCode"] == .int(143))

        // An explicit interpreter runs the same file.
        let viaBash = try Simulator.run(containerPod(["bash", "/entrypoint.sh"], programs: programs))
        #expect(viaBash.processes[0].name == "bash")
        #expect(viaBash.processIndex("java") == 1)
    }

    // MARK: traps

    @Test func bashExitTrapExitsAt143AndTheKernelKillsTheApp() throws {
        let t = try Simulator.run(containerPod(["bash", "-c", "trap 'echo bye' EXIT; java -jar /app.jar"], programs: javaApp))
        #expect(t.processes[0].name == "bash")
        #expect(t.events.contains { $0.process == 0 && $0.kind == .trapRuns(exitTrap: true) && $0.signal == .term && $0.rule == .bashExitTrapPid1 })
        // The re-raised SIGTERM is discarded: bash is PID 1.
        #expect(t.events.contains { $0.process == 0 && $0.kind == .signalDiscarded(.pid1Default) && $0.time == 10_000 })
        #expect(t.outcome["processes.app/bash.end"] == .text("exit 143"))
        #expect(t.outcome["containers.app.exitCode"] == .int(143))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(10_000))
        #expect(t.outcome["processes.app/java.received"] == .list(["SIGKILL"]))
        #expect(t.outcome["processes.app/java.killedBy"] == .text("kernel"))
    }

    @Test func bashExitTrapAsAChildDiesOfTheReraisedSignal() throws {
        let t = try Simulator.run(containerPod(["tini", "--", "bash", "-c", "trap 'echo bye' EXIT; java -jar /app.jar"], programs: javaApp))
        #expect(t.events.contains { $0.kind == .trapRuns(exitTrap: true) && $0.signal == .term })
        #expect(t.outcome["processes.app/bash.end"] == .text("SIGTERM"))
        #expect(t.outcome["processes.app/tini.end"] == .text("exit 143"))
        #expect(t.outcome["processes.app/java.received"] == .list(["SIGKILL"]))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(10_000))
    }

    @Test func dashIgnoresTheExitTrapForSigterm() throws {
        let t = try Simulator.run(containerPod(["sh", "-c", "trap 'echo bye' EXIT; java -jar /app.jar"], programs: javaApp))
        #expect(!t.follows(.bashExitTrapPid1))
        #expect(t.outcome["containers.app.exitCode"] == .int(137))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(40_000))
    }

    @Test func oneWaitEndsTheScriptRightAfterForwarding() throws {
        let script = "trap 'kill -TERM $child' TERM; /app/server & child=$!; wait $child"
        let t = try Simulator.run(containerPod(["bash", "-c", script], programs: ["/app/server": termHandler()]))
        #expect(t.events.contains { $0.process == 0 && $0.kind == .waitInterrupted(status: 143) && $0.rule == .bashWaitReturnsOnTrap })
        // The app caught the forwarded SIGTERM, then died with the namespace mid-cleanup.
        #expect(t.events.contains { $0.process == 1 && $0.kind == .signalCaught(cleanup: 3_000) && $0.time == 10_000 })
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGTERM", "SIGKILL"]))
        #expect(t.outcome["processes.app/server.killedBy"] == .text("kernel"))
        #expect(t.outcome["processes.app/server.endedAt"] == .duration(10_000))
        #expect(t.outcome["containers.app.exitCode"] == .int(143))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(10_000))
    }

    @Test func aSecondWaitMakesTheForwardingPatternWork() throws {
        let script = """
            trap 'kill -TERM $child' TERM
            /app/server &
            child=$!
            wait "$child"
            wait "$child"
            """
        let t = try Simulator.run(containerPod(["bash", "-c", script], programs: ["/app/server": termHandler()]))
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGTERM"]))
        #expect(t.outcome["processes.app/server.end"] == .text("exit 0"))
        #expect(t.outcome["containers.app.exitCode"] == .int(0))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(13_000))
        #expect(t.outcome["containers.app.sigkilled"] == .bool(false))
        // The same pattern works in dash: POSIX wait returns on a trapped signal too.
        let dash = try Simulator.run(containerPod(["sh", "-c", script], programs: ["/app/server": termHandler()]))
        #expect(dash.outcome["containers.app.exitCode"] == .int(0))
        #expect(dash.outcome["containers.app.exitedAt"] == .duration(13_000))
    }

    @Test func aTrapWaitsForTheForegroundCommand() throws {
        let t = try Simulator.run(containerPod(["bash", "-c", "trap 'exit 7' TERM; /app/batch"],
                                               programs: ["/app/batch": ProgramSpec(runsFor: 20_000)]))
        #expect(t.events.contains { $0.process == 0 && $0.kind == .trapDeferred && $0.time == 10_000 })
        #expect(t.events.contains { $0.process == 0 && $0.kind == .trapRuns(exitTrap: false) && $0.time == 20_000 })
        #expect(t.outcome["processes.app/batch.received"] == .list([]))
        #expect(t.outcome["containers.app.exitCode"] == .int(7))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(20_000))
    }

    @Test func ignoredSignalsSurviveExec() throws {
        let t = try Simulator.run(containerPod(["bash", "-c", "trap '' TERM; exec /app/server"], programs: ["/app/server": ProgramSpec()]))
        #expect(t.processes[0].name == "server")
        #expect(t.events.contains { $0.process == 0 && $0.kind == .signalDiscarded(.ignored) && $0.time == 10_000 })
        #expect(t.outcome["containers.app.exitCode"] == .int(137))
    }

    // MARK: the shell as a child, reaping, status

    @Test func aShellChildDiesOfSigtermWithoutTouchingItsChildren() throws {
        let t = try Simulator.run(containerPod(["tini", "--", "sh", "-c", "/app/server"], programs: ["/app/server": termHandler()]))
        #expect(t.outcome["processes.app/sh.end"] == .text("SIGTERM"))
        #expect(t.events.contains { $0.kind == .reparented(newParent: 0) && $0.process == t.processIndex("server") })
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGKILL"]))
        #expect(t.outcome["processes.app/tini.end"] == .text("exit 143"))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(10_000))
    }

    @Test func aShellAsPid1ReapsOrphansWhileItWaits() throws {
        let programs: [String: ProgramSpec] = [
            "/app/worker": ProgramSpec(runsFor: 1_000, children: [ChildSpec(command: ["/app/helper"])]),
            "/app/helper": ProgramSpec(runsFor: 2_000),
        ]
        let t = try Simulator.run(containerPod(["sh", "-c", "/app/worker; sleep 100"], programs: programs))
        let helper = t.processIndex("helper")
        #expect(t.events.contains { $0.process == helper && $0.kind == .reparented(newParent: 0) })
        #expect(t.events.contains { $0.process == helper && $0.kind == .reaped(by: 0) && $0.rule == .shReapsWhileWaiting })
        #expect(t.outcome["outcome.zombies"] == .int(0))
    }

    @Test func theShellExitsWithItsLastCommandsStatus() throws {
        let job = ["/app/job": ProgramSpec(runsFor: 1_000, exitCode: 3)]
        let failed = try Simulator.run(containerPod(["sh", "-c", "/app/job"], programs: job))
        #expect(failed.outcome["containers.app.exitCode"] == .int(3))
        #expect(failed.outcome["containers.app.exitedAt"] == .duration(1_000))
        let rescued = try Simulator.run(containerPod(["sh", "-c", "/app/job || true"], programs: job))
        #expect(rescued.outcome["containers.app.exitCode"] == .int(0))
        let missing = try Simulator.run(containerPod(["sh", "-c", "/no/such/thing"], programs: job))
        #expect(missing.outcome["containers.app.exitCode"] == .int(127))
        let errexit = try Simulator.run(containerPod(["sh", "-ec", "/app/job; sleep 60"], programs: job))
        #expect(errexit.outcome["containers.app.exitCode"] == .int(3))
        #expect(errexit.processIndex("sleep") == nil)
        let exitN = try Simulator.run(containerPod(["sh", "-c", "exit 42"]))
        #expect(exitN.outcome["containers.app.exitCode"] == .int(42))
    }

    @Test func backgroundCommandsStartWithSigintIgnored() throws {
        // dumb-init rewrites SIGTERM to SIGINT for the whole group; the Python app was started
        // with `&`, so SIGINT is ignored and it never gets its KeyboardInterrupt.
        let programs: [String: ProgramSpec] = ["/app/main.py": ProgramSpec(preset: .python, presetCleanup: 2_000)]
        let t = try Simulator.run(containerPod(["dumb-init", "--rewrite", "15:2", "sh", "-c", "/app/main.py & wait"], programs: programs))
        #expect(t.events.contains { $0.process == t.processIndex("main.py") && { if case .processStarted(1, _, _) = $0.kind { return true } else { return false } }($0) && $0.rule == .shAsyncIgnoresInt })
        let fates = t.signalsReceived(by: "main.py").map(\.fate)
        #expect(fates.first == .discarded(.ignored))
        #expect(fates.last == .killed)
        #expect(t.outcome["processes.app/sh.end"] == .text("SIGINT"))
        #expect(t.outcome["containers.app.exitCode"] == .int(130))
    }

    @Test func unsupportedSyntaxStopsTheShellWithStatus2() throws {
        let t = try Simulator.run(containerPod(["sh", "-c", "/app/server | tee /log"], programs: ["/app/server": ProgramSpec()]))
        #expect(t.events.contains { if case .scriptError(_, true) = $0.kind { return $0.rule == .shScriptError } else { return false } })
        #expect(t.outcome["containers.app.exitCode"] == .int(2))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(0))
    }

    @Test func scriptProblemsExplainWhatCannotRunBeforeARun() {
        let programs: [String: ProgramSpec] = [
            "/app/server": ProgramSpec(),
            "/entrypoint.sh": ProgramSpec(script: "mkdir -p /data\nexec \"$@\""),
        ]
        #expect(Simulator.scriptProblems(["sh", "-c", "/app/server | tee /log"], programs: programs) == ["sh -c: pipelines (|) are not modelled"])
        #expect(Simulator.scriptProblems(["bash", "-c", "trap 'kill -TERM $child' TERM; /app/server & child=$!; wait $child"], programs: programs).isEmpty)
        #expect(Simulator.scriptProblems(["tini", "--", "/entrypoint.sh", "/app/server"], programs: programs)
                == ["/entrypoint.sh: runs 'mkdir -p /data', which no program describes: declare it under programs: (it would end with status 127)"])
        #expect(Simulator.scriptProblems(["sh", "-c", "trap 'a | b' TERM; sleep 5"], programs: programs) == ["sh -c: trap 'a | b': pipelines (|) are not modelled"])
        #expect(Simulator.scriptProblems(["sh", "-c", "sleep $DELAY; exec $APP"], programs: programs).isEmpty)
        #expect(Simulator.scriptProblems(["/app/server"], programs: programs).isEmpty)
        // The catalog itself accepts any shell invocation it can start, and checks what inits run.
        #expect(Simulator.knowsProgram(["bash", "-c", "anything"], programs: programs))
        #expect(!Simulator.knowsProgram(["tini", "--", "/app/missing"], programs: programs))
        #expect(!Simulator.knowsProgram(["sh", "/no-such-script.sh"], programs: programs))
    }

    @Test func oddScriptsEndCleanly() throws {
        let scripts = [
            "wait", "wait 99", "wait -n", "kill", "kill -9", "kill -TERM abc", "kill -s", "kill 0", "kill -- -1",
            "shift 5", "shift -1", "trap", "trap - TERM", "trap '' KILL", "exec", "set -- a b; exit $#", "exit abc",
            "$", "${", "'", "\"", "a &&", "&", ";", "child=$!; wait $child", "echo $undefined ${x:-y} \"$@\"",
            "sleep 1 & sleep 2 & wait -n; exit $?", "echo $ \"$\" $1x", "exit 1$",
        ]
        for script in scripts {
            let t = try Simulator.run(containerPod(["bash", "-c", script]))
            #expect(t.containers[0].lastExit != nil, "\(script)")
        }
    }

    @Test func aTrapThatSignalsItsOwnShellLoopsForeverWithoutHangingTheRun() throws {
        let t = try Simulator.run(containerPod(["bash", "-c", "trap 'kill -TERM $$' TERM; sleep 60 & wait"]))
        #expect(t.events.contains { if case .scriptError(_, true) = $0.kind { return $0.time == 10_000 } else { return false } })
        // Busy forever: only the runtime's SIGKILL ends it.
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(40_000))
        #expect(t.outcome["containers.app.exitCode"] == .int(137))
    }

    @Test func shellRunsAreDeterministic() throws {
        let s = containerPod(["bash", "-c", "trap 'kill -TERM $child' TERM; /app/server & child=$!; wait $child; wait $child"],
                             programs: ["/app/server": termHandler()])
        #expect(try Simulator.run(s) == Simulator.run(s))
        #expect(TimelineJSON.render(try Simulator.run(s)) == TimelineJSON.render(try Simulator.run(s)))
    }
}

@Suite("shell script parser")
struct ShellScriptParserTests {
    private func words(_ text: String) throws -> [[ShellWord.Part]] {
        try ShellScript.parse(text).items[0].commands[0].words.map(\.parts)
    }

    @Test func quotesAndExpansions() throws {
        let w = try words(#"echo 'a b' "x $child y" \$HOME ${v:-dflt} $!"#)
        #expect(w[1] == [.literal("a b", quoted: true)])
        #expect(w[2] == [.literal("x ", quoted: true), .variable("child", quoted: true), .literal(" y", quoted: true)])
        #expect(w[3] == [.literal("$", quoted: true), .literal("HOME", quoted: false)])
        #expect(w[4] == [.variable("v", quoted: false, fallback: "dflt", colon: true)])
        #expect(w[5] == [.variable("!", quoted: false)])
    }

    @Test func listsAndOperators() throws {
        let s = try ShellScript.parse("a && b || c; d &\n# comment\ne > /log 2>&1; child=$!")
        #expect(s.items.count == 4)
        #expect(s.items[0].commands.count == 3 && s.items[0].ops == [.and, .or])
        #expect(s.items[1].background)
        #expect(s.items[2].commands[0].redirections == 2)
        #expect(s.items[2].commands[0].words.count == 1)
        #expect(s.items[3].commands[0].assignments == [ShellAssignment(name: "child", value: ShellWord(parts: [.variable("!", quoted: false)]))])
    }

    @Test func refusesWhatItDoesNotModel() {
        for text in ["a | b", "if true; then a; fi", "echo $(date)", "echo `date`", "(a; b)", "cat <<EOF", ". /env.sh", "a && b &"] {
            #expect(throws: ShellSyntaxError.self, "\(text)") { try ShellScript.parse(text) }
            do { _ = try ShellScript.parse(text) } catch { #expect(error.unsupported, "\(text)") }
        }
        for text in ["echo 'open", "a &&", "; a"] {
            do { _ = try ShellScript.parse(text) } catch { #expect(!error.unsupported, "\(text)") }
        }
    }
}
