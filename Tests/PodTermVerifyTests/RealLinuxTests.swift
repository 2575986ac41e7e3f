import Foundation
import Glibc
import PodTerm
import PodTermScenario
@testable import PodTermVerify
import Testing

/// Tests that build process trees for real in PID namespaces. They need root, tracefs and
/// the real programs of the battery (see `Requirements`): a test that lacks one is reported
/// as skipped, naming what is missing, and with `PODTERM_REQUIRE_ALL=1` (CI) it runs and
/// fails instead. One at a time, so the timings of one run are not disturbed by another.
@Suite("Real Linux", .serialized)
struct RealLinuxTests {
    /// Every scenario of the battery: its own expectations hold in the simulation, and the
    /// real run in a PID namespace agrees with the simulation on every signal, every end,
    /// PID 1's status and the zombies, with nothing left behind.
    @Test("verify battery", .realLinux, arguments: Battery.files)
    func battery(_ file: String) throws {
        let loaded = try Battery.load(file)
        let timeline = try Simulator.run(loaded.scenario)
        let check = loaded.check(timeline)
        #expect(check.allPassed, "\(file): its expectations fail in the simulation: \(check.failures.map(\.message))")
        let report = try Verifier.verify(loaded.scenario, timeline: timeline, fileName: file)
        #expect(report.differences.isEmpty, "\(file): reality and the simulation differ:\n\(report.render())")
        #expect(report.leftovers.isEmpty, "\(file): processes left behind: \(report.leftovers)")
    }

    /// The battery covers what issue 3 asks for, with at least 20 scenarios.
    @Test func batteryCoversTheBullets() throws {
        let files = Battery.files
        #expect(files.count >= 20, "the battery has \(files.count) scenarios; issue 3 asks for at least 20")
        var text = ""
        for f in files {
            let loaded = try Battery.load(f)
            #expect(!loaded.scenario.summary.isEmpty && !loaded.scenario.story.isEmpty, "\(f): needs a summary and a story")
            #expect(!loaded.expectations.isEmpty, "\(f): needs expectations")
            text += (try String(contentsOfFile: Battery.directory + "/" + f, encoding: .utf8)) + "\n"
        }
        for needle in ["cmd: \"/app/server\"", "shell: busybox", "bash", "script:", "exec \"$@\"", "EXIT", "wait $child; wait $child",
                       "\"tini\", \"--\"", "\"-g\"", "\"-e\"", "\"-s\"", "dumb-init", "--single-child", "--rewrite", "supervisord:",
                       "stopasgroup", "preset: python", "preset: jvm", "preset: node", "preset: go", "preset: nginx",
                       "reaps: none", "setsid: true", "then: reraise", "preStop:",
                       "blocks:", "unblockAfter:", "forward: children", "forward: group", "atLimit: kill", "sends:",
                       "to: parent", "to: group", "to: pid1", "process: "] {
            #expect(text.contains(needle), "no battery scenario uses \(needle)")
        }
    }

    /// A wrong simulation is caught: the real tree of one scenario (dash stays PID 1) compared
    /// with the timeline of another (bash execs the app) shows the differences.
    @Test(.needs(.root, .tracefs, .dash, .bash))
    func wrongSimulationIsFlagged() throws {
        let dash = try Battery.load("dash-sh-c-no-exec.yaml")
        let bash = try Battery.load("bash-c-execs-single-command.yaml")
        let wrong = try Simulator.run(bash.scenario)
        let report = try Verifier.verify(dash.scenario, timeline: wrong, fileName: "dash-vs-bash")
        #expect(!report.matches)
        let whats = Set(report.differences.map(\.what))
        #expect(whats.contains("PID 1 status"), "\(report.render())")
        #expect(whats.contains("process"), "\(report.render())")
        #expect(report.leftovers.isEmpty)
    }

    /// A signal PID 1 blocked is queued, not discarded at send time: the real tree of a PID 1
    /// that blocks SIGTERM for 2 s, compared with the timeline of one that does not block it,
    /// differs in that signal's fate ("queued, dropped at dequeue" against "dropped at send").
    @Test(.needs(.root, .tracefs))
    func aBlockedSignalIsNotADiscardAtSend() throws {
        let loaded = try Battery.load("block-pid1-sigterm.yaml")
        var unblocked = loaded.scenario
        unblocked.programs["/app/server"]?.blocks = []
        let wrong = try Simulator.run(unblocked)
        let report = try Verifier.verify(loaded.scenario, timeline: wrong, fileName: "blocked-vs-not")
        #expect(!report.matches, "\(report.render())")
        #expect(report.render().contains("pid1-dropped-at-unblock"), "\(report.render())")
        #expect(report.leftovers.isEmpty)
    }

