#if os(Linux)
import Foundation
import Glibc
import PodTerm

/// What `verify` plays for one container: its staged programs, and the runtime's signals with
/// the simulated times at which to send them.
struct ContainerPlan {
    /// Index into `Timeline.containers`.
    var index: Int
    var name: String
    var staging: Staging
    /// The simulation's story of this container.
    var simulated: ContainerStory
    /// What the runtime does to the container, in order: the simulated runtime's signals to
    /// PID 1, and the exec hooks it runs inside (argv rewritten), at their simulated times.
    var actions: [RuntimeAction]
    /// The keys of the processes the simulation has running just before the runtime first
    /// acts: they must all be running for real before we act.
    var expectedAtFirstSignal: [String]
    /// supervisord in the tree when the stop signal arrives: its key, and how long after the
    /// signal the simulation has it act (the phase of its 1 s loop).
    var supervisordLag: (key: String, lag: Millis)?
    /// When the simulated container ended (or the run did).
    var simulatedEnd: Millis
    /// When the simulation started the container (a regular container waits for its sidecars).
    var simulatedStart: Millis
    /// Whose PID namespace the container runs in.
    var namespace: PlanNamespace = .own
}

/// Whose PID namespace a container runs in.
enum PlanNamespace {
    /// A fresh one, whose PID 1 is the container's command.
    case own
    /// The pod's sandbox (`shareProcessNamespace: true`): the pause process, PID 1 of the
    /// pod's namespace. Its runtime action (StopPodSandbox's SIGKILL) waits until every other
    /// container has exited, as the kubelet's does (`kubelet.sandbox-stop`).
    case sandbox
    /// A container of a pod that shares one namespace: its main process starts inside the
    /// sandbox's namespace, not PID 1, with the launcher outside as its parent (the shim),
    /// and a cgroup of its own for the shim's kill --all (`containerd.kill-all-on-exit`).
    case joined
}

/// One thing the runtime does to a container.
struct RuntimeAction {
    var at: Millis
    enum Kind {
        case signal(Signal)
        case exec([String])
    }
    var kind: Kind
}

/// Everything the host saw of one real run.
struct RealRunResult {
    var stories: [ContainerStory]
    /// Processes of the namespaces still present after the run (must be none; killed if any).
    var leftovers: [Int32]
    /// Per container: how late the first runtime signal went out (ms), and why.
    var lateness: [(ms: Millis, why: String)?]
    /// The probes' own reports, per container.
    var probeLogs: [String]
    /// Each container's working directory.
    var dirs: [String]
}

