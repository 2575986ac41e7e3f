import PodTerm

/// What the host saw of one process by reading /proc while the tree ran.
struct ProcSamples {
    /// Its PID inside the namespace (`NSpid`).
    var nsPid: Int?
    /// The first time /proc no longer had it: its status had been collected.
    var goneAt: Int64?
    /// Its ignored-signal mask (`SigIgn`) each time it changed.
    var ignored: [(at: Int64, mask: UInt64)] = []

    func ignoredMask(at t: Int64) -> UInt64? {
        ignored.last { $0.at <= t }?.mask ?? ignored.first?.mask
    }
}

/// The real side of one container, turned into a `ContainerStory`.
enum ObservedStory {
    /// - Parameters:
    ///   - t0: when PID 1 was forked (ns), which was `startedAt` ms into the scenario, as in
    ///     the simulation; every time becomes ms since the scenario started.
    ///   - shiftFrom, shift: events at or after `shiftFrom` (ns) move back by `shift` (ns): the
    ///     time the first runtime signal went out later than planned (waiting for the tree).
    ///   - pid1Status: PID 1's wait status as its parent, the launcher, collected it.
    ///   - cutAt: when the run ran out of time and PID 1 was killed to end it: what happens from
    ///     then on is our cleaning up, not the scenario, and the processes count as still running.
    static func make(
        _ obs: Observation, container c: Int, name: String, samples: [Int32: ProcSamples], t0: Int64, startedAt: Millis,
        shiftFrom: Int64?, shift: Int64, pid1Status: WaitStatus?, pid1ExitedAt: Int64?,
        runtimeSent: [(signal: Int, at: Int64)], cutAt: Int64?
    ) -> ContainerStory {
        let killedAtEnd = cutAt != nil
        let cut = cutAt ?? Int64.max
        func ms(_ t: Int64) -> Millis {
            var x = t - t0
            if let s = shiftFrom, t >= s { x -= shift }
            return startedAt + Millis(Int((Double(x) / 1_000_000).rounded()))
        }
        var procs = obs.shapes(container: c)
        let root = obs.roots[c]
        let rootExit = obs.procs[root]?.exitedAt ?? pid1ExitedAt
        var keyOf: [Int32: String] = [:]
        for p in procs { keyOf[p.hostPid!] = p.key }

        for i in procs.indices {
            let h = procs[i].hostPid!
            let p = obs.procs[h]!
            let s = samples[h] ?? ProcSamples()
            procs[i].pid = s.nsPid ?? (h == root ? 1 : nil)
            procs[i].startedAt = p.startedAt.map(ms)

            // How it ended: the exit_group call, else the last signal that got through.
            var status: WaitStatus?
            var killer: Int?
            if let exitedAt = p.exitedAt, exitedAt < cut {
                if let call = p.exitCall, call.time <= exitedAt {
                    status = .exited(call.code)
                } else if let k = p.generated.lastIndex(where: { $0.result == 0 && $0.time <= exitedAt }) {
                    killer = k
                    status = .signaled(Signal(rawValue: p.generated[k].sig) ?? .kill)
                }
                if h == root, let st = pid1Status { status = st }
                if let st = status {
                    procs[i].end = EndStory(at: ms(exitedAt), status: st)
                }
            }

            // The teardown's SIGKILL also goes to processes already dead (zombies): the kernel
            // walks every PID of the namespace. It does nothing; the simulation leaves it out.
            let kept = p.generated.enumerated().filter { (_, g) in
                g.time < cut && !(g.sig == 9 && g.code == 0x80 && g.result == 1 && (p.exitedAt.map { $0 <= g.time } ?? false))
            }
            procs[i].received = kept.map { (k, g) in
                let sig = Signal(rawValue: g.sig) ?? .kill
                let from: String
                if g.code == -2 || (g.sig == 14 && g.code == 0x80) {
                    // SIGALRM of a timer the process set itself (timer_create, alarm): raised in
                    // whatever task the timer interrupt found running (kernel.timer-signal).
                    from = "timer"
                } else if obs.launchers.contains(g.sender) {
                    from = "runtime"
                } else if g.sig == 9 && g.code == 0x80 {
                    from = "kernel"
                } else if let m = obs.member(g.sender), let key = keyOf[m] {
                    from = key
                } else {
                    from = "outside"
                }
                return SignalStory(at: ms(g.time), signal: sig, from: from,
                                   fate: fate(p, k, g, killer: killer, isRoot: h == root, samples: s))
            }

            // A zombie left: it died well before PID 1 and was still there when PID 1 went.
            if h != root, let died = p.exitedAt, died < cut, let rootExit, died + 50_000_000 < rootExit {
                let gone = s.goneAt ?? Int64.max
                procs[i].zombieLeft = gone >= rootExit
            }
        }
        let runtime = runtimeSent.map { RuntimeSignal(at: ms($0.at), signal: Signal(rawValue: $0.signal) ?? .kill) }
        return ContainerStory(
            name: name,
            processes: procs, pid1Status: killedAtEnd ? nil : pid1Status,
            exitedAt: killedAtEnd ? nil : (pid1ExitedAt ?? rootExit).map(ms), runtimeSignals: runtime)
    }

    /// What became of the k-th signal sent to `p`.
    private static func fate(
        _ p: Observation.Proc, _ k: Int, _ g: (time: Int64, sig: Int, code: Int, sender: Int32, result: Int),
        killer: Int?, isRoot: Bool, samples: ProcSamples
    ) -> String {
        // The kernel's own terms (include/trace/events/signal.h): 0 TRACE_SIGNAL_DELIVERED
        // (queued), 1 IGNORED (dropped at send time), 2 ALREADY_PENDING, 3 OVERFLOW_FAIL (not
        // queued, EAGAIN), 4 LOSE_INFO (queued without its siginfo).
        switch g.result {
        case 0, 4:
            if k == killer || g.sig == 9 { return "killed" }
            // Queued, then taken from the queue (signal_deliver) with SIG_IGN or SIG_DFL in
            // force: a copy that was blocked (inside its own handler, or a PID 1 that unblocked
            // it) or whose disposition changed meanwhile. It was not discarded at send time.
            if let d = p.delivered.first(where: { $0.sig == g.sig && $0.time >= g.time }), d.handler <= 1,
               p.exitedAt.map({ $0 > d.time }) ?? true {
                return d.handler == 1 ? "discarded:ignored-at-dequeue" : "discarded:pid1-dropped-at-unblock"
            }
            return "caught"
        case 2:
            return "discarded:already-pending"
        case 3:
            return "discarded:overflow"
        default:
            // Result 1 (TRACE_SIGNAL_IGNORED) is also what prepare_signal gives a process whose
            // group exit has started, and a zombie (its SIGNAL_GROUP_EXIT stays set).
            if let call = p.exitCall, call.time <= g.time { return "discarded:dead-target" }
            if let e = p.exitedAt, e <= g.time { return "discarded:dead-target" }
            // After the signal that killed it, before it exited: it was dying (kernel.dying-drops).
            if let killer, k > killer { return "discarded:dying" }
            let bit = UInt64(1) << UInt64(g.sig - 1)
            if let mask = samples.ignoredMask(at: g.time), mask & bit != 0 { return "discarded:ignored" }
            if [17, 18, 23, 28].contains(g.sig) { return "discarded:default-ignore" }
            if isRoot { return "discarded:pid1-default" }
            return "discarded:ignored"
        }
    }
}
