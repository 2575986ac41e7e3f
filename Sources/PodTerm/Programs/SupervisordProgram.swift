/// supervisord running in the foreground (`supervisord -n -c conf`), typically as PID 1.
/// Its programs come from the `supervisord:` block of its entry in `programs:` (a real config
/// file is out of the engine's reach). Rule: `supervisord.stop`.
///
/// - Starts each program in its own process group (supervisord's child calls `setpgrp`),
///   lowest `priority` first.
/// - SIGTERM, SIGINT and SIGQUIT: the Python handler only records the signal. The main loop
///   polls with a 1 s timeout (retried after a signal, PEP 475), so it acts at its next tick.
///   Model: the loop ticks at `start + pollPhase + k·1000 ms`; the signal is acted on at the
///   first tick after it arrives (observed 0.68–0.70 s; the phase decides where in 0–1 s).
/// - Shutdown: groups stop one at a time, highest priority first: `stopsignal` to the process
///   (to `-pid` with `stopasgroup`), SIGKILL (to `-pid` with `killasgroup`) at the first tick
///   `stopwaitsecs` later; the next group as soon as one is gone (the child's pipes closing
///   wake the loop); exit 0 once every program is gone.
/// - A program that dies in the same instant as a signal supervisord itself sent it (its own
///   SIGKILL, or a stop signal with no handler) is collected only at the next tick: its
///   SIGCHLD arrives before the loop's next `poll(timeout=1.0)` starts, so nothing wakes it.
///   At that tick `transition()` still sees the program STOPPING past its deadline and sends
///   SIGKILL once more (to the zombie), then the death is noticed. A death later, during the
///   poll, interrupts it and is noticed at once. (Observed with `podterm verify`: the second
///   SIGKILL 1 s after the first, and the next group stopped at that tick.)
/// - Reaps every child, orphans included.
///
/// Not modelled: restarting programs that exit by themselves (`autorestart`), SIGHUP's reload
/// and SIGUSR2's log reopening (both are recorded and otherwise do nothing).
///
/// Source: `Supervisor/supervisor` 4.2.5 `supervisord.py` `runforever`, `handle_signal`,
/// `ordered_stop_groups_phase_1/2`; `process.py` `Subprocess.kill`, `transition`.
final class SupervisordProgram: ProgramModel {
    /// Serves nothing itself: ready at once (what it runs answers for itself).
    var readyAfter: Millis { 0 }

    let config: SupervisordSpec
    /// The programs in start order (priority ascending, file order among equals).
    private let order: [SupervisedProgram]
    private var pids: [Int?]
    private var gone: [Bool]
    private var stopSent: [Bool]
    /// When supervisord last signalled each program, and whether that signal was its SIGKILL.
    private var signalledAt: [Millis?]
    private var killSent: [Bool]
    private var startedAt: Millis = 0
    private var shutdownRequested = false
    private var stopping = false
    /// Indices into `order` still to stop; the last one is stopped first.
    private var remaining: [Int] = []
    private var exited = false

