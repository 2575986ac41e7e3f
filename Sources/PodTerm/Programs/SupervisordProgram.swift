/// supervisord running in the foreground (`supervisord -n -c conf`), typically as PID 1.
/// Its programs come from the `supervisord:` block of its entry in `programs:` (a real config
/// file is out of the engine's reach). Rules: `supervisord.stop`, `supervisord.wakeup`.
///
/// - Starts each program in its own process group (supervisord's child calls `setpgrp`),
///   lowest `priority` first, with its stdout and stderr as pipes supervisord reads (one pipe
///   with `redirect_stderr`). The program's children inherit them unless they close them
///   (`closes:`), and keep them when they outlive it.
/// - The main loop (`runforever`) sleeps in `poll()` with a 1 s timeout and does all its work
///   when the poll returns — a turn: `transition()` (SIGKILL to a program stopping past its
///   `stopwaitsecs`), `reap()` (collects every dead child), `handle_signal()`, then the
///   ordered stop of the next group. The poll returns when the timeout expires, or at once
///   when a pipe it watches reaches end of file (every holder has closed it), or when
///   `supervisorctl` talks to it. A signal does not wake it: the handler only records it and
///   Python retries the poll (PEP 475). Each turn starts a fresh 1 s timeout, so the next tick
///   falls 1 s after the last turn, whatever woke it (`supervisord.wakeup`).
///   Model: the first timeout is at `start + pollPhase` (a full second when 0).
/// - SIGTERM, SIGINT and SIGQUIT: acted on at the next tick (observed 0.68–0.70 s late; the
///   phase decides where in 0–1 s).
/// - Shutdown: groups stop one at a time, highest priority first: `stopsignal` to the process
///   (to `-pid` with `stopasgroup`), SIGKILL (to `-pid` with `killasgroup`) at the first turn at
///   least `stopwaitsecs` later, again every `stopwaitsecs` while the program is not collected
///   (a SIGKILL to a zombie changes nothing); the next group once a group is collected; exit 0
///   once every program is.
/// - A program's death is collected at the next turn: at once when its pipes reach end of file
///   with it (it was their last holder), at the next tick when a child or orphan still holds
///   every one of them (`supervisord.wakeup`).
/// - Reaps every other child (orphans) at once.
///
/// Two races the model leaves out, both seen with `podterm verify`: a process so small that
/// it dies within microseconds of supervisord's own SIGKILL can already be a zombie when the
/// same turn's `reap()` runs (collected at once, pipes held or not); and the end of file of a
/// dying process's pipes comes a moment before the kernel makes it a zombie (`do_exit` frees
/// memory, closes files, then `exit_notify`), so a supervisord that is awake or preempts the
/// dying process can find nothing to reap and collect it only at the next tick. An app that
/// holds tens of megabytes dies slowly enough for the first never to happen; the second was
/// seen about once in 70 runs on a 2-core machine at load 10.
///
/// Not modelled: restarting programs that exit by themselves (`autorestart`), SIGHUP's reload
/// and SIGUSR2's log reopening (both are recorded and otherwise do nothing), program output
/// waking the loop.
///
/// Source: `Supervisor/supervisor` 4.2.5 `supervisord.py` `runforever`, `handle_signal`, `reap`,
/// `ordered_stop_groups_phase_1/2`; `dispatchers.py` `POutputDispatcher.handle_read_event` (no
/// data → `close`); `process.py` `Subprocess._prepare_child_fds`, `kill`, `transition`, `finish`;
/// `options.py` `make_pipes`.
final class SupervisordProgram: ProgramModel, SupervisorControl {
    /// Serves nothing itself: ready at once (what it runs answers for itself).
    var readyAfter: Millis { 0 }

