import PodTerm

/// The simulation's side: a container's first run, read from a `Timeline`.
enum SimulatedStory {
    /// The story of container `c` (index into `timeline.containers`), first instance only.
    static func make(_ t: Timeline, container c: Int) -> ContainerStory {
        let name = t.containers[c].name
        let indices = t.processes.indices.filter { t.processes[$0].container == c && t.processes[$0].containerInstance == 0 }
        var local: [Int: Int] = [:]
        for (i, g) in indices.enumerated() { local[g] = i }

        // Every signal the runtime sent reached PID 1 of this run, in order (received lists are the fold's).
        let runtimeSignals = indices.flatMap { g in
            t.processes[g].received.filter { $0.origin == .runtime }.map { RuntimeSignal(at: $0.at, signal: $0.signal) }
        }

        var procs: [ProcessStory] = indices.map { g in
            let p = t.processes[g]
            return ProcessStory(
                key: "", name: p.name, pid: p.pid, hostPid: nil, startedAt: p.startedAt, received: [],
                end: p.end.map { EndStory(at: $0.at, status: $0.status) },
                zombieLeft: p.zombieLeft,
                parent: p.parent.flatMap { local[$0] })
        }
        StoryKeys.assign(container: name, &procs)
        for (i, g) in indices.enumerated() {
            procs[i].received = t.processes[g].received.map { r in
                SignalStory(at: r.at, signal: r.signal, from: origin(r.origin, procs, local), fate: fate(r.fate))
            }
        }
        let pid1 = indices.first.flatMap { t.processes[$0].end?.status }
        // The sandbox (pause) has no container exit of its own: StopPodSandbox ends it, and
        // its end is when pause was collected.
        let first = t.containers[c].isSandbox ? indices.first.flatMap { t.processes[$0].end?.at } : t.containers[c].exits.first?.at
        var story = ContainerStory(
            name: name, processes: procs, pid1Status: first == nil ? nil : pid1, exitedAt: first,
            runtimeSignals: runtimeSignals)
        // In a shared namespace only the sandbox's pause is PID 1; a container's command is not.
        story.mainIsPID1 = indices.first.map { t.processes[$0].pid == 1 } ?? true
        return story
    }

    static func origin(_ o: SignalOrigin, _ procs: [ProcessStory], _ local: [Int: Int]) -> String {
        switch o {
        case .runtime: return "runtime"
        case .namespaceTeardown: return "kernel"
        case .oomKiller: return "oom-killer"
        case .node: return "node"
        case .timer: return "timer"
        case .process(let g): return local[g].map { procs[$0].key } ?? "outside"
        }
    }

    static func fate(_ f: SignalFate) -> String {
        switch f {
        case .caught: return "caught"
        case .killed: return "killed"
        case .discarded(let why): return "discarded:" + why.rawValue
        }
    }

    /// The processes the runtime ran inside container `c`'s first run from outside (exec
    /// hooks): when, and the argv they were started with (before any exec).
    static func execs(_ t: Timeline, container c: Int) -> [(at: Millis, argv: [String])] {
        var out: [(Millis, [String])] = []
        // Not the container's first process: its main process (PID 1, or with a shared
        // namespace an ordinary process the runtime started too).
        let main = t.processes.firstIndex { $0.container == c && $0.containerInstance == 0 }
        for (g, p) in t.processes.enumerated() where p.container == c && p.containerInstance == 0 && p.parent == nil && p.pid != 1 && g != main {
            // The argv it was started with: before any exec.
            out.append((p.startedAt, p.earlierImages.first?.argv ?? p.argv))
        }
        return out
    }

    /// The signals the runtime sent to container `c`'s main process (its first process) in its
    /// first run, in order: with a shared namespace, what the launcher replays; the shim's
    /// kill --all of the others (`containerd.kill-all-on-exit`) the launcher does itself.
    static func mainSignals(_ t: Timeline, container c: Int) -> [RuntimeSignal] {
        guard let main = t.processes.firstIndex(where: { $0.container == c && $0.containerInstance == 0 }) else { return [] }
        return t.processes[main].received.filter { $0.origin == .runtime }.map { RuntimeSignal(at: $0.at, signal: $0.signal) }
    }

    /// Whether any process of container `c`'s first run was hit by the OOM killer.
    static func usesOOMKill(_ t: Timeline, container c: Int) -> Bool {
        t.processes.contains { p in
            p.container == c && p.containerInstance == 0 && p.received.contains { $0.origin == .oomKiller }
        }
    }
}
