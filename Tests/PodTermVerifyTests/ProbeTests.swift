import Foundation
import Glibc
import PodTerm
@testable import PodTermVerify
import Testing

/// The probe on its own, as an ordinary child of the test (no namespace, no root needed):
/// does it do what its spec says, and report it?
@Suite("podterm-probe")
struct ProbeTests {
    /// A probe started with a spec; its log, its status.
    final class Probe {
        let dir: String
        let pid: pid_t
        var status: Int32?

        init(_ spec: String, extra: [String: String] = [:], via shell: String? = nil) throws {
            dir = try scratchDirectory("probe")
            try spec.write(toFile: dir + "/spec", atomically: true, encoding: .utf8)
            let probe = try probePath()
            let null = open("/dev/null", O_RDWR)
            defer { close(null) }
            var env = ["PODTERM_PROBE_LOG": dir + "/log", "PATH": "/usr/bin:/bin"]
            for (k, v) in extra { env[k] = v }
            if let shell {
                // A shell that sets up the probe's inherited state, then execs it.
                pid = try Sys.spawn("/bin/sh", ["-c", shell + "; exec \(probe) --spec \(dir)/spec"], env: env, stdin: null, stdout: null, stderr: null)
            } else {
                pid = try Sys.spawn(probe, ["--spec", dir + "/spec"], env: env, stdin: null, stdout: null, stderr: null)
            }
        }

        deinit {
            kill(pid, SIGKILL)
            _ = Sys.wait(pid, block: true)
            try? FileManager.default.removeItem(atPath: dir)
        }

        var log: [String] { (Sys.read(dir + "/log") ?? "").split(separator: "\n").map(String.init) }

        /// The log's events: the fifth field onward of each line.
        var events: [String] { log.map { $0.split(separator: " ").dropFirst(4).joined(separator: " ") } }

        func waitFor(_ event: String, ms: Int = 3_000) -> Bool {
            eventually(ms) { self.events.contains { $0.hasPrefix(event) } }
        }

        /// Waits for the exit and decodes the status.
        func end(ms: Int = 5_000) -> WaitStatus? {
            if status == nil {
                _ = eventually(ms) {
                    if let s = Sys.wait(pid, block: false) { status = s }
                    return status != nil
                }
            }
            return status.map { WaitStatus(raw: $0) }
        }

        func signal(_ s: Int32) { kill(pid, s) }

