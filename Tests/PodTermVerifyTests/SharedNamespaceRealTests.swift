import Foundation
import Glibc
import PodTerm
@testable import PodTermVerify
import Testing

/// What the model says of a PID namespace shared by a pod (`kubelet.sandbox-stop`,
/// `pause.init`), checked on real Linux with the probe standing in for pause as PID 1 and for
/// the containers' processes: a process that is not PID 1 dies of a SIGTERM left at its
/// default (143) where PID 1 discards it; an orphan is re-parented to the pause process,
/// which reaps it; pause exits 0 on SIGTERM. (`podterm verify` runs each container in a
/// namespace of its own, so the shared namespace is checked here, directly.) Part of the
/// Real Linux suite, so the fast suite's `--skip RealLinuxTests` leaves it out.
extension RealLinuxTests {
    /// One line of the probes' log: `<ns> <host pid> <namespace pid> <name> <event> key=value…`.
    struct ProbeLine {
        let hostPid: Int32, nsPid: Int, name: String, event: String, fields: [String: String]
        init?(_ text: Substring) {
            let w = text.split(separator: " ")
            guard w.count >= 5, let h = Int32(w[1]), let n = Int(w[2]) else { return nil }
            hostPid = h
            nsPid = n
            name = String(w[3])
            event = String(w[4])
            fields = Dictionary(w.dropFirst(5).compactMap { kv -> (String, String)? in
                let p = kv.split(separator: "=", maxSplits: 1)
                return p.count == 2 ? (String(p[0]), String(p[1])) : nil
            }, uniquingKeysWith: { a, _ in a })
        }
    }

    func probeLines(_ dir: String) -> [ProbeLine] {
        (Sys.read(dir + "/probe.log") ?? "").split(separator: "\n").compactMap(ProbeLine.init)
    }

    @Test(.needs(.root))
    func pauseAsPID1ReapsOrphansAndItsChildrenDieOfADefaultSIGTERM() throws {
        let probe = try probePath()
        let dir = try scratchDirectory("shared-pid")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/specs/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/bin", withIntermediateDirectories: true)
        for name in ["pause", "app", "launcher", "worker"] {
            #expect(symlink(probe, dir + "/bin/" + name) == 0)
        }
        // pause.c: SIGINT and SIGTERM exit 0, every dead child reaped. The app installs no
        // handler; the launcher starts a worker and exits, leaving it an orphan.
        let specs = [
            "pause": "name\tpause\nsignal\t15\thandle\t0\texit\t0\nsignal\t2\thandle\t0\texit\t0\nreaps\tall\nchild\t0\t0\tapp\nchild\t0\t0\tlauncher\n",
            "app": "name\tapp\n",
            "launcher": "name\tlauncher\nruns-for\t100\nchild\t0\t0\tworker\n",
            "worker": "name\tworker\nruns-for\t400\n",
        ]
        for (name, spec) in specs { try spec.write(toFile: dir + "/specs/bin/" + name, atomically: true, encoding: .utf8) }
        let env = ["PATH": dir + "/bin:/usr/bin:/bin", "PODTERM_PROBE_DIR": dir, "PODTERM_PROBE_LOG": dir + "/probe.log"]
        let launcher = try Launcher(probe: probe, argv: [dir + "/bin/pause"], env: env, outFile: dir + "/out.log", deadlineMs: 20_000, sandbox: dir)
        defer { launcher.finish() }
        try launcher.waitStarted(timeoutMs: 5_000)
        #expect(eventually(5_000) { probeLines(dir).filter { $0.event == "start" }.count == 4 }, "the tree did not come up: \(probeLines(dir).map(\.event))")
        let started = probeLines(dir).filter { $0.event == "start" }
        let pause = try #require(started.first { $0.name == "pause" })
        let app = try #require(started.first { $0.name == "app" })
        let worker = try #require(started.first { $0.name == "worker" })
        #expect(pause.nsPid == 1 && app.nsPid != 1)
        // The worker's launcher exits; pause, PID 1, collects the orphan when it ends.
        #expect(eventually(5_000) { probeLines(dir).contains { $0.name == "pause" && $0.event == "reaped" && $0.fields["pid"] == String(worker.nsPid) } },
                "pause did not reap the orphan: \(probeLines(dir).map { "\($0.name) \($0.event) \($0.fields)" })")
        // SIGTERM from the host (as the runtime sends it) to the app, which is not PID 1 and has no handler: it dies of it.
        #expect(kill(app.hostPid, SIGTERM) == 0)
        #expect(eventually(5_000) { probeLines(dir).contains { $0.name == "pause" && $0.event == "reaped" && $0.fields["pid"] == String(app.nsPid) } })
        let reaped = try #require(probeLines(dir).first { $0.name == "pause" && $0.event == "reaped" && $0.fields["pid"] == String(app.nsPid) })
        let status = try #require(reaped.fields["status"].flatMap { Int32($0) })
        #expect(WaitStatus(raw: status) == .signaled(.term), "the app ended \(status)")
        #expect(WaitStatus(raw: status).exitCode == 143)
        // pause itself exits 0 on SIGTERM.
        launcher.send(15)
        #expect(eventually(5_000) { launcher.poll(); return launcher.exited != nil })
        #expect(launcher.exited.map { WaitStatus(raw: $0.status) } == .exited(0))
    }
}