/// Runs the plans' trees for real, each in its own PID namespace, and records what happens.
enum RealRun {
    static func run(_ plans: [ContainerPlan], options: VerifyOptions, probe: String) throws(VerifyError) -> RealRunResult {
        let tracer = try Tracer(pollWatch: plans.contains { $0.supervisordLag != nil })
        defer { tracer.stop() }

        // Each container starts when the simulation started it (regular containers after
        // their sidecars), each in its own PID namespace.
        let origin = Sys.monoNanos()
        let ms: Int64 = 1_000_000
        var launchers: [Launcher?] = Array(repeating: nil, count: plans.count)
        defer { for l in launchers { l?.finish() } }
        var t0 = Array(repeating: Int64(0), count: plans.count)
        var namespaces = [String?](repeating: nil, count: plans.count)
        // An open descriptor on each namespace keeps it, and so its inode number, alive until
        // the end: a namespace that is freed has its number reused, and the check for
        // leftovers would then find (and kill) another run's processes, even another verify's.
        var namespaceFDs: [Int32] = []
        defer { for fd in namespaceFDs { Glibc.close(fd) } }
        var obs = Observation(roots: [], launchers: [])
        // The cgroups of the containers of a shared namespace, removed at the very end.
        var cgroups: [ContainerCgroup] = []
        defer { for g in cgroups { g.remove() } }
        let sandboxPlan = plans.firstIndex { $0.namespace == .sandbox }
        func launch(_ c: Int) throws(VerifyError) {
            let p = plans[c]
            // The launcher's own deadline is a last resort; the loop below stops earlier.
            let deadline = (p.simulatedEnd - p.simulatedStart).ms + options.treeWaitMs + 1_000 + 15_000
            var join: String?
            var cgroup: String?
            if p.namespace == .joined, let s = sandboxPlan, let pause = launchers[s]?.started?.hostPid {
                join = "/proc/\(pause)/ns/pid"
                let g = try ContainerCgroup(name: ((p.staging.dir as NSString).deletingLastPathComponent as NSString).lastPathComponent + "-" + p.name)
                cgroups.append(g)
                cgroup = g.path
            }
            let l = try Launcher(
                probe: probe, argv: p.staging.argv, env: p.staging.environment, outFile: p.staging.outLog, deadlineMs: deadline,
                sandbox: p.staging.dir, join: join, cgroup: cgroup)
            launchers[c] = l
            try l.waitStarted(timeoutMs: 5_000)
            t0[c] = l.started!.at
            let nsFD = open("/proc/\(l.started!.hostPid)/ns/pid", O_RDONLY | O_CLOEXEC)
            if nsFD >= 0 { namespaceFDs.append(nsFD) }
            namespaces[c] = nsFD >= 0 ? Sys.readLink("/proc/self/fd/\(nsFD)") : nil
            // Start over with the new root: its first events may already have been read.
            obs = observation()
            for e in tracer.events { obs.ingest(e) }
        }
        func observation() -> Observation {
            let o = Observation(
                roots: zip(plans, launchers).map { (p, l) in (hostPid: l?.started?.hostPid ?? 0, name: p.simulated.processes.first?.name ?? p.name) },
                launchers: launchers.map { $0?.pid ?? 0 })
            o.containerNames = plans.map(\.name)
            return o
        }

        var samples: [Int32: ProcSamples] = [:]
        let first = plans.map(\.simulatedStart).min() ?? 0
        var nextAction = Array(repeating: 0, count: plans.count)
        var shift = Array(repeating: Int64(0), count: plans.count)
        var firstSentAt = [Int64?](repeating: nil, count: plans.count)
        var lateness = [(ms: Millis, why: String)?](repeating: nil, count: plans.count)
        var killedAtEnd = Array(repeating: false, count: plans.count)
        var cutAt = [Int64?](repeating: nil, count: plans.count)
        var waitingSince = [Int64?](repeating: nil, count: plans.count)
        var sendAt = [Int64?](repeating: nil, count: plans.count)
        var why = Array(repeating: "", count: plans.count)

        while true {
            // SIGINT, SIGTERM, SIGHUP: the defers above kill every tree and remove the instance.
            try Interruption.check()
            let now = Sys.monoNanos()
            for (c, p) in plans.enumerated() where launchers[c] == nil && now >= origin + Int64((p.simulatedStart - first).ms) * ms {
                // A container of a shared namespace starts once the pause process runs.
                if p.namespace == .joined, let s = sandboxPlan, launchers[s]?.started == nil { continue }
                try launch(c)
            }
            for e in tracer.poll() { obs.ingest(e) }
            for l in launchers { l?.poll() }
            sample(obs, &samples, now: now)

            var allDone = true
            for (c, p) in plans.enumerated() {
                guard let l = launchers[c] else {
                    allDone = false
                    continue
                }
                if l.exited != nil { continue }
                allDone = false
                // Out of time: the simulated container ended long ago.
                let end = t0[c] + Int64((p.simulatedEnd - p.simulatedStart).ms) * ms + shift[c] + Int64(options.toleranceMs + options.treeWaitMs + 2_000) * ms
                if now > end && !killedAtEnd[c] {
                    killedAtEnd[c] = true
                    cutAt[c] = Sys.monoNanos()
                    l.close()
                }
                let actions = p.actions
                guard nextAction[c] < actions.count, !killedAtEnd[c] else { continue }
                let rs = actions[nextAction[c]]
                let planned = t0[c] + Int64((rs.at - p.simulatedStart).ms) * ms + shift[c]
                guard now >= planned else { continue }
                // StopPodSandbox comes after the last container has stopped.
                if p.namespace == .sandbox, !plans.indices.allSatisfy({ $0 == c || launchers[$0]?.exited != nil }),
                   now < planned + Int64(options.toleranceMs + options.treeWaitMs) * ms {
                    continue
                }
                if nextAction[c] == 0 {
                    if sendAt[c] == nil {
                        // The first signal waits until the real tree looks like the simulated one.
                        if waitingSince[c] == nil { waitingSince[c] = now }
                        let live = obs.liveKeys(container: c)
                        let up = Set(p.expectedAtFirstSignal).isSubset(of: Set(live))
                        if !up && now - waitingSince[c]! < Int64(options.treeWaitMs) * ms { continue }
                        if !up {
                            why[c] = "the real tree never looked like the simulated one: simulated \(p.expectedAtFirstSignal.joined(separator: " ")), real \(live.joined(separator: " "))"
                            sendAt[c] = now
                        } else if let sv = p.supervisordLag {
                            // supervisord acts on a signal at the next turn of its 1 s loop: send
                            // it as long before a turn as the simulation has it.
                            if let at = alignment(obs, c, sv, notBefore: now) {
                                sendAt[c] = at
                                why[c] = "aligned with supervisord's 1 s loop"
                            } else {
                                if now - waitingSince[c]! < Int64(options.treeWaitMs) * ms { continue }
                                why[c] = "supervisord's loop was never seen"
                                sendAt[c] = now
                            }
                        } else {
                            sendAt[c] = now
                            why[c] = p.namespace == .sandbox ? "StopPodSandbox waits until the last container has exited" : "waited for the tree to be up"
                        }
                    }
                    guard now >= sendAt[c]! else { continue }
                    shift[c] = now - (t0[c] + Int64((rs.at - p.simulatedStart).ms) * ms)
                    firstSentAt[c] = now
                    if shift[c] > 2 * ms { lateness[c] = (Millis(Int(shift[c] / ms)), why[c]) }
                }
                switch rs.kind {
                case .signal(let sig): l.send(sig.rawValue)
                case .exec(let argv): l.exec(argv)
                }
                nextAction[c] += 1
            }
            if allDone { break }
            Sys.sleep(us: 1_000)
        }
        // The last trace events (the namespace's teardown) may still be in flight.
        Sys.sleep(ms: 30)
        for e in tracer.poll() { obs.ingest(e) }
        tracer.stop()
        for l in launchers { l?.finish() }

        // Rebuild from every event in time order: the live pass saw them as they came.
        let final = observation()
        for e in tracer.events.sorted(by: { $0.time < $1.time }) { final.ingest(e) }

        if options.keepFiles {
            // The kernel's events about the trees, for whoever wants to look: trace.txt.
            var text = ""
            for e in tracer.events.sorted(by: { $0.time < $1.time }) {
                let involved: Bool
                switch e.kind {
                case .generate(_, _, let pid, _, _): involved = final.member(pid) != nil || final.member(e.tid) != nil
                case .newTask(let pid, _, _): involved = final.member(pid) != nil
                case .exec(let pid, _, _), .exit(let pid, _): involved = final.member(pid) != nil
                default: involved = final.member(e.tid) != nil
                }
                if involved { text += "\(e.time) \(e.comm)-\(e.tid) \(e.kind)\n" }
            }
            for p in plans { try? text.write(toFile: p.staging.dir + "/trace.txt", atomically: false, encoding: .utf8) }
        }
        let leftovers = killLeftovers(namespaces)
        var stories: [ContainerStory] = []
        var logs: [String] = []
        for (c, p) in plans.enumerated() {
            let log = Sys.read(p.staging.probeLog) ?? ""
            logs.append(log)
            for line in log.split(separator: "\n") {
                let w = line.split(separator: " ")
                if w.count >= 3, let h = Int32(w[1]), let n = Int(w[2]) { samples[h, default: ProcSamples()].nsPid = n }
            }
            let l = launchers[c]!
            let root = l.started!.hostPid
            stories.append(ObservedStory.make(
                final, container: c, name: p.name, samples: samples, t0: final.procs[root]?.startedAt ?? t0[c], startedAt: p.simulatedStart,
                shiftFrom: firstSentAt[c], shift: shift[c],
                pid1Status: l.exited.map { WaitStatus(raw: $0.status) }, pid1ExitedAt: l.exited?.at,
                runtimeSent: l.sent.filter { $0.errno == 0 }.map { ($0.signal, $0.at) }, cutAt: cutAt[c],
                rootIsPID1: p.namespace != .joined))
        }
        return RealRunResult(stories: stories, leftovers: leftovers, lateness: lateness, probeLogs: logs, dirs: plans.map(\.staging.dir))
    }

