#if os(Linux)
import Foundation
import Glibc

/// Drives one `podterm-probe --launch`: the process that starts a container's PID 1 in a
/// fresh PID namespace and sends it signals from outside, as the runtime's shim does.
///
/// The launcher kills the namespace when its stdin closes, so closing (or our own death)
/// never leaves processes behind.
final class Launcher {
    let pid: pid_t
    private var stdinFD: Int32
    private var stdoutFD: Int32
    private var buffer = [UInt8]()
    private var stderrPath: String

    /// PID 1's PID on the host, and when the launcher forked it (monotonic ns).
    private(set) var started: (hostPid: Int32, at: Int64)?
    /// Signals sent: signal, when, and the errno (0 when it was sent).
    private(set) var sent: [(signal: Int, at: Int64, errno: Int)] = []
    /// Processes run inside the namespace (preStop exec hooks): host PID and when.
    private(set) var execd: [(hostPid: Int32, at: Int64)] = []
    /// With `cgroup`: how many processes of the container's cgroup it SIGKILLed when the main
    /// process had been collected (containerd's kill --all), and when.
    private(set) var killedAll: (count: Int, at: Int64)?
    /// PID 1's raw wait status and when it was collected.
    private(set) var exited: (status: Int32, at: Int64)?
    /// An error the launcher reported: what failed, errno, text.
    private(set) var error: (what: String, errno: Int, text: String)?
    private var launcherStatus: Int32?