    init(config: SupervisordSpec) {
        self.config = config
        order = config.programs.enumerated()
            .sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }
            .map(\.element)
        pids = Array(repeating: nil, count: order.count)
        gone = Array(repeating: false, count: order.count)
        stopSent = Array(repeating: false, count: order.count)
        signalledAt = Array(repeating: nil, count: order.count)
        killSent = Array(repeating: false, count: order.count)
    }

    /// The first tick of the main loop strictly after `t`.
    private func tick(after t: Millis) -> Millis {
        let base = startedAt + ((config.pollPhase % 1000) + 1000) % 1000
        if t < base { return base }
        return base + ((t - base) / 1000 + 1) * 1000
    }

    /// The first tick at or after `t`.
    private func tick(atOrAfter t: Millis) -> Millis { tick(after: t - 1) }

    func start(_ p: ProcessHandle) {
        startedAt = p.now
        for s in [Signal.term, .int, .quit, .hup, .usr2] { p.setDisposition(s, .handler) }
        for (i, prog) in order.enumerated() {
            pids[i] = p.nextPid
            p.spawn(prog.command, setsid: true)
        }
    }

    func handleSignal(_ s: Signal, _ p: ProcessHandle) {
        switch s {
        case .term, .int, .quit:
            if shutdownRequested {
                p.record(.signalCaughtAgain, signal: s, rule: .supervisordStop)
                return
            }
            shutdownRequested = true
            let at = tick(after: p.now)
            p.record(.signalNoted(actsAt: at), signal: s, rule: .supervisordStop)
            p.after(at - p.now, .pollTick)
        default:
            p.record(.signalNoted(actsAt: nil), signal: s, rule: .supervisordStop)
        }
    }

    func timer(_ timer: ProgramTimer, _ p: ProcessHandle) {
        switch timer {
        case .pollTick:
            stopping = true
            remaining = Array(order.indices)
            stopNextGroup(p)
        case .exitNow:
            guard !exited else { return }
            exited = true
            p.exit(0, rule: .supervisordStop)
        case .noticeDeath(let i):
            guard order.indices.contains(i), !gone[i], let pid = pids[i] else { return }
            if killSent[i] {
                // transition(): still STOPPING past the deadline, so SIGKILL again (to the zombie).
                p.kill(pid, .kill, rule: .supervisordStop)
            }
            notice(i, pid, p)
        case .killDeadline(let i):
            guard order.indices.contains(i), !gone[i], let pid = pids[i] else { return }
            signalledAt[i] = p.now
            killSent[i] = true
            if order[i].killAsGroup {
                p.killGroup(pid, .kill, rule: .supervisordStop)
            } else {
                p.kill(pid, .kill, rule: .supervisordStop)
            }
        default:
            break  // not one of supervisord's timers
        }
    }

    /// Whether this supervisord runs a program called `name`.
    func runs(_ name: String) -> Bool { order.contains { $0.name == name } }

    /// `supervisorctl stop NAME`: the XML-RPC request is served as soon as it arrives (the poll
    /// wakes on socket activity); the program gets its stopsignal, and SIGKILL on the first
    /// tick after `stopwaitsecs` if it is still running.
    /// Source: supervisor `rpcinterface.py` `stopProcess`, `process.py` `Subprocess.stop`, `transition`.
    func stopOne(_ name: String, _ p: ProcessHandle) {
        guard let i = order.firstIndex(where: { $0.name == name }), !gone[i], !stopSent[i], let pid = pids[i] else { return }
        p.record(.supervisorctlStop(program: name), rule: .supervisordStop)
        sendStop(i, pid, p)
    }

    /// `Subprocess.stop`: the program's stopsignal (to its group with stopasgroup), and
    /// SIGKILL on the first tick after `stopwaitsecs` if it is still running.
    private func sendStop(_ i: Int, _ pid: Int, _ p: ProcessHandle) {
        stopSent[i] = true
        signalledAt[i] = p.now
        let prog = order[i]
        if prog.stopAsGroup {
            p.killGroup(pid, prog.stopSignal, rule: .supervisordStop)
        } else {
            p.kill(pid, prog.stopSignal, rule: .supervisordStop)
        }
        let deadline = tick(atOrAfter: p.now + max(0, prog.stopWaitSecs) * 1000)
        p.deadline(deadline - p.now, .killDeadline(program: i))
    }

    private func stopNextGroup(_ p: ProcessHandle) {
        while let i = remaining.last {
            if gone[i] || pids[i] == nil {
                remaining.removeLast()
                continue
            }
            guard !stopSent[i], let pid = pids[i] else { return }
            sendStop(i, pid, p)
            return
        }
        p.after(0, .exitNow)
    }

    func childDied(_ c: Int, _ status: WaitStatus, _ p: ProcessHandle) {
        guard let i = pids.firstIndex(of: c) else {
            p.reap(c)
            return
        }
        if signalledAt[i] == p.now {
            // Died of supervisord's own signal before the loop polled again: seen next tick.
            p.after(tick(after: p.now) - p.now, .noticeDeath(program: i))
            return
        }
        notice(i, c, p)
    }

    /// supervisord collects program `i`'s death, logs it, and moves its shutdown on.
    private func notice(_ i: Int, _ c: Int, _ p: ProcessHandle) {
        let status = p.kernel.procs[c].status ?? .exited(0)
        p.reap(c)
        gone[i] = true
        p.record(.supervisedEnded(program: order[i].name, status: status, stopped: stopSent[i]), rule: .supervisordStop)
        if stopping { stopNextGroup(p) }
    }
}