    /// When to send the stop signal so that supervisord, whose loop wakes every second, acts
    /// as long after it as the simulation has it act: the first such moment from `notBefore`.
    /// Nil when its loop has not been seen yet.
    private static func alignment(_ obs: Observation, _ c: Int, _ sv: (key: String, lag: Millis), notBefore: Int64) -> Int64? {
        let shapes = obs.shapes(container: c)
        guard let h = shapes.first(where: { $0.key == sv.key })?.hostPid, let last = obs.polls[h]?.last else { return nil }
        let second: Int64 = 1_000_000_000
        let lag = Int64(sv.lag.ms) * 1_000_000
        // The loop wakes when a 1 s poll() times out.
        var tick = last + second
        while tick - lag < notBefore { tick += second }
        return tick - lag
    }

    /// Reads /proc for every member not yet gone: its ignored signals, its namespace PID, and
    /// when it disappears (its status was collected).
    private static func sample(_ obs: Observation, _ samples: inout [Int32: ProcSamples], now: Int64) {
        for h in obs.order {
            if samples[h]?.goneAt != nil { continue }
            guard let status = Sys.read("/proc/\(h)/status") else {
                samples[h, default: ProcSamples()].goneAt = now
                continue
            }
            var s = samples[h] ?? ProcSamples()
            for line in status.split(separator: "\n") {
                if line.hasPrefix("SigIgn:") {
                    let v = UInt64(line.dropFirst(7).trimmingCharacters(in: .whitespaces), radix: 16) ?? 0
                    if s.ignored.last?.mask != v { s.ignored.append((now, v)) }
                } else if line.hasPrefix("NSpid:") {
                    if let last = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).last, let n = Int(last) { s.nsPid = n }
                }
            }
            samples[h] = s
        }
    }

    /// Kills and reports any process still in one of the namespaces (there should be none:
    /// the kernel kills them all when PID 1 dies).
    static func killLeftovers(_ namespaces: [String?]) -> [Int32] {
        let wanted = Set(namespaces.compactMap { $0 })
        guard !wanted.isEmpty else { return [] }
        var found: [Int32] = []
        for pid in Sys.allPids() {
            if let ns = Sys.readLink("/proc/\(pid)/ns/pid"), wanted.contains(ns) {
                found.append(pid)
                kill(pid, SIGKILL)
            }
        }
        return found
    }
}
#endif
