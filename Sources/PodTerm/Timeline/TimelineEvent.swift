/// One thing that happened at one virtual millisecond, with the rule it follows.
///
/// A small value: indices for containers and processes, no text. Renderers make the words
/// (`TimelineText`, `TimelineJSON`), so a sweep that runs many simulations pays no string cost.
public struct TimelineEvent: Sendable, Equatable {
    /// When, in ms since the scenario started.
    public var time: Millis
    /// Who acted: the API server, the kubelet, the runtime, the kernel, a process…
    public var actor: Actor
    /// What happened.
    public var kind: EventKind
    /// The container it concerns (index into `Timeline.containers`), if any.
    public var container: Int?
    /// The process it concerns (index into `Timeline.processes`), if any.
    public var process: Int?
    /// The signal involved, if any.
    public var signal: Signal?
    /// The rule of the real system that this event follows.
    public var rule: Rule

    /// Creates an event.
    public init(time: Millis, actor: Actor, kind: EventKind, container: Int? = nil, process: Int? = nil, signal: Signal? = nil, rule: Rule) {
        self.time = time
        self.actor = actor
        self.kind = kind
        self.container = container
        self.process = process
        self.signal = signal
        self.rule = rule
    }
}

/// Who did something on the timeline.
public enum Actor: Sendable, Equatable, Hashable {
    /// The scenario itself (start, horizon).
    case scenario
    /// `kubectl` or another API client.
    case kubectl
    /// The API server.
    case api
    /// The EndpointSlice controller.
    case endpoints
    /// A consumer of endpoints, by index into `Timeline.consumers`.
    case consumer(Int)
    /// The kubelet.
    case kubelet
    /// The container runtime (containerd and its shim).
    case runtime
    /// The Linux kernel.
    case kernel
    /// A process, by index into `Timeline.processes`.
    case process(Int)
    /// The scheduler (preemption).
    case scheduler
    /// The Docker CLI and daemon.
    case docker
    /// Someone on the node, sending a signal by hand (`kill:`, `--inject`).
    case node
}

/// Who sent a signal.
public enum SignalOrigin: Sendable, Equatable, Hashable {
    /// The container runtime, from outside the container's PID namespace.
    case runtime
    /// The kernel tearing down a PID namespace whose PID 1 died.
    case namespaceTeardown
    /// The kernel's OOM killer.
    case oomKiller
    /// A process (index into `Timeline.processes`), from inside the namespace.
    case process(Int)
    /// Someone on the node, by hand (`kill:`, `--inject`): from the host's PID namespace, an
    /// ancestor of the container's.
    case node
    /// The kernel's timer of that process (`alarm`, `setitimer`, `timer_settime`): the
    /// signal comes from the timer interrupt, not from the process (`kernel.timer-signal`).
    case timer(Int)

    /// Whether the sender stands outside the target's PID namespace (or is the kernel), which
    /// lets SIGKILL reach PID 1.
    public var isOutsideOrKernel: Bool {
        if case .process = self { return false }
        return true
    }
}

/// Why a signal did nothing.
public enum DiscardReason: String, Sendable, Equatable {
    /// PID 1 of a namespace with the default disposition.
    case pid1Default = "pid1-default"
    /// Disposition set to ignore.
    case ignored = "ignored"
    /// The default action of this signal is to ignore it.
    case defaultIgnore = "default-ignore"
    /// The target had already exited.
    case deadTarget = "dead-target"
    /// The same signal was already pending for it (standard signals are not queued twice).
    case alreadyPending = "already-pending"
    /// Its group exit had already started (a SIGKILL, or a default-fatal signal, was queued for
    /// it): the kernel drops every later signal at send time.
    case dying = "dying"
    /// It was queued (it passed the send-time checks, or was blocked), and the disposition in
    /// force when it was dequeued was ignore.
    case ignoredAtDequeue = "ignored-at-dequeue"
    /// It was queued because it was blocked, and when PID 1 unblocked it the disposition was
    /// still the default: dropped at dequeue (`kernel.pid1-blocked-dropped`).
    case pid1DroppedAtUnblock = "pid1-dropped-at-unblock"
}

