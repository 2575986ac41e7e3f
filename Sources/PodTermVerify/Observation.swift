import PodTerm

/// The real side, as the kernel's trace events tell it: which processes belong to each
/// container's namespace, what they ran, every signal sent to them, and how they ended.
///
/// Fed the trace events in time order. Membership starts from each container's PID 1 (its
/// host PID, from the launcher) and follows `task_newtask` down the tree; everything else on
/// the machine is ignored.
final class Observation {
    /// One real process (a thread group), by host PID.
    struct Proc {
        var hostPid: Int32
        var container: Int
        /// The host PID of the process that forked it (nil for PID 1).
        var parent: Int32?
        var startedAt: Int64?
        /// Its program name: the base name of what it last exec'd (its parent's until then).
        var name: String
        /// Every signal sent to it: time, signal, si_code, the sending task, the result.
        var generated: [(time: Int64, sig: Int, code: Int, sender: Int32, result: Int)] = []
        /// Every signal its threads took: time, signal, the handler at that moment.
        var delivered: [(time: Int64, sig: Int, handler: UInt64)] = []
        /// The `exit_group` call, if it made one.
        var exitCall: (time: Int64, code: Int)?
        /// When its last thread exited.
        var exitedAt: Int64?
    }

    /// Processes by host PID, and their order of appearance.
    private(set) var procs: [Int32: Proc] = [:]
    private(set) var order: [Int32] = []
    /// Thread id → the process (thread group) it belongs to.
    private var threadGroup: [Int32: Int32] = [:]
    /// Each container's PID 1 host PID (0: not started yet).
    let roots: [Int32]
    /// The launchers' PIDs: signals they send are the runtime's.
    let launchers: Set<Int32>
    /// Each container's launcher (0: not started yet): a task it forks after PID 1 is a
    /// process run inside the container from outside (an exec hook).
    private let launcherOf: [Int32: Int]
    /// `poll()` calls with a 1 s timeout, by process: supervisord's loop.
    private(set) var polls: [Int32: [Int64]] = [:]

    /// `roots` and `launchers` are per container, 0 for one not started yet.
    init(roots: [(hostPid: Int32, name: String)], launchers: [Int32]) {
        self.roots = roots.map(\.hostPid)
        self.launchers = Set(launchers.filter { $0 > 0 })
        var of: [Int32: Int] = [:]
        for (c, l) in launchers.enumerated() where l > 0 { of[l] = c }
        launcherOf = of
        for (c, r) in roots.enumerated() where r.hostPid > 0 {
            procs[r.hostPid] = Proc(hostPid: r.hostPid, container: c, parent: nil, startedAt: nil, name: r.name)
            order.append(r.hostPid)
            threadGroup[r.hostPid] = r.hostPid
        }
    }

    /// The process a task belongs to, if it is one of ours.
    func member(_ tid: Int32) -> Int32? { threadGroup[tid] }

    func ingest(_ e: TraceEvent) {
        switch e.kind {
        case .newTask(let pid, let comm, let thread):
            if pid > 0, roots.contains(pid) {
                procs[pid]?.startedAt = e.time
                return
            }
            if !thread, let c = launcherOf[e.tid] {
                // Forked by a launcher after PID 1: run inside the namespace from outside.
                threadGroup[pid] = pid
                procs[pid] = Proc(hostPid: pid, container: c, parent: nil, startedAt: e.time, name: comm)
                order.append(pid)
                return
            }
            guard let parent = threadGroup[e.tid], let pp = procs[parent] else { return }
            if thread {
                threadGroup[pid] = parent
            } else {
                threadGroup[pid] = pid
                procs[pid] = Proc(hostPid: pid, container: pp.container, parent: parent, startedAt: e.time, name: comm.isEmpty ? pp.name : comm)
                order.append(pid)
            }
        case .exec(let pid, let oldPid, let filename):
            // A thread that execs takes over its group's PID (old_pid is the thread).
            guard let g = threadGroup[pid] ?? threadGroup[oldPid] else { return }
            procs[g]?.name = baseName(filename)
        case .generate(let sig, let code, let pid, _, let result):
            guard let g = threadGroup[pid] else { return }
            // The kernel's SIGCHLD to a parent when a child stops or dies (CLD_* codes) is
            // bookkeeping, not a signal anyone sent; the simulation does not record it.
            if sig == 17 && code > 0 { return }
            procs[g]?.generated.append((e.time, sig, code, e.tid, result))
        case .deliver(let sig, _, let handler):
            guard let g = threadGroup[e.tid] else { return }
            procs[g]?.delivered.append((e.time, sig, handler))
        case .exitCall(let code, _):
            guard let g = threadGroup[e.tid], procs[g]?.exitCall == nil else { return }
            procs[g]?.exitCall = (e.time, code)
        case .exit(let pid, let groupDead):
            // Without group_dead (older kernels), the leader's exit stands for the process's.
            guard let g = threadGroup[pid], groupDead ?? (g == pid) else { return }
            procs[g]?.exitedAt = e.time
        case .poll:
            guard let g = threadGroup[e.tid] else { return }
            polls[g, default: []].append(e.time)
        }
    }

    /// The live processes of container `c`, with their keys (for "is the tree up yet?").
    func liveKeys(container c: Int) -> [String] {
        let story = shapes(container: c)
        return story.filter { procs[$0.hostPid!]?.exitedAt == nil }.map(\.key).sorted()
    }

    /// The processes of container `c` in start order, with keys and parents but no events yet.
    func shapes(container c: Int) -> [ProcessStory] {
        let root = c < roots.count ? roots[c] : 0
        let mine = order.filter { procs[$0]!.container == c }.sorted {
            ($0 == root ? 0 : 1, procs[$0]!.startedAt ?? 0, $0) < ($1 == root ? 0 : 1, procs[$1]!.startedAt ?? 0, $1)
        }
        var index: [Int32: Int] = [:]
        for (i, h) in mine.enumerated() { index[h] = i }
        var out: [ProcessStory] = mine.map { h in
            let p = procs[h]!
            return ProcessStory(
                key: "", name: p.name, pid: nil, hostPid: h, startedAt: nil, received: [], end: nil,
                zombieLeft: false, parent: p.parent.flatMap { index[$0] })
        }
        StoryKeys.assign(container: containerName(c), &out)
        return out
    }

    var containerNames: [String] = []
    private func containerName(_ c: Int) -> String { c < containerNames.count ? containerNames[c] : "c\(c)" }
}

func baseName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
