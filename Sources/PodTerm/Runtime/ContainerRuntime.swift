/// The container runtime's part (containerd and its shim, as the kubelet drives it through CRI):
/// starts each container's command as PID 1 of a fresh PID namespace, stops a container with
/// its stop signal and a timeout, runs exec hooks inside it, and reports exit codes.
///
/// Rules: `kubelet.md`, "The container runtime".
final class ContainerRuntime: KernelReports {
    unowned let engine: Engine
    /// The front door above (the kubelet, or Docker on its own), told when a container exits.
    weak var exitReports: (any ContainerExitReports)?
    /// Who runs exec hooks (the kubelet), told when one ends.
    weak var hookReports: (any ExecHookReports)?

    /// One container as the runtime sees it.
    struct Container {
        let spec: ContainerSpec
        let argv: [String]
        let stopSignal: Signal
        let isSidecar: Bool
        /// The image it is built from, as the scenario declares it.
        let image: ImageSpec?
        var namespace: Int?
        /// The process its command runs as: PID 1 of its namespace, or with a shared PID
        /// namespace a process whose parent is the shim, outside the namespace.
        var main: Int?
        var instance = 0
        var running = false
        var oomKilled = false
        /// Exec'd hook processes waiting for an answer: pid → kubelet hook run id.
        var execs: [Int: Int] = [:]
    }

    var containers: [Container] = []

    /// The pod sandbox whose PID namespace the containers share (`shareProcessNamespace`):
    /// the `POD` entry of the timeline's containers, its namespace and its pause process.
    struct Sandbox {
        let container: Int
        var namespace: Int?
        var pause: Int?
    }

    /// Set when the containers share the sandbox's PID namespace; nil otherwise.
    private(set) var sandbox: Sandbox?

    init(engine: Engine) throws {
        self.engine = engine
        let s = engine.scenario
        let version = s.kubernetesVersion
        for (spec, sidecar) in s.pod.sidecars.map({ ($0, true) }) + s.pod.containers.map({ ($0, false) }) {
            let image = s.images[spec.image]
            let argv = spec.argv(image: image)
            guard !argv.isEmpty else { throw ModelError.noCommand(container: spec.name) }
            let signal: Signal
            if let own = spec.stopSignal, version >= KubernetesVersion(1, 33) {
                signal = own
            } else {
                signal = image?.stopSignal ?? .term
            }
            // The image that decides what `/bin/sh` is inside it, looked up by name as the pod lists it.
            let declared = (s.pod.initContainers + s.pod.containers).first { $0.name == spec.name }
            let shellImage = declared.flatMap { s.images[$0.image] }
            containers.append(Container(spec: spec, argv: argv, stopSignal: signal, isSidecar: sidecar, image: shellImage))
            engine.recorder.declareContainer(name: spec.name, isSidecar: sidecar, stopSignal: signal, argv: argv)
        }
        if s.pod.shareProcessNamespace && s.frontDoor != .docker {
            sandbox = Sandbox(container: containers.count)
            engine.recorder.declareSandbox(argv: ContainerRuntime.pauseArgv)
        }
    }

    var kernel: Kernel { engine.kernel }

    /// Starts every container at t=0 (sidecars first, as the kubelet starts them).
    /// Starts the containers at t=0. Since 1.29 sidecars start one after another, each once
    /// the one before it has started (its startupProbe passed: the program's `readyAfter`), and
    /// the regular containers only after the last sidecar; before, all start together.
    func startAll() {
        startSandbox()
        let ordered = engine.scenario.kubernetesVersion >= KubernetesVersion(1, 29) && containers.contains(where: \.isSidecar)
        guard ordered else {
            for i in containers.indices { start(i) }
            return
        }
        start(0)
        scheduleNextStart(after: 0)
    }

    /// After container `c` started: when it is a sidecar, the next container starts once it is ready.
    func scheduleNextStart(after c: Int) {
        guard containers[c].isSidecar, c + 1 < containers.count else { return }
        let wait = readyAfter(c)
        if containers[c + 1].isSidecar {
            engine.record(.kubelet, .sidecarStarted(nextIn: wait), container: c, rule: .kubeletSidecarStartOrder)
            engine.schedule(.startContainer(container: c + 1), after: wait)
        } else {
            engine.record(.kubelet, .sidecarStarted(nextIn: wait), container: c, rule: .kubeletSidecarStartOrder)
            // The regular containers start together, after the last sidecar.
            for r in (c + 1)..<containers.count { engine.schedule(.startContainer(container: r), after: wait) }
        }
    }

