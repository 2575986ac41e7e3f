/// A signal sent by hand from the node (`kill -SIG <pid>` in a root shell on the host) to one
/// process of the pod: the `kill:` stop item and `podterm run --inject`. The person picks the
/// process by name, as `pgrep -o` would (the oldest live one), or as `CONTAINER/PROGRAM#N`.
///
/// The sender stands in the host's PID namespace, an ancestor of every container's, so from
/// there on the kernel's rules decide as for the runtime's stop signal: a container's PID 1
/// with no handler discards it (`kernel.pid1-ignores-default`), except SIGKILL, which the
/// kernel forces from an ancestor namespace (`sig_task_ignored`: `force && sig_kernel_only`).
///
/// Rule: `inject.node-kill`.
struct NodeKill: Stopper {
    let kill: HandKill

    func validate(in scenario: Scenario) throws {
        if let c = kill.target.container, !(scenario.pod.initContainers + scenario.pod.containers).contains(where: { $0.name == c }) {
            throw ModelError.unknownContainer(c)
        }
        if HandKill.isStopSignal(kill.signal) { throw ModelError.unsupportedHandSignal(kill.signal) }
    }

    func act(_ engine: Engine) {
        guard let pid = NodeKill.find(kill.target, engine) else {
            engine.record(.node, .injectNoTarget(target: kill.target.description), signal: kill.signal, rule: .injectNodeKill)
            return
        }
        engine.kernel.send(kill.signal, to: pid, origin: .node, actor: .node, rule: .injectNodeKill)
    }

    /// The process the target names now: the Nth of its name in its container (alive or not),
    /// else the oldest live one of that name; nil when there is none.
    static func find(_ target: ProcessTarget, _ engine: Engine) -> Int? {
        let kernel = engine.kernel!
        let container = target.container.flatMap { engine.runtime.index(of: $0) }
        if target.container != nil && container == nil { return nil }
        // The pause process of a shared PID namespace is not a target: its death would make the
        // kubelet recreate the whole pod sandbox, which podterm does not model.
        let sandbox = engine.runtime.sandbox?.container
        func matches(_ p: KernelProcess) -> Bool {
            p.name == target.program && (container == nil || p.container == container) && p.container != sandbox
        }
        if let n = target.occurrence {
            var seen = 0
            for (pid, p) in kernel.procs.enumerated() where matches(p) {
                seen += 1
                if seen == n { return pid }
            }
            return nil
        }
        return kernel.procs.indices.first { kernel.procs[$0].alive && matches(kernel.procs[$0]) }
    }
}