    /// - Parameters:
    ///   - sandbox: a directory that stays writable; every other mount is read-only for the
    ///     namespace's processes, which also start in it.
    ///   - join: the pod's PID namespace (`/proc/PID/ns/pid` of its pause process) to start the
    ///     process in, as an ordinary process of it, instead of as PID 1 of a fresh one.
    ///   - cgroup: the container's cgroup directory: its processes join it, and those left when
    ///     the main process has been collected are SIGKILLed (with `join`).
    /// The "PID 1" of the properties below is then the container's main process.
    init(probe: String, argv: [String], env: [String: String], outFile: String, deadlineMs: Int, sandbox: String? = nil,
         join: String? = nil, cgroup: String? = nil) throws(VerifyError) {
        let input = try Sys.pipe()
        let output = try Sys.pipe()
        stderrPath = outFile + ".launcher"
        let errFD = open(stderrPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer {
            Glibc.close(input.read)
            Glibc.close(output.write)
            if errFD >= 0 { Glibc.close(errFD) }
        }
        let args = ["--launch", "--out", outFile, "--deadline-ms", String(deadlineMs)] + (sandbox.map { ["--sandbox", $0] } ?? [])
            + (join.map { ["--join", $0] } ?? []) + (cgroup.map { ["--cgroup", $0] } ?? []) + ["--"] + argv
        do {
            pid = try Sys.spawn(probe, args, env: env, stdin: input.read, stdout: output.write, stderr: errFD >= 0 ? errFD : output.write)
        } catch {
            Glibc.close(input.write)
            Glibc.close(output.read)
            throw error
        }
        stdinFD = input.write
        stdoutFD = output.read
        Sys.setNonBlocking(stdoutFD)
    }

    /// Reads the launcher's lines; returns true when something new arrived.
    @discardableResult
    func poll() -> Bool {
        guard stdoutFD >= 0, let bytes = Sys.readAvailable(stdoutFD), !bytes.isEmpty else { return false }
        buffer.append(contentsOf: bytes)
        var start = 0
        for i in buffer.indices where buffer[i] == 10 {
            handle(String(decoding: buffer[start..<i], as: UTF8.self))
            start = i + 1
        }
        buffer.removeFirst(start)
        return true
    }

    private func handle(_ line: String) {
        let w = line.split(separator: " ", maxSplits: 3).map(String.init)
        switch w.first {
        case "started" where w.count >= 3:
            if let p = Int32(w[1]), let t = Int64(w[2]) { started = (p, t) }
        case "sent" where w.count >= 4:
            if let s = Int(w[1]), let t = Int64(w[2]), let e = Int(w[3]) { sent.append((s, t, e)) }
        case "execd" where w.count >= 3:
            if let p = Int32(w[1]), let t = Int64(w[2]) { execd.append((p, t)) }
        case "killall" where w.count >= 3:
            if let n = Int(w[1]), let t = Int64(w[2]) { killedAll = (n, t) }
        case "exited" where w.count >= 3:
            if let s = Int32(w[1]), let t = Int64(w[2]) { exited = (s, t) }
        case "error" where w.count >= 3:
            error = (w[1], Int(w[2]) ?? 0, w.count > 3 ? w[3] : "")
        default:
            break
        }
    }

    /// Waits (polling) until PID 1 runs or the launcher failed.
    func waitStarted(timeoutMs: Int) throws(VerifyError) {
        let deadline = Sys.monoNanos() + Int64(timeoutMs) * 1_000_000
        while started == nil && error == nil && Sys.monoNanos() < deadline {
            try Interruption.check()
            if !poll() {
                if let st = Sys.wait(pid, block: false) {
                    launcherStatus = st
                    poll()
                    break
                }
                Sys.sleep(us: 500)
            }
        }
        if started != nil { return }
        if let e = error {
            if e.what == "unshare-pid" {
                throw .permission("podterm verify needs permission to create a PID namespace (root, or CAP_SYS_ADMIN): unshare(CLONE_NEWPID) failed: \(e.text)")
            }
            if (e.what == "join-pid" || e.what == "cgroup"), e.errno == Int(EPERM) || e.errno == Int(EACCES) {
                throw .permission("podterm verify needs root to run a container in the pod's shared PID namespace (\(e.what)): \(e.text)")
            }
            if e.what.hasPrefix("sandbox"), e.errno == Int(EPERM) {
                throw .permission("podterm verify needs root to make the host read-only for the tree it runs (\(e.what)): \(e.text)")
            }
            throw .failure("the launcher could not start PID 1 (\(e.what)): \(e.text)")
        }
        let stderrText = Sys.read(stderrPath) ?? ""
        throw .failure("the launcher did not start PID 1 within \(timeoutMs) ms\(stderrText.isEmpty ? "" : ": " + stderrText)")
    }

    /// Asks the launcher to send `signal` to PID 1 now.
    func send(_ signal: Int) {
        let line = Array("signal \(signal)\n".utf8)
        _ = line.withUnsafeBytes { Glibc.write(stdinFD, $0.baseAddress, $0.count) }
    }

    /// Asks the launcher to run `argv` inside the namespace, as `runc exec` runs a hook.
    func exec(_ argv: [String]) {
        let line = Array(("exec " + argv.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\t") + "\n").utf8)
        _ = line.withUnsafeBytes { Glibc.write(stdinFD, $0.baseAddress, $0.count) }
    }

    /// Closes the launcher's stdin: it SIGKILLs PID 1 if it still runs, reports, and exits.
    func close() {
        if stdinFD >= 0 {
            Glibc.close(stdinFD)
            stdinFD = -1
        }
    }

    /// Closes, waits for the launcher to exit (collecting its last lines), and releases it.
    func finish(timeoutMs: Int = 5000) {
        close()
        let deadline = Sys.monoNanos() + Int64(timeoutMs) * 1_000_000
        while launcherStatus == nil {
            poll()
            if let st = Sys.wait(pid, block: false) {
                launcherStatus = st
                break
            }
            if Sys.monoNanos() > deadline {
                // Never leave it behind: killing the launcher kills PID 1 (PDEATHSIG), and the
                // kernel the rest of the namespace.
                kill(pid, SIGKILL)
                launcherStatus = Sys.wait(pid, block: true)
                break
            }
            Sys.sleep(us: 1000)
        }
        poll()
        if stdoutFD >= 0 {
            Glibc.close(stdoutFD)
            stdoutFD = -1
        }
    }
}
#endif