    /// The start-up time of container `c`, just after it started: the longest `readyAfter` of
    /// the programs then running in it (PID 1, or what an init or a shell started or exec'd).
    func readyAfter(_ c: Int) -> Millis {
        guard containers[c].running, let ns = containers[c].namespace else { return 0 }
        var longest: Millis = 0
        for pid in kernel.namespaces[ns].members where kernel.procs[pid].alive && kernel.procs[pid].container == c {
            longest = max(longest, kernel.procs[pid].program.readyAfter)
        }
        return longest
    }

    func start(_ c: Int) {
        let ns: Int
        if let shared = sandbox?.namespace {
            ns = shared
        } else {
            ns = kernel.newNamespace(container: c, instance: containers[c].instance, image: containers[c].image)
        }
        containers[c].namespace = ns
        containers[c].running = true
        containers[c].oomKilled = false
        containers[c].main = kernel.procs.count
        kernel.spawn(containers[c].argv, in: ns, parent: nil, container: c, image: containers[c].image, actor: .runtime,
                     rule: sandbox == nil ? .runtimeStart : .kubeletSandboxStop)
    }

    /// The process a running container's command runs as: its PID 1, or with a shared PID
    /// namespace its main process (not PID 1: the pause process is).
    func initProcess(_ c: Int) -> Int? {
        guard containers[c].running else { return nil }
        return containers[c].main
    }

    // MARK: the pod sandbox (shareProcessNamespace)

    /// What the pause container runs.
    static let pauseArgv = ["/pause"]

    /// RunPodSandbox with a shared PID namespace: the pause process starts first, as PID 1 of
    /// the namespace every container will run in.
    private func startSandbox() {
        guard let sb = sandbox else { return }
        let ns = kernel.newNamespace(container: sb.container, instance: 0, image: nil)
        sandbox!.namespace = ns
        sandbox!.pause = kernel.spawn(ContainerRuntime.pauseArgv, in: ns, parent: nil, actor: .runtime, rule: .kubeletSandboxStop)
    }

    /// StopPodSandbox (`kubelet.sandbox-stop`): containerd SIGKILLs the pause container. With a
    /// shared PID namespace the pause process is its PID 1, so the kernel then kills whatever
    /// is left in it (orphans, processes of containers that have exited). Nothing to do for a
    /// pod whose containers each have their own namespace: only the event shows it.
    func stopSandbox() {
        guard let pause = sandbox?.pause, kernel.procs[pause].alive else { return }
        kernel.forceKill(pause, origin: .runtime, actor: .runtime, rule: .kubeletSandboxStop)
    }

    /// With a shared PID namespace: the main process of container `c` has exited and the shim
    /// collected it. The shim SIGKILLs every other process of the container's cgroup, then
    /// reports the exit (`containerd.kill-all-on-exit`).
    private func sharedMainExited(_ c: Int, _ pid: Int, status: WaitStatus) {
        let ns = containers[c].namespace!
        let victims = kernel.namespaces[ns].members.filter { $0 != pid && kernel.procs[$0].alive && kernel.procs[$0].container == c }
        for v in victims where kernel.procs[v].alive {
            kernel.forceKill(v, origin: .runtime, actor: .runtime, rule: .containerdKillAllOnExit)
        }
        containerExited(c, ns: ns, status: status, main: pid)
    }

    // MARK: StopContainer

    /// CRI `StopContainer(timeout)`: the stop signal to PID 1, then SIGKILL after `timeout`
    /// seconds; `timeout == 0` is SIGKILL at once.
    func stop(_ c: Int, timeout: Int) {
        guard let pid = initProcess(c) else { return }
        if timeout > 0 {
            kernel.send(containers[c].stopSignal, to: pid, origin: .runtime, actor: .runtime)
            engine.scheduleDeadline(.stopTimeout(container: c, instance: containers[c].instance), after: GraceSeconds(timeout).millis)
        } else {
            sigkill(c)
        }
    }

    /// The stop timeout ran out. A deadline: it acts after everything else of its millisecond
    /// (`tie.exit-before-deadline`), so a container whose PID 1 exited at that very instant is
    /// already stopped, and gets no SIGKILL (containerd's `waitContainerStop` returned).
    func stopTimeout(container c: Int, instance: Int) {
        guard containers[c].instance == instance, containers[c].running else { return }
        sigkill(c)
    }

    func sigkill(_ c: Int) {
        guard let pid = initProcess(c) else { return }
        kernel.send(.kill, to: pid, origin: .runtime, actor: .runtime)
    }

    // MARK: exec hooks