/// How a process ended.
public enum WaitStatus: Sendable, Equatable, Hashable {
    /// It called `exit(code)`.
    case exited(Int)
    /// It was killed by a signal.
    case signaled(Signal)

    /// The exit code shells and runtimes report: the code, or 128+N.
    public var exitCode: Int {
        switch self {
        case .exited(let c): return c
        case .signaled(let s): return s.exitCode
        }
    }
}

/// What happened, with the few numbers needed to describe it.
public enum EventKind: Sendable, Equatable {
    /// A process started (`process` is it) running `argv`; parent is nil when the runtime
    /// started it; `newSession`: it leads a new session and process group (setsid), else it is
    /// in its parent's (a process started from outside always leads its own).
    case processStarted(parent: Int?, argv: [String], newSession: Bool)
    /// `kubectl delete pod`, with the grace period the API will use (nil: force, removed at once).
    case deleteRequested(DeleteOptions, grace: Int)
    /// The API server set deletionTimestamp: the pod is Terminating.
    case podTerminating(grace: Int)
    /// The API object is gone (force delete, or the kubelet's final delete).
    case podObjectRemoved
    /// The kubelet starts stopping the pod with this effective grace.
    case killPod(grace: Int)
    /// The EndpointSlice marks the pod ready=false, terminating=true.
    case endpointNotReady
    /// A consumer of endpoints stops routing to the pod.
    case consumerStopped
    /// The pod's Ready condition changed while the pod stays in the EndpointSlice (a container
    /// exited, or came back running and ready): its endpoint's conditions are now these
    /// (`kubelet.ready-when-running`; `podToEndpoint`: serving = Ready, ready = serving and not
    /// terminating).
    case endpointChanged(ready: Bool, serving: Bool, terminating: Bool)
    /// A consumer of endpoints routes to the pod again: it applied an EndpointSlice change that
    /// made the pod's endpoint ready once more.
    case consumerResumed
    /// The kubelet starts the preStop hook of `container`, which has `grace` seconds (the grace
    /// left for the container) before the kubelet stops waiting for it.
    case preStopStarted(LifecycleHandler, grace: Int)
    /// The hook finished: succeeded or failed, after how long; `graceLeft`: the whole seconds of
    /// the container's grace it leaves (its elapsed whole seconds subtracted).
    case preStopFinished(succeeded: Bool, elapsed: Millis, detail: Int, graceLeft: Int)
    /// The grace period ran out before the hook finished; the hook is abandoned.
    case preStopAbandoned(elapsed: Millis)
    /// A sidecar waits for the containers that must stop before it, at most `graceLeft` seconds.
    case sidecarWaits(graceLeft: Int)
    /// The kubelet asks the runtime to stop the container with this timeout (seconds): the
    /// container's `graceLeft` seconds, raised to the 2 s floor (`floored`) or, up to 1.27, the
    /// pod's grace.
    case stopContainer(timeout: Int, floored: Bool, graceLeft: Int)
    /// A signal was sent to `process` (the actor sent it).
    case signalSent(origin: SignalOrigin)
    /// The kernel discarded the signal.
    case signalDiscarded(DiscardReason)
    /// The process's handler runs.
    case signalCaught(cleanup: Millis)
    /// The process's handler runs again while it is already shutting down: nothing new happens.
    case signalCaughtAgain
    /// The process was killed by the signal.
    case killedBySignal(origin: SignalOrigin)
    /// The process exited with a code.
    case exited(code: Int)
    /// The process is a zombie until its parent waits.
    case becameZombie(parent: Int)
    /// The process's status was collected (`process`), by a parent (nil: the runtime or the kernel).
    case reaped(by: Int?)
    /// The process was re-parented to `newParent`.
    case reparented(newParent: Int)
    /// PID 1 of the container died: the kernel kills the rest of the namespace.
    case namespaceTeardown(victims: Int)
    /// The OOM killer kills the container's cgroup.
    case oomKill
    /// The container ended: exit code and reason.
    case containerExited(code: Int, reason: ContainerReason)
    /// The kubelet restarts the container.
    case containerRestarted(restartCount: Int)
    /// A process could not start: its program is unknown (exit 127).
    case execFailed
    /// The pod reached a terminal phase and is gone; `reason`: the status reason of a stop the
    /// kubelet started itself (`Evicted`, `Terminated`).
    case podGone(phase: PodPhase, reason: String?)
    /// The run reached its horizon with work still pending.
    case horizonReached(pending: Int)
    /// A later delete asked for a grace that is not shorter: nothing changes.
    case deleteIgnored(grace: Int, current: Int)
    /// A later delete brought the deletion deadline forward.
    case deadlineShortened(grace: Int)
    /// The pod is evicted, with this grace override.
    case evicted(Eviction, grace: Int)
    /// The pod gets the `DisruptionTarget` condition (`api.disruption-target`): who is about
    /// to stop it; the actor (api, scheduler, kubelet) sets it before the delete or the kill.
    case disruptionTarget(DisruptionReason)
    /// The Eviction API refused an eviction with 429 TooManyRequests: the PodDisruptionBudget
    /// allows no disruption (`eviction.pdb`); `retryIn`: when kubectl drain tries again (nil:
    /// it gives up then, at its timeout).
    case evictionRefused(retryIn: Millis?)
    /// kubectl drain gave up: its `--timeout` (`timeout`) ran out before an eviction passed.
    case drainGaveUp(timeout: Millis)
    /// The pod is not scheduled: Pending, on no node, no container starts (`spec.nodeName` empty).
    case podPending
    /// The node shuts down; the pod gets this grace.
    case nodeShuttingDown(grace: Int, critical: Bool)
    /// The kubelet records a shorter grace while it is already stopping the pod.
    case graceShortened(grace: Int)
    /// A probe failed: the kubelet kills the container with this grace, to restart it.
    case probeFailed(ProbeKind, grace: Int)
    /// The pod's phase turned Failed: the EndpointSlice drops it.
    case endpointRemoved
    /// A Docker command.
    case dockerCommand(DockerCommand, timeout: Int?)
    /// A signal sent by hand (`signal`) found no process matching `target` (written as in the
    /// file): nothing was sent.
    case injectNoTarget(target: String)
    /// Docker reports the container exited.
    case dockerExited(code: Int, oomKilled: Bool)
    /// The process replaced its program with `execve`: same PID, parent and children;
    /// `replacing` is the argv it ran before, `argv` the one it runs now.
    case execed(replacing: [String], argv: [String])
    /// A shell runs a trap's action: the trap of `signal`, or its EXIT trap (`exitTrap`; with a
    /// `signal`, bash runs it because that signal arrived and will re-raise the signal after).
    case trapRuns(exitTrap: Bool)
    /// A trapped `signal` reached a shell waiting for a foreground command: the trap runs only
    /// when that command has finished.
    case trapDeferred
    /// The shell's `wait` builtin returned at once with `status` (> 128): `signal` is trapped.
    case waitInterrupted(status: Int)
    /// An init (tini, dumb-init) took the blocked `signal` from its pending set with `sigwait`.
    case signalTaken
    /// A handler only recorded `signal`; the program's main loop acts on it at `actsAt`
    /// (nil: what the program does next is not modelled).
    case signalNoted(actsAt: Millis?)
    /// dumb-init translated `signal` into `to` before forwarding it (nil: swallowed, `s:0`).
    case signalRewritten(to: Signal?)
    /// A shell could not run its script: a syntax error, or something podterm's shell does not
    /// model (`unsupported`: syntax it lacks, or an endless loop at one instant). The message
    /// says what the shell does next (exits 2, or stays busy).
    case scriptError(message: String, unsupported: Bool)
    /// A server's listener closed: requests that arrive from now on are refused; `inFlight`
    /// accepted requests are still running.
    case listenerClosed(inFlight: Int)
    /// A server's process is gone: `cut` requests in flight failed; requests still sent to it
    /// are refused. `wasListening`: its listener was still open.
    case requestsCut(cut: Int, wasListening: Bool)
    /// A Kafka consumer stopped polling, bulk-wrote its `flushed` buffered messages, committed
    /// and left its group: the partitions are reassigned at once.
    case kafkaClosed(flushed: Int)
    /// A Kafka consumer died with `buffered` messages not yet written: lost (offsets already
    /// committed) or redelivered; the group reassigns its partitions after `sessionTimeout`.
    case kafkaDied(buffered: Int, lost: Bool, sessionTimeout: Millis)
    /// The PID 1 of the container relaying this process's outbound calls (`via`, a process) is
    /// gone: its calls fail from now on.
    case outboundBroken(via: Int)
    /// supervisord answers `supervisorctl stop NAME`: the program's stop signal goes out now.
    case supervisorctlStop(program: String)
    /// supervisord logs how one of its programs ended (`stopped:` after a stop, `exited:` otherwise).
    case supervisedEnded(program: String, status: WaitStatus, stopped: Bool)
    /// A sidecar has started; the next container starts once it is ready, `nextIn` from now.
    case sidecarStarted(nextIn: Millis)
    /// Every regular container has finished and none restarts: the kubelet stops the pod.
    case regularContainersDone
    /// Every container has stopped: the kubelet stopped the pod sandbox (`StopPodSandbox`: the
    /// pause container and the pod's network namespace; with `shareProcessNamespace`, the
    /// pod's one PID namespace, whose PID 1 `process` is the pause process).
    case sandboxStopped
    /// `docker rm -f`: the daemon removed the stopped container.
    case dockerRemoved
    /// A posted `signal` reached the process's handler, or its `sigwait` (it was blocked).
    /// Bookkeeping: the text view hides it (the program's own event says what it does).
    case signalDelivered
    /// The process's signal dispositions or blocked mask changed (`sigaction`, `sigprocmask`,
    /// `exec` resetting handlers, or inherited ignores at its start): they are now these.
    /// Bookkeeping: the text view hides it.
    case dispositionsChanged(SignalDispositions, blocked: SignalSet)
    /// The process blocks (`block`) or unblocks `signals` with `sigprocmask` (`app.sigprocmask`);
    /// at an unblock, `pending` are those of them that were pending and are acted on now.
    case sigprocmask(block: Bool, signals: SignalSet, pending: SignalSet)
    /// Workload number `workload`'s figures, or the law they grow by, changed: they are now
    /// `values` (in the order of its meters' names) and grow by `growth` until its next
    /// `meters`. Bookkeeping: the text view hides it; the summary's `damage:` line shows the
    /// last ones.
    case meters(workload: Int, values: [FigureValue], growth: MeterGrowth)
}

extension EventKind {
    /// Whether the event only keeps the timeline's state complete (a signal reaching a handler,
    /// dispositions, meters) and says nothing a reader of the text needs: the text view hides
    /// it unless asked (`TimelineText(bookkeeping: true)`); the JSON has every event.
    public var isBookkeeping: Bool {
        switch self {
        case .signalDelivered, .dispositionsChanged, .meters: return true
        default: return false
        }
    }
}

/// The reason Kubernetes reports for a terminated container.
public enum ContainerReason: String, Sendable, Equatable, Codable {
    case completed = "Completed", error = "Error", oomKilled = "OOMKilled"
}

/// A pod's terminal phase.
public enum PodPhase: String, Sendable, Equatable, Codable {
    case succeeded = "Succeeded", failed = "Failed"
}
