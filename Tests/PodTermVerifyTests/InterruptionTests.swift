import Foundation
import Glibc
import PodTerm
@testable import PodTermVerify
import Testing

/// An interrupted `podterm verify` leaves nothing: not its tree, not its working folder, not
/// its tracefs instance; and a run killed outright has its leftovers removed by the next run.
/// (In the serialized "Real Linux" suite, so no other real run disturbs them.)
extension RealLinuxTests {
    /// A scenario that runs for about 5 s before its pod is stopped: time to interrupt it.
    static let longScenario = """
        summary: "A server and a worker that run until the pod is stopped at 5 s."
        story: "Something to interrupt: the tree runs for 5 s before the runtime acts."
        pod:
          metadata: {name: web}
          terminationGracePeriodSeconds: 2
          containers:
            - name: app
              image: example/web:1.0
              command: ["/app/server"]
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 100ms, exitCode: 0}
            children:
              - command: ["/app/worker"]
          /app/worker:
            signals:
              SIGTERM: ignore
        stop:
          - at: 5s
            delete: {}
        expect:
          containers.app.exitCode: 0

        """

    /// A started `podterm verify` of `longScenario` with its own TMPDIR, once its tree is up.
    struct RunningVerify {
        let pid: pid_t
        /// Its TMPDIR: empty before the run.
        let tmp: String
        /// Its working folder (`tmp/podterm-verify-PID-TAG`).
        let work: String
        let stderrPath: String
        /// The scenario and the run's output.
        let files: String

        /// Removes the scratch folders.
        func clean() {
            try? FileManager.default.removeItem(atPath: tmp)
            try? FileManager.default.removeItem(atPath: files)
        }
    }

    func startVerify(_ label: String) throws -> RunningVerify {
        let tmp = try scratchDirectory("\(label)-tmp")
        let files = try scratchDirectory("\(label)-files")
        let scenario = files + "/long.yaml"
        try Self.longScenario.write(toFile: scenario, atomically: true, encoding: .utf8)
        let stderrPath = files + "/stderr"
        let out = open(files + "/stdout", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let err = open(stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let null = open("/dev/null", O_RDONLY)
        defer { close(out); close(err); close(null) }
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = tmp
        env["NO_COLOR"] = "1"
        env["SWIFT_BACKTRACE"] = "enable=no"
        // A clean signal mask and default dispositions, as from a shell.
        let pid = try Sys.spawn(podtermPath, ["verify", scenario], env: env, stdin: null, stdout: out, stderr: err)
        var work = ""
        var ended: Int32?
        let up = eventually(10_000) {
            if ended != nil { return true }
            if let st = Sys.wait(pid, block: false) {
                ended = st
                return true
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []
            guard let n = names.first(where: { StaleRuns.owner(of: $0) == pid }) else { return false }
            work = tmp + "/" + n
            // The server and its worker run (the launcher carries the same environment).
            return processesUsing(work + "/app").count >= 3
        }
        if !up || ended != nil {
            defer {
                try? FileManager.default.removeItem(atPath: tmp)
                try? FileManager.default.removeItem(atPath: files)
            }
            if ended == nil {
                kill(pid, SIGKILL)
                _ = Sys.wait(pid, block: true)
            }
            Issue.record("the verify run never brought its tree up: \(Sys.read(stderrPath) ?? "")")
            throw VerifyError.failure("no tree")
        }
        return RunningVerify(pid: pid, tmp: tmp, work: work, stderrPath: stderrPath, files: files)
    }

    /// This run's tracefs instances (named after its PID).
    func instances(of pid: pid_t) -> [String] {
        let root = (try? Tracer.tracefsRoot()) ?? "/sys/kernel/tracing"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/instances")) ?? []
        return names.filter { StaleRuns.owner(of: $0) == pid }
    }

    @Test(.needs(.root, .tracefs), arguments: [SIGINT, SIGTERM, SIGHUP])
    func anInterruptedVerifyLeavesNothing(_ signal: Int32) throws {
        let run = try startVerify("signal-\(signal)")
        defer { run.clean() }
        #expect(!instances(of: run.pid).isEmpty, "the run traces into an instance named after its PID")
        kill(run.pid, signal)
        var status: Int32?
        #expect(eventually(10_000) { status = Sys.wait(run.pid, block: false); return status != nil }, "verify did not end after signal \(signal)")
        if status == nil {
            kill(run.pid, SIGKILL)
            status = Sys.wait(run.pid, block: true)
        }
        let stderr = Sys.read(run.stderrPath) ?? ""
        #expect(status.map { WaitStatus(raw: $0) } == .exited(128 + Int(signal)), "\(stderr)")
        #expect(stderr.contains("interrupted by"), "\(stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: run.tmp)) ?? ["?"]).isEmpty, "left in TMPDIR")
        #expect(instances(of: run.pid).isEmpty, "tracefs instances left: \(instances(of: run.pid))")
        #expect(processesUsing(run.work).isEmpty, "processes left: \(processesUsing(run.work))")
    }

    /// SIGKILL cannot be handled: the tree still dies (the launchers see their stdin close),
    /// and the next run removes the folder and the instance named after the dead PID.
    @Test(.needs(.root, .tracefs))
    func theNextRunRemovesWhatAKilledRunLeft() throws {
        let run = try startVerify("sigkill")
        defer { run.clean() }
        kill(run.pid, SIGKILL)
        _ = Sys.wait(run.pid, block: true)
        #expect(eventually(5_000) { processesUsing(run.work).isEmpty }, "processes left: \(processesUsing(run.work))")
        #expect(FileManager.default.fileExists(atPath: run.work), "a killed run cannot clean up: its folder stays until the next run")
        #expect(!instances(of: run.pid).isEmpty, "a killed run cannot clean up: its instance stays until the next run")

        // The next run removes them.
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = run.tmp
        let next = try podterm(["verify", "scenarios/process-trees/app-pid1-handler.yaml"], environment: env)
        #expect(next.status == 0, "\(next.stdout)\(next.stderr)")
        #expect(!FileManager.default.fileExists(atPath: run.work), "the next run left the killed run's folder")
        #expect(instances(of: run.pid).isEmpty, "the next run left the killed run's instance: \(instances(of: run.pid))")
    }
}