    /// Runs `argv` inside the container (runc exec); the kubelet hears back through `execProcessExited`.
    /// Returns false when the container is not running.
    func exec(_ c: Int, argv: [String], hookRun: Int) -> Bool {
        guard containers[c].running, let ns = containers[c].namespace else { return false }
        // Registered before the spawn: a program that ends at once answers during it.
        containers[c].execs[kernel.procs.count] = hookRun
        kernel.spawn(argv, in: ns, parent: nil, setsid: true, container: c, image: containers[c].image, actor: .runtime, rule: .kubeletPreStopHandlers)
        return true
    }

    func execProcessExited(_ pid: Int, status: WaitStatus) {
        let c = kernel.procs[pid].container
        if sandbox != nil, c < containers.count, containers[c].running, containers[c].main == pid {
            sharedMainExited(c, pid, status: status)
            return
        }
        if let run = containers[c].execs.removeValue(forKey: pid) {
            hookReports?.execHookExited(container: c, run: run, status: status)
        }
    }

    // MARK: container exit

    /// PID 1 of the namespace was collected: the container has exited.
    func namespaceInitExited(namespace ns: Int, status: WaitStatus, killedBy: SignalOrigin?) {
        let c = kernel.namespaces[ns].container
        // The pause process: the sandbox has stopped (its event is the kubelet's).
        guard c < containers.count else { return }
        guard containers[c].namespace == ns, containers[c].running else { return }
        containerExited(c, ns: ns, status: status, main: kernel.namespaces[ns].initProcess)
    }

    /// Container `c` has exited with its main process's `status`.
    private func containerExited(_ c: Int, ns: Int, status: WaitStatus, main: Int?) {
        containers[c].running = false
        containers[c].instance += 1
        let code = status.exitCode
        let reason: ContainerReason = containers[c].oomKilled ? .oomKilled : (code == 0 ? .completed : .error)
        engine.record(.runtime, .containerExited(code: code, reason: reason), container: c, process: main, rule: .runtimeExitCode)
        // The exit first, then the pending exec hooks that died with the container: the kubelet,
        // still in killContainer for it, then finds it stopped (its status known), and a
        // StopContainer for it sends nothing (`kernel.oom-group-atomic`).
        let pending = containers[c].execs.sorted(by: { $0.key < $1.key })
        containers[c].execs = [:]
        exitReports?.containerExited(c, code: code, reason: reason)
        for (pid, run) in pending {
            hookReports?.execHookExited(container: c, run: run, status: kernel.procs[pid].status ?? .signaled(.kill))
        }
    }

    /// The OOM killer acts in running container `c` (`OOMKill`): its exit reason will be
    /// OOMKilled whatever dies of it. Returns the container's namespace; nil when it is not running.
    func markOOMKilled(_ c: Int) -> Int? {
        guard containers[c].running, let ns = containers[c].namespace else { return nil }
        containers[c].oomKilled = true
        return ns
    }

    /// The route answering `path` in container `c`: the first live process (by PID) that declares it.
    func route(in c: Int, path: String) -> HTTPRoute? {
        guard containers[c].running, let ns = containers[c].namespace else { return nil }
        for pid in kernel.namespaces[ns].members where kernel.procs[pid].alive && kernel.procs[pid].container == c {
            if let r = kernel.procs[pid].program.httpRoute(path) { return r }
        }
        return nil
    }

    /// Index of the container with this name.
    func index(of name: String) -> Int? { containers.firstIndex { $0.spec.name == name } }
}

/// A scenario the engine cannot run, found while building the world.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// A container with neither a command nor an image entrypoint/cmd.
    case noCommand(container: String)
    /// A stop action names a container that does not exist.
    case unknownContainer(String)
    /// A stop action that does not belong to the scenario's front door.
    case wrongFrontDoor(action: String, frontDoor: FrontDoor)
    /// A workload whose parameters the model cannot run (the file format refuses them first).
    case invalidWorkload(name: String, problem: String)
    /// An event budget outside `EventBudget.range`.
    case eventBudgetOutOfRange(Int)
    /// A signal sent by hand whose default action is to stop the process: not modelled.
    case unsupportedHandSignal(Signal)

    public var description: String {
        switch self {
        case .noCommand(let c): return "container \(c) has no command: give it `command`, or an image with an entrypoint or cmd under `images:`"
        case .unknownContainer(let c): return "no container named \(c)"
        case .wrongFrontDoor(let a, let f): return "\(a) action cannot stop a scenario whose frontDoor is \(f.rawValue)"
        case .invalidWorkload(let n, let p): return "workload \(n): \(p)"
        case .unsupportedHandSignal(let s): return "\(s) cannot be sent by hand: podterm does not model stopped processes (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU)"
        case .eventBudgetOutOfRange(let n): return "an event budget must be between \(EventBudget.range.lowerBound) and \(EventBudget.range.upperBound), got \(n)"
        }
    }
}
