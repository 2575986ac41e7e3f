#if os(Linux)
import Foundation
import Glibc

/// The kernel's own record of what happened: a private tracefs instance with the signal,
/// fork, exec and exit trace events, read while the tree runs.
///
/// Why the kernel and not only the probes: a signal discarded at send time (PID 1 with the
/// default disposition, an ignored signal) never reaches the process, and the exit status of
/// a process whose parent is a real shell or tini is seen only by that parent. The trace
/// events `signal_generate` (with its result: delivered, ignored, already pending),
/// `signal_deliver`, `task_newtask`, `sched_process_exec`, `sched_process_exit` and the
/// `exit_group` system call say all of it, with the sender, on the monotonic clock.
///
/// A private instance (`instances/podterm-verify-…`) leaves the system's own tracing alone
/// and lets several verify runs trace side by side; it is removed at the end.
final class Tracer {
    let instance: String
    private var pipeFD: Int32 = -1
    private var pending = [UInt8]()
    private(set) var events: [TraceEvent] = []
    private var stopped = false

    /// The events every run needs.
    static let baseEvents = [
        "signal/signal_generate", "signal/signal_deliver", "task/task_newtask",
        "sched/sched_process_exec", "sched/sched_process_exit",
        "syscalls/sys_enter_exit_group", "syscalls/sys_enter_exit",
    ]

    /// Creates and starts an instance. `pollWatch`: also trace `poll()` calls with a 1 s
    /// timeout (supervisord's main loop), to learn the phase of its ticks.
    init(pollWatch: Bool) throws(VerifyError) {
        let root = try Tracer.tracefsRoot()
        let name = StaleRuns.name()
        instance = root + "/instances/" + name
        guard mkdir(instance, 0o700) == 0 else {
            let e = errno
            if e == EACCES || e == EPERM || e == EROFS {
                throw .permission("podterm verify needs root: it reads the kernel's trace events (tracefs), and creating \(instance) failed: \(Sys.text(e))")
            }
            throw .failure("cannot create the trace instance \(instance): \(Sys.text(e))")
        }
        do {
            try configure(pollWatch: pollWatch)
        } catch {
            remove()
            throw error
        }
    }

    private func configure(pollWatch: Bool) throws(VerifyError) {
        try Sys.write("mono", to: instance + "/trace_clock")
        try? Sys.write("0", to: instance + "/options/irq-info")
        try? Sys.write("4096", to: instance + "/buffer_size_kb")
        var names = Tracer.baseEvents
        if pollWatch { names.append("syscalls/sys_enter_poll") }
        for e in names {
            let dir = instance + "/events/" + e
            guard Sys.exists(dir) else {
                throw .failure("the kernel has no trace event \(e) (needs CONFIG_FTRACE_SYSCALLS and event tracing)")
            }
            if e == "syscalls/sys_enter_poll" { try Sys.write("timeout_msecs == 1000", to: dir + "/filter") }
            try Sys.write("1", to: dir + "/enable")
        }
        try Sys.write("1", to: instance + "/tracing_on")
        pipeFD = open(instance + "/trace_pipe", O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard pipeFD >= 0 else { throw .failure("cannot open \(instance)/trace_pipe: \(Sys.errnoText)") }
    }

    /// Reads the events traced since the last call; returns the new ones.
    @discardableResult
    func poll() -> ArraySlice<TraceEvent> {
        let before = events.count
        guard pipeFD >= 0 else { return events[before...] }
        if let bytes = Sys.readAvailable(pipeFD) { pending.append(contentsOf: bytes) }
        var start = 0
        for i in pending.indices where pending[i] == 10 {
            let line = String(decoding: pending[start..<i], as: UTF8.self)
            if let e = TraceEvent(line: line) { events.append(e) }
            start = i + 1
        }
        pending.removeFirst(start)
        return events[before...]
    }

    /// Stops tracing, reads what is left, and removes the instance.
    func stop() {
        guard !stopped else { return }
        stopped = true
        try? Sys.write("0", to: instance + "/tracing_on")
        poll()
        remove()
    }

    deinit { stop() }

    private func remove() {
        if pipeFD >= 0 {
            close(pipeFD)
            pipeFD = -1
        }
        for e in Tracer.baseEvents + ["syscalls/sys_enter_poll"] {
            try? Sys.write("0", to: instance + "/events/" + e + "/enable")
        }
        rmdir(instance)
    }

    /// Where tracefs is mounted; mounts it at its usual place when nothing is mounted yet.
    static func tracefsRoot() throws(VerifyError) -> String {
        for root in ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"] where Sys.exists(root + "/instances") {
            return root
        }
        let root = "/sys/kernel/tracing"
        if Sys.exists(root), mount("nodev", root, "tracefs", 0, nil) == 0, Sys.exists(root + "/instances") {
            return root
        }
        let why = Sys.errnoText
        return try { () throws(VerifyError) -> String in
            throw .permission("podterm verify needs root: it reads the kernel's trace events, and tracefs is not available (mounting it at /sys/kernel/tracing failed: \(why))")
        }()
    }

    /// Fails with `.permission` unless this process may create trace instances (root).
    static func checkAccess() throws(VerifyError) {
        let root = try tracefsRoot()
        if access(root + "/instances", W_OK) != 0 {
            throw .permission("podterm verify needs root: it reads the kernel's trace events, and \(root)/instances is not writable for this user (\(Sys.errnoText))")
        }
    }
}
#endif