        func procStatus(_ field: String) -> String? {
            Sys.read("/proc/\(pid)/status")?.split(separator: "\n").first { $0.hasPrefix(field + ":") }
                .map { $0.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test func handlerCleansUpThenExits() throws {
        let p = try Probe("name\tserver\nsignal\t15\thandle\t200\texit\t3\n")
        #expect(p.waitFor("start"))
        let sent = Sys.monoNanos()
        p.signal(SIGTERM)
        #expect(p.end() == .exited(3))
        #expect(Sys.monoNanos() - sent >= 200_000_000, "the cleanup must take its 200 ms")
        let events = p.events
        #expect(events.contains { $0.hasPrefix("caught sig=15") && $0.contains("action=cleanup ms=200") && $0.contains("from=\(getpid())") })
        #expect(events.last == "exit code=3 why=handler")
        // Every line: monotonic ns, host pid, pid, name, event.
        for line in p.log {
            let w = line.split(separator: " ")
            #expect(w.count >= 5 && Int64(w[0]) != nil && Int(w[1]) == Int(p.pid) && w[3] == "server", "bad log line: \(line)")
        }
    }

    @Test func keepRunningAndCaughtAgain() throws {
        let p = try Probe("name\tnginx\nsignal\t1\thandle\t0\tkeep\nsignal\t15\thandle\t300\texit\t0\n")
        #expect(p.waitFor("start"))
        p.signal(SIGHUP)
        #expect(p.waitFor("caught sig=1"))
        p.signal(SIGTERM)
        #expect(p.waitFor("caught sig=15"))
        p.signal(SIGTERM)
        #expect(p.end() == .exited(0))
        let caught = p.events.filter { $0.hasPrefix("caught") }
        #expect(caught.count == 3)
        #expect(caught[0].contains("action=keep"))
        #expect(caught[1].contains("action=cleanup"))
        #expect(caught[2].contains("action=again"))
    }

    @Test func ignoreAndDefault() throws {
        let p = try Probe("name\tserver\nsignal\t15\tignore\nsignal\t2\tdefault\n")
        #expect(p.waitFor("start"))
        let ign = UInt64(p.procStatus("SigIgn") ?? "", radix: 16) ?? 0
        #expect(ign & (1 << 14) != 0, "SIGTERM must be ignored (SigIgn \(String(ign, radix: 16)))")
        p.signal(SIGTERM)
        Sys.sleep(ms: 100)
        #expect(p.status == nil && Sys.wait(p.pid, block: false) == nil, "an ignored SIGTERM must do nothing")
        p.signal(SIGINT)
        #expect(p.end() == .signaled(.int))
    }

    @Test func reraiseDiesOfTheSignal() throws {
        let p = try Probe("name\tserver\nsignal\t15\thandle\t100\treraise\n")
        #expect(p.waitFor("start"))
        p.signal(SIGTERM)
        #expect(p.end() == .signaled(.term))
        #expect(p.events.contains("reraise sig=15"))
    }

    @Test func runsForThenExitsWithItsCode() throws {
        let p = try Probe("name\tjob\nruns-for\t150\nexit-code\t7\n")
        #expect(p.end() == .exited(7))
        #expect(p.events.last == "exit code=7 why=runs-for")
    }

    @Test func childrenSetsidAndReaping() throws {
        let probe = try probePath()
        let dir = try scratchDirectory("children")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "name\tworker\nruns-for\t100\nexit-code\t4\n".write(toFile: dir + "/worker", atomically: true, encoding: .utf8)
        try "name\tdaemon\n".write(toFile: dir + "/daemon", atomically: true, encoding: .utf8)
        let p = try Probe("""
            name\tserver
            reaps\tchildren
            child\t0\t0\t\(probe)\t--spec\t\(dir)/worker
            child\t1\t50\t\(probe)\t--spec\t\(dir)/daemon

            """)
        #expect(p.waitFor("reaped"), "\(p.events)")
        let spawns = p.events.filter { $0.hasPrefix("spawn") }
        #expect(spawns.count == 2)
        #expect(spawns.last?.contains("setsid=1") == true)
        // status 4 << 8: the worker exited 4.
        #expect(p.events.contains { $0.hasPrefix("reaped") && $0.hasSuffix("status=1024") })
        // The daemon runs in its own session.
        let daemonLine = try #require(p.log.first { $0.contains(" daemon start") })
        let daemonPid = try #require(Int32(daemonLine.split(separator: " ")[1]))
        let stat = Sys.read("/proc/\(daemonPid)/stat") ?? ""
        let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
        // After "(comm)": state, ppid, pgrp, session.
        #expect(fields.count > 3 && Int32(fields[3]) == daemonPid, "the daemon must lead its own session: \(stat)")
        kill(daemonPid, SIGKILL)
    }

    @Test func reapsNoneLeavesAZombie() throws {
        let probe = try probePath()
        let dir = try scratchDirectory("zombie")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "name\tjob\nruns-for\t50\n".write(toFile: dir + "/job", atomically: true, encoding: .utf8)
        let p = try Probe("name\tserver\nreaps\tnone\nchild\t0\t0\t\(probe)\t--spec\t\(dir)/job\n")
        #expect(p.waitFor("spawn"))
        let spawn = try #require(p.events.first { $0.hasPrefix("spawn") })
        let child = try #require(spawn.split(separator: " ").first { $0.hasPrefix("pid=") }.flatMap { Int32($0.dropFirst(4)) })
        #expect(eventually(2_000) {
            (Sys.read("/proc/\(child)/stat") ?? "").split(separator: ")").last?.split(separator: " ").first == "Z"
        }, "the job must stay a zombie")
    }

    @Test func pythonPresetReraisesSigint() throws {
        let p = try Probe("name\tapp\npreset\t2\tshutdown\t100\treraise\t130\t0\t1\n")
        #expect(p.waitFor("start"))
        p.signal(SIGINT)
        #expect(p.end() == .signaled(.int))
        #expect(p.events.contains { $0.hasPrefix("caught sig=2") && $0.contains("action=cleanup ms=100") })
    }

    @Test func presetLeavesAnInheritedIgnore() throws {
        let p = try Probe("name\tapp\npreset\t2\tshutdown\t100\treraise\t130\t0\t1\n", via: "trap '' INT")
        #expect(p.waitFor("start"))
        let ign = UInt64(p.procStatus("SigIgn") ?? "", radix: 16) ?? 0
        #expect(ign & (1 << 1) != 0, "SIGINT was ignored at start and must stay so")
    }

    @Test func nginxPresetPreemptsAGracefulShutdown() throws {
        let p = try Probe("""
            name\tnginx
            preset\t15\tshutdown\t0\texit\t0\t1\t0
            preset\t3\tshutdown\t2000\texit\t0\t0\t0

            """)
        #expect(p.waitFor("start"))
        p.signal(SIGQUIT)
        #expect(p.waitFor("caught sig=3"))
        let sent = Sys.monoNanos()
        p.signal(SIGTERM)
        #expect(p.end() == .exited(0))
        #expect(Sys.monoNanos() - sent < 1_000_000_000, "SIGTERM's fast shutdown must preempt the 2 s graceful one")
    }

    @Test func badSpecIsRefused() throws {
        let p = try Probe("name\tx\nsignal\t9\thandle\t0\texit\t0\n")
        #expect(p.end() == .exited(126))
    }
}