    let config: SupervisordSpec
    /// The programs in start order (priority ascending, file order among equals).
    private let order: [SupervisedProgram]
    private var pids: [Int?]
    /// The program's pipes (stdout, and stderr unless `redirect_stderr`).
    private var pipesOf: [[Int]]
    /// Dead, not yet collected.
    private var dead: [Bool]
    /// Collected.
    private var gone: [Bool]
    private var stopSent: [Bool]
    /// When supervisord SIGKILLs a stopping program (reset by each signal it sends it).
    private var killDeadline: [Millis?]
    /// The last turn of the loop: the current poll's 1 s timeout runs from here.
    private var lastTurn: Millis = 0
    /// Ticks a timer is set for.
    private var pendingTicks: Set<Millis> = []
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
        pipesOf = Array(repeating: [], count: order.count)
        dead = Array(repeating: false, count: order.count)
        gone = Array(repeating: false, count: order.count)
        stopSent = Array(repeating: false, count: order.count)
        killDeadline = Array(repeating: nil, count: order.count)
    }

    /// The first tick strictly after `t`: the poll times out 1 s after each turn.
    private func tick(after t: Millis) -> Millis {
        let first = lastTurn + 1000
        if t < first { return first }
        return first + ((t - first) / 1000 + 1) * 1000
    }

    /// The first tick at or after `t`.
    private func tick(atOrAfter t: Millis) -> Millis { tick(after: t - 1) }

    /// Makes sure the loop turns at `at` (a tick of the current poll).
    private func wake(at: Millis, _ p: ProcessHandle) {
        guard !pendingTicks.contains(at) else { return }
        pendingTicks.insert(at)
        p.deadline(at - p.now, .pollTick)
    }

    func start(_ p: ProcessHandle) {
        // The first poll's timeout expires `pollPhase` after the start (a full second for 0).
        let phase = ((config.pollPhase % 1000) + 1000) % 1000
        lastTurn = p.now + (phase == 0 ? 0 : phase - 1000)
        for s in [Signal.term, .int, .quit, .hup, .usr2] { p.setDisposition(s, .handler) }
        for (i, prog) in order.enumerated() {
            let out = p.makePipe()
            let err = prog.redirectStderr ? out : p.makePipe()
            pipesOf[i] = prog.redirectStderr ? [out] : [out, err]
            pids[i] = p.nextPid
            p.spawn(prog.command, setsid: true, output: .pipes(stdout: out, stderr: err))
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
            wake(at: at, p)
        default:
            p.record(.signalNoted(actsAt: nil), signal: s, rule: .supervisordStop)
        }
    }

    func timer(_ timer: ProgramTimer, _ p: ProcessHandle) {
        switch timer {
        case .pollTick:
            pendingTicks.remove(p.now)
            // A turn since has restarted the poll's timeout: this one never expires.
            guard p.now > lastTurn, (p.now - lastTurn) % 1000 == 0 else { return }
            turn(p)
        case .pipeEndOfFile:
            turn(p)
        case .exitNow:
            guard !exited else { return }
            exited = true
            p.exit(0, rule: .supervisordStop)
        default:
            break
        }
    }

    func outputClosed(_ pipe: Int, _ p: ProcessHandle) {
        // The poll returns at once; the turn runs after the death that closed it.
        p.after(0, .pipeEndOfFile)
    }

    /// One turn of `runforever` after its poll returned.
    private func turn(_ p: ProcessHandle) {
        guard !exited else { return }
        lastTurn = p.now
        // transition(): SIGKILL to every program still stopping past its deadline.
        for i in order.indices where !gone[i] {
            guard let pid = pids[i], let deadline = killDeadline[i], p.now >= deadline else { continue }
            killDeadline[i] = p.now + GraceSeconds(max(0, order[i].stopWaitSecs)).millis
            if order[i].killAsGroup {
                p.killGroup(pid, .kill, rule: .supervisordStop)
            } else {
                p.kill(pid, .kill, rule: .supervisordStop)
            }
        }
        // reap(): every dead program.
        for i in order.indices where dead[i] && !gone[i] {
            if let pid = pids[i] { collect(i, pid, p) }
        }
        // handle_signal(): an exit request starts the ordered stop.
        if shutdownRequested && !stopping {
            stopping = true
            remaining = Array(order.indices)
        }
        if stopping { stopNextGroup(p) }
        scheduleNextTurn(p)
    }

    /// The next tick anything waits for: an exit request, a SIGKILL deadline, a death whose
    /// pipes are still held.
    private func scheduleNextTurn(_ p: ProcessHandle) {
        var next: Millis?
        func want(_ t: Millis) { next = min(next ?? t, t) }
        if shutdownRequested && !stopping { want(tick(after: p.now)) }
        for i in order.indices where !gone[i] {
            if let d = killDeadline[i] { want(tick(atOrAfter: max(d, p.now + 1))) }
            if dead[i] { want(tick(atOrAfter: p.now)) }
        }
        if let next { wake(at: next, p) }
    }

    var supervisedCommands: [[String]] { config.programs.map(\.command) }
    var supervisorControl: (any SupervisorControl)? { self }

    /// Whether this supervisord runs a program called `name`.
    func runs(_ name: String) -> Bool { order.contains { $0.name == name } }

    /// `supervisorctl stop NAME`: the XML-RPC request wakes the poll and is served at once; the
    /// program gets its stopsignal, and SIGKILL at the first turn `stopwaitsecs` later if it
    /// has not been collected by then.
    /// Source: supervisor `rpcinterface.py` `stopProcess`, `process.py` `Subprocess.stop`, `transition`.
    func stopOne(_ name: String, _ p: ProcessHandle) {
        guard let i = order.firstIndex(where: { $0.name == name }), !gone[i], !stopSent[i], let pid = pids[i] else { return }
        p.record(.supervisorctlStop(program: name), rule: .supervisordStop)
        sendStop(i, pid, p)
        turn(p)
    }

    /// `Subprocess.stop`: the program's stopsignal (to its group with stopasgroup); SIGKILL is
    /// due `stopwaitsecs` later.
    private func sendStop(_ i: Int, _ pid: Int, _ p: ProcessHandle) {
        stopSent[i] = true
        killDeadline[i] = p.now + GraceSeconds(max(0, order[i].stopWaitSecs)).millis
        let prog = order[i]
        if prog.stopAsGroup {
            p.killGroup(pid, prog.stopSignal, rule: .supervisordStop)
        } else {
            p.kill(pid, prog.stopSignal, rule: .supervisordStop)
        }
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
        // Collected at the loop's next turn: at once if this death closed one of its pipes
        // (outputClosed wakes the poll), else at the next tick — one in this very millisecond
        // included, as a tick runs a little late (each turn's work delays the next timeout).
        dead[i] = true
        wake(at: tick(atOrAfter: p.now), p)
    }

    /// supervisord collects program `i`'s death, logs it, and moves its shutdown on.
    private func collect(_ i: Int, _ c: Int, _ p: ProcessHandle) {
        let status = p.kernel.procs[c].status ?? .exited(0)
        p.reap(c)
        gone[i] = true
        killDeadline[i] = nil
        p.record(.supervisedEnded(program: order[i].name, status: status, stopped: stopSent[i]), rule: .supervisordWakeup)
    }
}
