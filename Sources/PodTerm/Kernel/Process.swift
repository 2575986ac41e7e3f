/// A signal disposition, as `sigaction(2)` sets it.
enum Disposition {
    case `default`, ignore, handler
}

/// One entry of the kernel's process table.
struct KernelProcess {
    /// Index of its PID namespace (one per container instance).
    let namespace: Int
    /// Index of its container.
    let container: Int
    /// Its PID inside the namespace.
    let nsPid: Int
    /// Its parent (global index); nil when the parent is outside the namespace (the runtime's shim).
    var parent: Int?
    /// Process group and session, as global indices of their leaders.
    var pgid: Int
    var sid: Int
    /// Running (not yet exited).
    var alive = true
    /// Exited and waiting for its parent to collect it.
    var zombie = false
    var status: WaitStatus?
    var ignored = SignalSet()
    var caught = SignalSet()
    var blocked = SignalSet()
    var subreaper = false
    /// Bumped on exit and exec, so stale timers do nothing.
    var generation = 0
    /// Children (alive or zombie) in the order they became its children.
    var children: [Int] = []
    var program: ProgramModel

    func disposition(_ s: Signal) -> Disposition {
        if caught.contains(s) { return .handler }
        if ignored.contains(s) { return .ignore }
        return .default
    }
}

/// One PID namespace: the processes of one container instance.
struct PIDNamespace {
    let container: Int
    let instance: Int
    var initProcess: Int?
    var members: [Int] = []
    var nextPid = 1
    var tornDown = false
}