    /// Timing is compared: with no tolerance at all, a real run cannot match to the millisecond.
    @Test(.needs(.root, .tracefs))
    func timingIsCompared() throws {
        let loaded = try Battery.load("app-pid1-handler.yaml")
        let report = try Verifier.verify(loaded, options: VerifyOptions(toleranceMs: 0, tolerancePercent: 0))
        #expect(report.differences.contains { $0.explanation.contains("ms apart") }, "\(report.render())")
    }

    /// After a run, nothing of the tree is left: not the app that ignores SIGTERM, not its
    /// setsid daemon, not a sleep.
    @Test(.needs(.root, .tracefs))
    func nothingIsLeftBehindAfterARun() throws {
        let loaded = try Battery.load("namespace-kill.yaml")
        let work = try scratchDirectory("leftover-run")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let report = try Verifier.verify(loaded, options: VerifyOptions(keepFiles: true, workRoot: work))
        #expect(report.leftovers.isEmpty)
        let dir = try #require(report.workDirectory)
        #expect(processesUsing(dir).isEmpty, "processes of the run are still alive: \(processesUsing(dir))")
    }

    /// The launcher kills the whole namespace when its caller goes away (stdin closes), when
    /// it is killed itself, and at its deadline.
    @Test(.needs(.root), arguments: ["close", "kill-launcher", "deadline"])
    func launcherNeverLeavesProcessesBehind(_ how: String) throws {
        let probe = try probePath()
        let dir = try scratchDirectory("launcher-\(how)")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // PID 1 ignores SIGTERM and has a setsid child that ignores it too, and a grandchild.
        try FileManager.default.createDirectory(atPath: dir + "/specs/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/bin", withIntermediateDirectories: true)
        for name in ["server", "daemon", "worker"] {
            #expect(symlink(probe, dir + "/bin/" + name) == 0)
        }
        try "name\tserver\nsignal\t15\tignore\nchild\t1\t0\tdaemon\n".write(toFile: dir + "/specs/bin/server", atomically: true, encoding: .utf8)
        try "name\tdaemon\nsignal\t15\tignore\nchild\t0\t0\tworker\n".write(toFile: dir + "/specs/bin/daemon", atomically: true, encoding: .utf8)
        try "name\tworker\nsignal\t15\thandle\t5000\texit\t0\n".write(toFile: dir + "/specs/bin/worker", atomically: true, encoding: .utf8)
        let env = ["PATH": dir + "/bin:/usr/bin:/bin", "PODTERM_PROBE_DIR": dir, "PODTERM_PROBE_LOG": dir + "/probe.log"]
        let launcher = try Launcher(probe: probe, argv: [dir + "/bin/server"], env: env, outFile: dir + "/out.log",
                                    deadlineMs: how == "deadline" ? 400 : 60_000, sandbox: dir)
        defer { launcher.finish() }
        try launcher.waitStarted(timeoutMs: 5_000)
        // The launcher has the same environment: leave it out.
        let tree = { processesUsing(dir).filter { $0 != launcher.pid } }
        #expect(eventually(3_000) { tree().count == 3 }, "the tree did not come up: \(tree())")
        switch how {
        case "close": launcher.close()
        case "kill-launcher": kill(launcher.pid, SIGKILL)
        default: break
        }
        #expect(eventually(3_000) { tree().isEmpty }, "left behind: \(tree())")
        if how != "kill-launcher" {
            #expect(eventually(3_000) { launcher.poll(); return launcher.exited != nil })
            #expect(launcher.exited.map { WaitStatus(raw: $0.status) } == .signaled(.kill))
        }
    }

    /// The tree runs as root, but cannot change the host: every mount is read-only for it
    /// except its own working directory.
    @Test(.needs(.root))
    func sandboxKeepsTheHostReadOnly() throws {
        let probe = try probePath()
        let dir = try scratchDirectory("sandbox")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let outside = NSTemporaryDirectory() + "podterm-sandbox-\(UUID().uuidString.prefix(8))"
        let script = "touch \(outside); echo $? > \(dir)/rc; touch \(dir)/inside; echo hi > /dev/null"
        let launcher = try Launcher(probe: probe, argv: ["/bin/sh", "-c", script], env: ["PATH": "/usr/bin:/bin"],
                                    outFile: dir + "/out.log", deadlineMs: 10_000, sandbox: dir)
        defer { launcher.finish() }
        try launcher.waitStarted(timeoutMs: 5_000)
        #expect(eventually(5_000) { launcher.poll(); return launcher.exited != nil })
        #expect(launcher.exited.map { WaitStatus(raw: $0.status) } == .exited(0))
        #expect(!FileManager.default.fileExists(atPath: outside), "the tree wrote outside its directory")
        #expect(Sys.read(dir + "/rc").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) != "0" } == true)
        #expect(FileManager.default.fileExists(atPath: dir + "/inside"))
        try? FileManager.default.removeItem(atPath: outside)
    }

