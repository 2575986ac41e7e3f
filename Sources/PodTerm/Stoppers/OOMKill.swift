/// The kernel's OOM killer, when a container exceeds its memory limit: the whole cgroup
/// (cgroup v2 `memory.oom.group`), or only the named process (cgroup v1, `singleProcessOOMKill`).
/// Either way the container's reason is OOMKilled, and none of the kubelet's sequence runs.
///
/// Rules: `kernel.oom-kill`, `containerd.oom-reason-sticks`.
struct OOMKill: Stopper {
    let container: String
    /// The one process killed (by its name), or nil for the whole cgroup.
    let process: String?

    func validate(in scenario: Scenario) throws { try requireContainer(container, in: scenario) }

    func act(_ engine: Engine) {
        let runtime = engine.runtime!
        let kernel = engine.kernel!
        guard let c = runtime.index(of: container), let ns = runtime.markOOMKilled(c) else { return }
        engine.record(.kernel, .oomKill, container: c, rule: process == nil ? .kernelOOMKill : .containerdOOMReasonSticks)
        if let name = process {
            let victim = kernel.namespaces[ns].members.first { kernel.procs[$0].alive && kernel.procs[$0].container == c && kernel.procs[$0].name == name }
            if let v = victim { kernel.oomKillOne(v) }
        } else if runtime.sandbox != nil, let main = runtime.initProcess(c) {
            // A PID namespace shared with the pod: only this container's cgroup, its main process last.
            for v in kernel.namespaces[ns].members where v != main && kernel.procs[v].container == c { kernel.oomKillOne(v) }
            kernel.oomKillOne(main)
        } else {
            kernel.oomKillAll(ns)
        }
    }
}
