/// A signal disposition, as `sigaction(2)` sets it.
typealias Disposition = SignalDisposition

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
    /// Who sent the signal that killed it, when a signal did.
    var killedBy: SignalOrigin?
    var ignored = SignalSet()
    var caught = SignalSet()
    var blocked = SignalSet()
    var subreaper = false
    /// The fatal signal whose group exit started when it was sent (`kernel.dying-drops`):
    /// from then on every signal to it is dropped at send time.
    var dyingOf: Signal?
    /// The signals blocked because their handler is running (`kernel.handler-mask`): the
    /// caught signal itself, while a program that reacts inside its handler reacts.
    var handlerMask = SignalSet()
    /// The signals a program blocked with `sigprocmask` and does not take with sigwait
    /// (`app.sigprocmask`): one sent meanwhile stays pending until they are unblocked.
    var masked = SignalSet()
    /// Bumped on exit and exec, so stale timers do nothing.
    var generation = 0
    /// Children (alive or zombie) in the order they became its children.
    var children: [Int] = []
    /// The pipes (indices into `Kernel.pipes`) its stdout and stderr are: inherited across
    /// fork and exec; nil for anything the model does not watch (the runtime's log).
    var stdout: Int?
    var stderr: Int?
    /// The base name of what it runs now, and its argv (both change with exec).
    var name: String
    var argv: [String]
    /// The dispositions and mask its last `dispositionsChanged` event gave (the timeline's view).
    var announcedDispositions = SignalDispositions()
    var announcedBlocked = SignalSet()
    var program: ProgramModel
    /// The image of its container, which decides what `/bin/sh` is (inherited by its children).
    var image: ImageSpec? = nil

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
    /// The image its container was built from, as the scenario declares it.
    let image: ImageSpec?
    var initProcess: Int?
    var members: [Int] = []
    var nextPid = 1
    var tornDown = false
}

/// The write side of a pipe someone reads until end of file: a supervised program's stdout or
/// stderr, which supervisord watches. It reaches end of file when the last process holding it
/// (the program, and every child or orphan that inherited it) has exited.
struct OutputPipe {
    /// The process that reads it.
    let reader: Int
    /// How many live processes hold it.
    var holders = 0
}

/// What a new process's stdout and stderr are.
enum ChildOutput {
    /// Its parent's (fork keeps file descriptors).
    case inherit
    /// Fresh pipes, as supervisord gives each program (the same pipe twice with `redirect_stderr`).
    case pipes(stdout: Int, stderr: Int)
    /// Its parent's, except the streams it closes or redirects.
    case closing([StandardStream])
}