    // MARK: the command line

    /// The built `podterm`: it sits next to the test bundle (the test target depends on it,
    /// so `swift test` builds it).
    var podtermPath: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("podterm").path
    }

    /// Runs `executable` (the built `podterm` unless given) with `args` from `directory`.
    func podterm(
        _ args: [String], executable: String? = nil, environment: [String: String]? = nil, directory: String = packageRoot
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable ?? podtermPath)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = environment ?? ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["SWIFT_BACKTRACE"] = "enable=no"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test(.needs(.root, .tracefs, .tini))
    func cliPrintsBothSidesAndExitsZeroWhenTheyMatch() throws {
        let r = try podterm(["verify", "scenarios/process-trees/tini-forwards.yaml"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("reality") && r.stdout.contains("simulation"))
        #expect(r.stdout.contains("app/tini/server"))
        #expect(r.stdout.contains("no difference: the simulation matches real Linux"))
    }

    @Test(.needs(.root, .tracefs))
    func cliExitsOneOnADifference() throws {
        let r = try podterm(["verify", "scenarios/process-trees/app-pid1-handler.yaml", "--tolerance", "0ms", "--tolerance-percent", "0"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("✗ ") && r.stdout.contains("between real Linux and the simulation"))
    }

    @Test func cliExitsTwoForAScenarioItDoesNotCover() throws {
        let r = try podterm(["verify", "scenarios/oom-killed.yaml"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("OOM killer") && r.stderr.contains("does not cover"))
    }

    /// Without root it says so plainly, with its own exit status, and leaves nothing behind.
    /// Whoever runs the tests: as root, this run drops to `nobody` (setpriv); as anyone else
    /// it runs as that user. It runs copies of podterm and the probe from a folder `nobody`
    /// can reach (the build folder may sit where it cannot, e.g. under /root).
    @Test(Requirements.isRoot ? .needs(.setpriv) : .needs())
    func cliExitsThreeWithoutPermission() throws {
        var template = Array("/tmp/podterm-nobody-XXXXXX".utf8CString)
        let dir = try #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) })
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fm = FileManager.default
        #expect(chmod(dir, 0o755) == 0)
        for (source, name, mode) in [(podtermPath, "podterm", 0o755), (try probePath(), "podterm-probe", 0o755),
                                     (packageRoot + "/scenarios/process-trees/tini-forwards.yaml", "tini-forwards.yaml", 0o644)] {
            try fm.copyItem(atPath: source, toPath: dir + "/" + name)
            #expect(chmod(dir + "/" + name, mode_t(mode)) == 0)
        }
        // Its TMPDIR: must stay empty.
        #expect(mkdir(dir + "/tmp", 0o777) == 0 && chmod(dir + "/tmp", 0o1777) == 0)
        let env = ["PATH": "/usr/bin:/bin", "TMPDIR": dir + "/tmp", "LANG": "C.UTF-8"]
        let args = ["verify", dir + "/tini-forwards.yaml"]
        let r = Requirements.isRoot
            ? try podterm(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", dir + "/podterm"] + args,
                          executable: "/usr/bin/setpriv", environment: env, directory: dir)
            : try podterm(args, executable: dir + "/podterm", environment: env, directory: dir)
        #expect(r.status == 3, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("needs root"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect((try? fm.contentsOfDirectory(atPath: dir + "/tmp")) == [], "it left files behind")
    }

    /// A pod that shares one PID namespace is not covered (yet), and says so before it needs root.
    @Test func sharedPIDNamespaceIsNotCovered() throws {
        let r = try podterm(["verify", "scenarios/sandbox/share-process-namespace-orphan.yaml"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("shareProcessNamespace") && r.stderr.contains("does not cover"), "\(r.stderr)")
    }

    /// A scenario that only has an OOM kill is not covered, and says so.
    @Test func oomOnlyIsNotCovered() throws {
        let loaded = try ScenarioLoader.load(file: packageRoot + "/scenarios/oom-killed.yaml")
        #expect {
            _ = try Verifier.verify(loaded)
        } throws: { error in
            guard case VerifyError.notCovered(let m) = error else { return false }
            return m.contains("OOM")
        }
    }
}
