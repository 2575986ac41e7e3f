/// A rule of the real systems that an event follows: a stable id, one sentence of why, and its source.
///
/// Every timeline event names one. The ids are the ones of `shared/reference/` (kubelet.md,
/// linux-init.md) so that a reader can look each one up; `podterm run --explain` prints the
/// reason and source under every event. Ids are stable: scripts and expectations may match on them.
public enum Rule: String, CaseIterable, Sendable, Codable {
    // Scenario and API server
    case scenarioStart = "scenario.start"
    case apiDeleteGrace = "api.delete-grace"
    case apiShortenOnly = "api.shorten-only"
    case kubectlGraceFlags = "kubectl.grace-flags"
    case apiForceDelete = "api.force-delete"
    case apiNotRunningDelete = "api.not-running-delete"
    case apiDisruptionTarget = "api.disruption-target"
    case evictionPDB = "eviction.pdb"
    // Kubelet
    case kubeletEffectiveGrace = "kubelet.effective-grace"
    case kubeletForceDeleteFullGrace = "kubelet.force-delete-full-grace"
    case kubeletEffectiveGraceMaster2026 = "kubelet.effective-grace-master-2026"
    case kubeletParallel = "kubelet.parallel"
    case kubeletPreStopBudget = "kubelet.prestop-budget"
    case kubeletPreStopBudgetLegacy = "kubelet.prestop-budget-legacy"
    case kubeletMin2s = "kubelet.min-2s"
    case kubeletPreStopFails = "kubelet.prestop-fails"
    case kubeletPreStopOverrun = "kubelet.prestop-overrun"
    case kubeletPreStopHandlers = "kubelet.prestop-handlers"
    case kubeletSidecarOrder = "kubelet.sidecar-order"
    case kubeletSidecarStartOrder = "kubelet.sidecar-start-order"
    case kubeletPodComplete = "kubelet.pod-complete"
    case kubeletPodGone = "kubelet.pod-gone"
    case kubeletRestart = "kubelet.restart-backoff"
    case kubeletSandboxStop = "kubelet.sandbox-stop"
    // Endpoints
    case endpointsTerminating = "endpoints.terminating"
    case endpointsConsumerDelay = "endpoints.consumer-delay"
    // Runtime
    case containerdStop = "containerd.stop"
    case containerdStopSignal = "containerd.stop-signal"
    case runtimeExitCode = "runtime.exit-code"
    case runtimeSignalInitOnly = "runtime.signal-init-only"
    case runtimeStart = "runtime.start"
    case containerdKillAllOnExit = "containerd.kill-all-on-exit"
    // Kernel
    case kernelPid1Unkillable = "kernel.pid1-unkillable"
    case kernelPid1IgnoresDefault = "kernel.pid1-ignores-default"
    case kernelIgnored = "kernel.ignored"
    case kernelDefaultFatal = "kernel.default-fatal"
    case kernelUncatchable = "kernel.uncatchable"
    case kernelCaught = "kernel.caught"
    case kernelNamespaceZap = "kernel.namespace-zap"
    case kernelReparent = "kernel.reparent"
    case kernelZombie = "kernel.zombie"
    case kernelReap = "kernel.reap"
    case kernelOOMKill = "kernel.oom-kill"
    case kernelFork = "kernel.fork"
    case kernelExit = "kernel.exit"
    case kernelKill = "kernel.kill"
    case kernelDeadTarget = "kernel.dead-target"
    case kernelSignalCoalesce = "kernel.signal-coalesce"
    case kernelDyingDrops = "kernel.dying-drops"
    case kernelHandlerMask = "kernel.handler-mask"
    case kernelPid1BlockedDropped = "kernel.pid1-blocked-dropped"
    case kernelCausalOrder = "kernel.causal-order"
    case kernelTimerSignal = "kernel.timer-signal"
    // Other stoppers
    case evictionAPI = "eviction.api"
    case preemption = "preemption"
    case evictionSoft = "eviction.soft"
    case evictionHard = "eviction.hard"
    case nodeShutdown = "node.shutdown"
    case kubeletShorterGraceMidKill = "kubelet.shorter-grace-mid-kill"
    case kubeletProbeGrace = "kubelet.probe-grace"
    case endpointsTerminalPhase = "endpoints.terminal-phase"
    case containerdOOMReasonSticks = "containerd.oom-reason-sticks"
    case dockerStop = "docker.stop"
    case dockerKill = "docker.kill"
    case dockerRemoveForce = "docker.rm-force"
    case criStopTimeout0 = "cri.stop-timeout-0"
    case dockerExited = "docker.exited"
    case dockerRemoveDestroys = "docker.rm-destroys"
    case injectNodeKill = "inject.node-kill"
    // Programs
    case appHandler = "app.handler"
    case appExit = "app.exit"
    case appReraise = "app.reraise"
    case processSleep = "coreutils.sleep"
    case appSigprocmask = "app.sigprocmask"
    case appForwardWait = "app.forward-wait"
    case appSendSignal = "app.send-signal"
    // Shells (linux-init.md, "Shells")
    case shDashNoExec = "sh.dash-no-exec"
    case shBusyboxExecLast = "sh.busybox-exec-last"
    case shBashExecRules = "sh.bash-exec-rules"
    case shDefaultTerm = "sh.default-term"
    case shReapsWhileWaiting = "sh.reaps-while-waiting"
    case bashExitTrapPid1 = "bash.exit-trap-pid1"
    case bashWaitReturnsOnTrap = "bash.wait-returns-on-trap"
    case shExec = "sh.exec"
    case shTrapDeferred = "sh.trap-deferred"
    case shAsyncIgnoresInt = "sh.async-ignores-int"
    case shScriptError = "sh.script-error"
    // Init programs (linux-init.md, "Init programs")
    case tiniForward = "tini.forward"
    case tiniExitOnChild = "tini.exit-on-child"
    case tiniStatus = "tini.status"
    case dumbinitForward = "dumbinit.forward"
    case dumbinitExitOnChild = "dumbinit.exit-on-child"
    case supervisordStop = "supervisord.stop"
    case supervisordWakeup = "supervisord.wakeup"
    // Application runtimes (linux-init.md, "Application runtimes")
    case appPython = "app.python"
    case appJvm = "app.jvm"
    case appNode = "app.node"
    case appGo = "app.go"
    case appNginx = "app.nginx"
    case pauseInit = "pause.init"
    // Workloads
    case workloadListenerClosed = "workload.listener-closed"
    case workloadRequestsCut = "workload.requests-cut"
    case kafkaLeaveGroup = "kafka.leave-group"
    case kafkaSessionTimeout = "kafka.session-timeout"
    case workloadOutboundViaProxy = "workload.outbound-via-proxy"
    // Ties: two things in one millisecond (issue 16)
    case tieExitBeforeDeadline = "tie.exit-before-deadline"
    case tieStopActionAfterProcesses = "tie.stop-action-after-processes"
    case tieKillRequestsMerge = "tie.kill-requests-merge"
    case kernelSigkillPreempts = "kernel.sigkill-preempts"
    case kafkaFlushAtDeath = "kafka.flush-at-death"
    // The state the timeline carries (issue 9)
    case kernelSigaction = "kernel.sigaction"
    case kernelSigwait = "kernel.sigwait"
    case workloadMeters = "workload.meters"
    // Fidelity, round two (issue 13)
    case kubeletReadyWhenRunning = "kubelet.ready-when-running"
    case kernelOOMGroupAtomic = "kernel.oom-group-atomic"
    // Several pods in one scenario (issue 13, item 6): the coordinator's decisions
    case nodeShutdownGroups = "node.shutdown-groups"
    case deploymentRollingUpdate = "deployment.rolling-update"
    case clusterReadyAfter = "cluster.ready-after"
    case serviceRoundRobin = "service.round-robin"
    case serviceNoEndpoint = "service.no-endpoint"

    /// The stable id, e.g. `kernel.pid1-ignores-default`.
    public var id: String { rawValue }

    /// One sentence of why the real system behaves so.
    public var reason: String { Rule.table[self]!.reason }

    /// Where the rule comes from: a source file and function, documentation, or an experiment.
    public var source: String { Rule.table[self]!.source }

    private static let table: [Rule: (reason: String, source: String)] = [
        .scenarioStart: ("The scenario starts with every container running its declared process tree.", "podterm scenario model"),
        .apiDeleteGrace: ("A delete sets deletionTimestamp = now + grace; grace is the delete's gracePeriodSeconds, else spec.terminationGracePeriodSeconds (default 30).", "kubernetes pkg/registry/core/pod/strategy.go CheckGracefulDelete; apiserver registry/rest/delete.go BeforeDelete"),
        .apiShortenOnly: ("A second delete may only shorten the grace period; a longer one changes nothing.", "kubernetes apiserver registry/rest/delete.go BeforeDelete"),
        .kubectlGraceFlags: ("kubectl delete: no flag uses the pod's grace; --now means 1; --grace-period=0 without --force means 1; --force with 0 removes the object at once.", "kubernetes staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go Complete"),
        .apiForceDelete: ("A delete with grace 0 removes the pod object from the API at once; the kubelet still has to stop the containers.", "kubernetes apiserver registry/rest/delete.go BeforeDelete; docs: force deletion"),
        .apiNotRunningDelete: ("Deleting a pod that is on no node (Pending) or already Succeeded/Failed forces grace 0: the object is removed at once, no kubelet takes part and nothing is signalled.", "kubernetes pkg/registry/core/pod/strategy.go CheckGracefulDelete (len(spec.nodeName) == 0, phase Failed/Succeeded: period = 0)"),
        .apiDisruptionTarget: ("A pod stopped by a disruption first gets the DisruptionTarget condition with who stops it: EvictionByEvictionAPI (Eviction API, drain), PreemptionByScheduler (preemption), TerminationByKubelet (node-pressure eviction, graceful node shutdown); since 1.26.", "kubernetes pkg/registry/core/pod/storage/eviction.go addConditionAndDeletePod; pkg/scheduler/framework/preemption prepareCandidate; pkg/kubelet/eviction/eviction_manager.go evictPod; pkg/kubelet/nodeshutdown; KEP-3329 (PodDisruptionConditions beta 1.26, GA 1.31)"),
        .evictionPDB: ("An eviction of a running pod that would break its PodDisruptionBudget is refused with 429 TooManyRequests and nothing happens to the pod; kubectl drain retries every 5 s and gives up at the first retry after its --timeout. A Pending, terminal or already deleted pod skips the budget.", "kubernetes pkg/registry/core/pod/storage/eviction.go Create, canIgnorePDB; staging/src/k8s.io/kubectl/pkg/drain/drain.go evictPods (IsTooManyRequests: sleep 5s; ctx.Done: global timeout reached)"),
        .kubeletEffectiveGraceMaster2026: ("In Kubernetes master (2026, no release yet) the pod worker remembers that a grace was given: an explicit 0 stays 0 and the floor raises it to 1, so the runtime gets the 2 s minimum instead of the pod's full grace (an opt-in profile).", "kubernetes master pkg/kubelet/pod_workers.go calculateEffectiveGracePeriod (overridden flag)"),
        .kubeletEffectiveGrace: ("The kubelet takes the smallest grace it was given; an explicit 0 falls back to the pod's terminationGracePeriodSeconds; never below 1.", "kubernetes pkg/kubelet/pod_workers.go calculateEffectiveGracePeriod"),
        .kubeletForceDeleteFullGrace: ("After --force --grace-period=0 the object is gone, but the node still gives the containers the pod's full grace period.", "kubernetes pod_workers.go calculateEffectiveGracePeriod; issues #113717, #120449"),
        .kubeletParallel: ("Every running container is stopped in its own goroutine at the same moment.", "kubernetes pkg/kubelet/kuberuntime/kuberuntime_container.go killContainersWithSyncResult"),
        .kubeletPreStopBudget: ("preStop runs first and counts against the grace period: the whole seconds it took are subtracted before the stop signal.", "kubernetes kuberuntime_container.go killContainer, executePreStopHook (v1.28+)"),
        .kubeletPreStopBudgetLegacy: ("Before v1.28 a pod kill's preStop had deletionGracePeriodSeconds (else the spec's grace; 0 skips it) and the override then replaced what was left with no 2 s floor, so the runtime got the full grace after the hook.", "kubernetes kuberuntime_container.go killContainer (≤ v1.27; fixed by PR #115835)"),
        .kubeletMin2s: ("The runtime is always given at least 2 seconds between the stop signal and SIGKILL.", "kubernetes kuberuntime_manager.go minimumGracePeriodInSeconds = 2; killContainer"),
        .kubeletPreStopFails: ("A failed hook only emits a FailedPreStopHook warning; termination goes on at once with the grace left.", "kubernetes kuberuntime_container.go executePreStopHook"),
        .kubeletPreStopOverrun: ("A hook still running when the grace runs out is abandoned, not cancelled; an exec hook runs on until the container dies.", "kubernetes kuberuntime_container.go executePreStopHook"),
        .kubeletPreStopHandlers: ("exec runs inside the container, httpGet is a request from the kubelet to the pod, sleep waits in the kubelet.", "kubernetes pkg/kubelet/lifecycle/handlers.go; KEP-3960"),
        .kubeletSidecarOrder: ("Restartable init containers are stopped only after every regular container has stopped, the last-defined first.", "kubernetes kuberuntime_termination_order.go newTerminationOrdering, waitForTurn; KEP-753"),
        .kubeletSidecarStartOrder: ("Restartable init containers start in order, each after the one before it has started (its startupProbe passed), and the regular containers only after all of them.", "kubernetes pkg/kubelet/kuberuntime/kuberuntime_manager.go computeInitContainerActions; KEP-753"),
        .kubeletPodComplete: ("When no regular container is running and none will be restarted, the kubelet kills the pod: its sidecars get their stop signal (in their order, with the pod's grace) and are not restarted; the phase follows the regular containers.", "kubernetes pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions (keepCount == 0: KillPod, InitContainersToStart = nil); KEP-753"),
        .kubeletPodGone: ("Once every container has stopped the pod reaches a terminal phase and the kubelet removes the API object.", "kubernetes pkg/kubelet/status/status_manager.go; docs pod-lifecycle"),
        .kubeletRestart: ("A container that exits while the pod is not terminating is restarted per restartPolicy: the first time at once, then after 10 s doubling up to 5 min.", "kubernetes kuberuntime_manager.go doBackOff; pkg/kubelet/kubelet.go backOffPeriod, MaxContainerBackOff"),
        .endpointsTerminating: ("As soon as deletionTimestamp is set the pod's endpoint becomes ready=false, terminating=true in its EndpointSlice, and serving follows the pod's readiness; consumers stop routing to it because the Service has other ready endpoints (kube-proxy falls back to terminating-but-serving endpoints only when none is left, which the model does not play).", "kubernetes staging/src/k8s.io/endpointslice/utils.go podToEndpoint; pkg/proxy/topology.go CategorizeEndpoints; KEP-1669, KEP-1672"),
        .kubeletReadyWhenRunning: ("A pod is Ready only while every container (sidecars included) runs and is ready: a container that exits makes it NotReady at once, so its endpoint is serving=false and ready=false until the container runs again and has passed its start-up, and each consumer applies both changes after its own delay.", "kubernetes pkg/kubelet/status/generate.go GenerateContainersReadyCondition, GeneratePodReadyCondition; pkg/kubelet/prober/prober_manager.go UpdatePodStatus (a container not running is not ready); staging/src/k8s.io/endpointslice/utils.go podToEndpoint"),
        .kernelOOMGroupAtomic: ("With memory.oom.group=1 the OOM killer kills every process of the container's cgroup inside one OOM handling, before any of them, the kubelet or a preStop exec can react; a StopContainer for the dead container then sends nothing.", "linux mm/memcontrol.c mem_cgroup_get_oom_group, mm/oom_kill.c oom_kill_memcg_member (mem_cgroup_scan_tasks under oom_lock); containerd internal/cri/server/container_stop.go stopContainer (state not running: return)"),
        .kubeletSandboxStop: ("After the last container of a terminating pod has stopped, the kubelet stops the pod sandbox (StopPodSandbox: containerd SIGKILLs the pause container and tears down the network namespace) before the pod reaches its terminal phase; with shareProcessNamespace the pause process is PID 1 of the pod's one PID namespace, so its death makes the kernel kill whatever is left in it.", "kubernetes pkg/kubelet/kuberuntime/kuberuntime_manager.go killPodWithSyncResult (StopPodSandbox after killContainersWithSyncResult); containerd internal/cri/server/podsandbox/stop.go stopSandboxContainer (task.Kill SIGKILL); docs 'Share Process Namespace between Containers in a Pod'"),
        .endpointsConsumerDelay: ("Each consumer of endpoints (kube-proxy on each node, an ingress, a mesh) applies the change after its own delay; nothing orders it against SIGTERM.", "docs pod-lifecycle 'Pod Termination Flow'; KEP-1669"),
        .containerdStop: ("StopContainer sends the stop signal once to the container's PID 1, waits up to the timeout, then sends SIGKILL.", "containerd internal/cri/server/container_stop.go stopContainer"),
        .containerdStopSignal: ("The stop signal is the container's lifecycle.stopSignal, else the image's STOPSIGNAL, else SIGTERM; the final kill is always SIGKILL.", "containerd internal/cri/server/container_stop.go; KEP-4960"),
        .runtimeExitCode: ("A container whose PID 1 was killed by signal N reports 128+N; the reason is Completed for 0, Error otherwise, OOMKilled after an OOM kill.", "containerd pkg/sys/reaper/reaper_unix.go; internal/cri/server/helpers.go"),
        .runtimeSignalInitOnly: ("The runtime signals only PID 1 of the container; other processes hear the stop signal only if PID 1 forwards it.", "containerd task.Kill without WithKillAll; pid_namespaces(7)"),
        .runtimeStart: ("The runtime starts the container's command as PID 1 of a fresh PID namespace.", "containerd/runc; pid_namespaces(7)"),
        .containerdKillAllOnExit: ("When the main process of a container that shares its PID namespace with others exits, the shim SIGKILLs every other process of that container's cgroup (runc kill --all) before it reports the exit: the kernel would not, as that process was not the namespace's PID 1.", "containerd cmd/containerd-shim-runc-v2/task/service.go handleInitExit; cmd/containerd-shim-runc-v2/runc/util.go ShouldKillAllOnExit (no private PID namespace ⇒ kill all); runc kill --all"),
        .kernelPid1Unkillable: ("The first process of a PID namespace is marked unkillable by default.", "linux kernel/fork.c copy_process (SIGNAL_UNKILLABLE)"),
        .kernelPid1IgnoresDefault: ("A signal sent to PID 1 of a namespace while its disposition is the default is discarded at send time (SIGKILL/SIGSTOP from an ancestor namespace aside).", "linux kernel/signal.c sig_task_ignored, send_signal_locked"),
        .kernelIgnored: ("A signal whose disposition is ignore, or whose default action is to ignore, is discarded.", "linux kernel/signal.c sig_handler_ignored"),
        .kernelDefaultFatal: ("A process that is not PID 1 dies of a fatal signal left at its default disposition.", "linux kernel/signal.c get_signal"),
        .kernelUncatchable: ("SIGKILL cannot be caught, blocked or ignored.", "linux kernel/signal.c do_sigaction, sig_kernel_only"),
        .kernelCaught: ("A signal with a handler installed runs the handler.", "linux kernel/signal.c get_signal, handle_signal"),
        .kernelNamespaceZap: ("When PID 1 of a namespace exits, the kernel SIGKILLs every other process in it before PID 1 can be reaped.", "linux kernel/pid_namespace.c zap_pid_ns_processes; kernel/exit.c find_child_reaper"),
        .kernelReparent: ("When a process exits its children go to the nearest subreaper ancestor, else to PID 1 of the namespace.", "linux kernel/exit.c find_new_reaper"),
        .kernelZombie: ("A dead process stays a zombie until its parent waits for it.", "linux kernel/exit.c exit_notify; kernel/signal.c do_notify_parent"),
        .kernelReap: ("A parent's wait() collects a dead child's status and frees its process-table entry.", "linux kernel/exit.c do_wait"),
        .kernelOOMKill: ("Exceeding the container's memory limit makes the OOM killer SIGKILL it: no preStop, no stop signal, no grace (cgroup v2 memory.oom.group kills the whole container).", "linux mm/oom_kill.c; kubernetes kuberuntime_container_linux.go; docs node-pressure eviction"),
        .kernelFork: ("fork() creates a child in the parent's PID namespace, process group and session.", "linux kernel/fork.c"),
        .kernelExit: ("A process that calls exit() ends with that status.", "linux kernel/exit.c do_exit"),
        .kernelKill: ("kill(2) from a process posts the signal; what happens next depends on the target's disposition and the PID 1 rules.", "linux kernel/signal.c kill_pid_info, send_signal_locked"),
        .kernelSignalCoalesce: ("A standard signal that is already pending for a process is not queued again: the second one is dropped.", "linux kernel/signal.c __send_signal_locked, legacy_queue (TRACE_SIGNAL_ALREADY_PENDING)"),
        .kernelDyingDrops: ("Once a process's group exit has started (SIGKILL sent to it, or a default-fatal signal queued while it had no other signal pending), every later signal to it is dropped at send time, even a second SIGKILL; a core-dump signal starts the exit only when dequeued, so a second one is merely already pending.", "linux kernel/signal.c prepare_signal (SIGNAL_GROUP_EXIT: drop), complete_signal (wants_signal, sig_kernel_coredump); trace result TRACE_SIGNAL_IGNORED"),
        .kernelHandlerMask: ("A caught signal is blocked while its handler runs, and a blocked signal is never discarded at send time, even with its disposition set to ignore: a copy sent meanwhile stays pending and is acted on when the handler returns, by the disposition in force then (coreutils timeout's cleanup ignores SIGTERM and signals its own group: the copy it sends itself is queued, then ignored at dequeue).", "linux kernel/signal.c sig_ignored ('blocked signals are never ignored'), get_signal; arch/x86/kernel/signal.c handle_signal (sa_mask plus the signal unless SA_NODEFER); coreutils src/timeout.c cleanup, send_sig"),
        .kernelPid1BlockedDropped: ("A blocked signal is never discarded at send time, not even by PID 1 with the default disposition: it stays pending, and if PID 1 unblocks it while the disposition is still the default it is dropped then (a program that takes it with sigwait simply receives it).", "linux kernel/signal.c sig_ignored ('blocked signals are never ignored'), get_signal (SIGNAL_UNKILLABLE: dequeued and dropped)"),
        .appSigprocmask: ("A program may block signals with sigprocmask and unblock them later: a signal sent meanwhile stays pending, a standard signal once (a second copy is not queued), and at unblock it is acted on at once by the disposition in force then; fork and exec keep the mask, so children inherit it.", "podterm program model; sigprocmask(2), signal(7) ('a child created via fork inherits a copy of its parent's signal mask; the mask is preserved across execve'); linux kernel/signal.c set_current_blocked, recalc_sigpending"),
        .appForwardWait: ("A handler that forwards the signal it caught, to each live child with kill(child, sig) or to its own process group with kill(0, sig) (itself included), then collects its children with waitpid, exits with its code once they are all gone; when its wait runs out first it exits anyway (as PID 1 the kernel then kills the rest) or SIGKILLs the children still running, collects them and exits.", "podterm program model; kill(2), waitpid(2)"),
        .appSendSignal: ("A program sends a signal at a set time with kill(2): to its parent (getppid), its own process group (kill(0, sig), itself included), PID 1 of its namespace (kill(1, sig)) or a process it finds by name; the kernel's send-time rules then decide what becomes of it, PID 1's included (from inside its namespace neither its default action nor SIGKILL apply).", "podterm program model; kill(2), getppid(2); linux kernel/signal.c kill_pid_info, sig_task_ignored"),
        .kernelCausalOrder: ("A signal sent to a process that can take it is delivered before any chain of reactions that needs another process to run first (a death, the SIGCHLD to its parent, the parent's response): so a copy that chain sends again in the same millisecond arrives as a second signal, not one coalesced with the first.", "observed on real Linux (dumb-init, shell-form CMD: the app receives SIGTERM twice); linux kernel/signal.c signal_wake_up (the target is woken when the signal is queued)"),
        .kernelTimerSignal: ("SIGALRM from alarm, setitimer or timer_settime is sent by the kernel's timer, not by the process: its sender is the timer interrupt's context.", "linux kernel/time/itimer.c it_real_fn (kill_pid_info(SIGALRM, SEND_SIG_PRIV)); kernel/time/posix-timers.c; coreutils src/timeout.c settimeout"),
        .kernelDeadTarget: ("A signal to a process that has already exited does nothing.", "linux kernel/signal.c kill_pid_info (ESRCH); zombies ignore signals"),
        .evictionAPI: ("kubectl drain and the Eviction API delete the pod with its own grace period (after PodDisruptionBudget checks).", "kubernetes pkg/registry/core/pod/storage/eviction.go"),
        .preemption: ("Scheduler preemption deletes the victim pod with its own grace period.", "kubernetes pkg/scheduler/framework/preemption; util.DeletePod"),
        .evictionSoft: ("At a soft threshold the kubelet evicts with min(evictionMaxPodGracePeriod, terminationGracePeriodSeconds) (the max verbatim before 1.32); the default 0 falls back to the pod's full grace.", "kubernetes pkg/kubelet/eviction/eviction_manager.go synchronize"),
        .evictionHard: ("At a hard threshold the kubelet evicts with grace 1 (0 before 1.31, which fell back to the pod's full grace); the pod is not deleted but ends Failed, reason Evicted.", "kubernetes pkg/kubelet/eviction/eviction_manager.go synchronize"),
        .nodeShutdown: ("Graceful node shutdown gives regular pods shutdownGracePeriod − shutdownGracePeriodCriticalPods and critical pods the rest, each capped by the pod's own grace; the pod ends Failed, reason Terminated.", "kubernetes pkg/kubelet/nodeshutdown/nodeshutdown_manager_linux.go; KEP-2000"),
        .kubeletShorterGraceMidKill: ("A shorter grace that arrives while the kubelet is already stopping the pod is recorded, but the running kill keeps its timeouts: SyncTerminatingPod does not use the pod worker's cancellable context.", "kubernetes pkg/kubelet/pod_workers.go UpdatePod (cancelFn); pkg/kubelet/kubelet.go SyncTerminatingPod (TODO #113606)"),
        .kubeletProbeGrace: ("A failed liveness or startup probe kills the container with the probe's terminationGracePeriodSeconds when set, else the pod's, and restarts it per restartPolicy.", "kubernetes kuberuntime_container.go setTerminationGracePeriod; KEP-2238"),
        .endpointsTerminalPhase: ("A pod the kubelet evicts or shuts down gets phase Failed before its containers are stopped, and a pod in a terminal phase is dropped from the EndpointSlice.", "kubernetes pkg/kubelet/kubelet.go SyncTerminatingPod (podStatusFn before killPod); staging/src/k8s.io/endpointslice/utils.go ShouldPodBeInEndpoints"),
        .containerdOOMReasonSticks: ("Any OOM kill inside the container sets the reason OOMKilled, and it stays even if PID 1 later exits 0.", "containerd internal/cri/server/events.go, container_status.go"),
        .dockerStop: ("docker stop sends the stop signal (--signal, else STOPSIGNAL, else SIGTERM), waits -t (else the container's stop timeout, else 10 s), then SIGKILL; -t 0 kills right after the signal, -t -1 waits forever.", "moby daemon/stop.go containerStop"),
        .dockerKill: ("docker kill sends one signal (SIGKILL by default) to the container's PID 1 and returns: no wait, no escalation.", "moby daemon/kill.go"),
        .criStopTimeout0: ("A CRI StopContainer with timeout 0 sends SIGKILL at once with no stop signal; docker rm without -f refuses a running container and stops nothing.", "containerd internal/cri/server/container_stop.go stopContainer; moby daemon/delete.go cleanupContainer (a running container without force is a conflict)"),
        .dockerRemoveForce: ("docker rm -f sends SIGKILL straight away.", "moby daemon/delete.go cleanupContainer"),
        .injectNodeKill: ("A signal sent by hand from the node (kill(2) in the host's PID namespace, an ancestor of the container's) goes through the same kernel checks as the runtime's: a container's PID 1 with no handler discards it, and only SIGKILL is forced through.", "kill(2); linux kernel/signal.c kill_pid_info, send_signal_locked (force from an ancestor namespace), sig_task_ignored (SIGNAL_UNKILLABLE)"),
        .dockerExited: ("Docker reports the exit code of PID 1, 128+N for a signal, and State.OOMKilled.", "moby container/state.go; docker inspect"),
        .dockerRemoveDestroys: ("docker rm -f kills a running container, waits for it to stop, then removes it (its state and writable layer: a destroy event); docker inspect finds nothing afterwards.", "moby daemon/delete.go cleanupContainer (Kill, then removal and LogContainerEvent destroy)"),
        .appHandler: ("The program's signal handler runs its cleanup, as the scenario declares.", "scenario programs: section"),
        .appExit: ("The program finishes its work and exits, as the scenario declares.", "scenario programs: section"),
        .appReraise: ("The handler restores the default disposition and re-raises the signal to die of it; as PID 1 the re-raised signal is discarded.", "signal(7); kernel/signal.c sig_task_ignored"),
        .processSleep: ("sleep(1) waits and exits 0; it installs no handlers, so a fatal signal kills it.", "coreutils src/sleep.c"),
        .shDashNoExec: ("Debian's and Ubuntu's /bin/sh (dash) never execs the command of sh -c, not even a single simple command: it forks it and waits, staying PID 1 with SIGTERM at default.", "Debian dash patch 0004-SHELL-Disable-sh-c-command-sh-c-exec-command-optimiza.diff"),
        .shBusyboxExecLast: ("busybox sh -c execs the last command of the string when no trap is set, so sh -c 'setup; app' makes the app PID 1.", "busybox shell/ash.c evalstring, evalcommand (EV_EXIT)"),
        .shBashExecRules: ("bash -c execs a single simple command and the last simple command of a ;, && or || list, but not when it has a redirection or any trap is set; a script file never execs its last line by itself.", "bash builtins/evalstring.c should_optimize_fork, should_suppress_fork, can_optimize_connection"),
        .shDefaultTerm: ("A non-interactive shell leaves SIGTERM at default: as PID 1 it ignores it and does not forward it; as a child it dies of it (143) without touching its own children.", "dash src/trap.c setsignal; bash sig.c initialize_shell_signals"),
        .shReapsWhileWaiting: ("A shell waiting for a command reaps any child that ends, re-parented orphans included, so a shell as PID 1 does not pile up zombies.", "dash src/jobs.c waitproc; bash jobs.c waitchld"),
        .bashExitTrapPid1: ("An EXIT trap makes non-interactive bash catch the terminating signals: it runs the trap, re-sends the signal to itself (discarded when it is PID 1) and exits 128+N, leaving its children to the kernel.", "bash trap.c set_signal; sig.c termsig_handler, kill_shell"),
        .bashWaitReturnsOnTrap: ("A trapped signal makes the wait builtin return at once with a status above 128, then the trap runs; a script that ends there exits while its child is still cleaning up.", "bash manual (wait, SIGNALS); POSIX XCU 2.11 Signals and Error Handling"),
        .shExec: ("exec replaces the shell with the command: same PID, handlers back to default, ignored signals stay ignored, so the app becomes PID 1 with its own handlers.", "POSIX XCU exec; execve(2)"),
        .shTrapDeferred: ("A signal with a trap that arrives while the shell waits for a foreground command runs the trap only after that command has finished.", "bash manual, SIGNALS; POSIX XCU 2.11 Signals and Error Handling"),
        .shAsyncIgnoresInt: ("Without job control a shell starts background commands (&) with SIGINT and SIGQUIT ignored; ignored dispositions survive exec.", "POSIX XCU 2.11 Signals and Error Handling; dash src/jobs.c forkchild; bash execute_cmd.c setup_async_signals"),
        .shScriptError: ("A shell that cannot parse its script reports the error and exits 2; podterm models a subset of shell syntax and refuses the rest the same way.", "dash src/parser.c synerror; podterm shell model"),
        .tiniForward: ("tini blocks almost every signal and takes them with sigtimedwait; each one but SIGCHLD is forwarded to its child, or with -g to the child's process group, which a grandchild that called setsid has left.", "krallin/tini src/tini.c configure_signals, wait_and_forward_signal, isolate_child"),
        .tiniExitOnChild: ("tini exits as soon as its main child is reaped, whatever else still runs; as PID 1 the kernel then SIGKILLs the rest.", "krallin/tini src/tini.c reap_zombies, main"),
        .tiniStatus: ("tini exits with its child's exit code, or 128+N if a signal killed it (an exit, not a death by signal); -e N maps N to 0; it reaps every zombie, orphans included; -s makes it a subreaper.", "krallin/tini src/tini.c reap_zombies, main"),
        .dumbinitForward: ("dumb-init blocks every signal and takes them with sigwait; it forwards each to the child's whole process group (the child runs in a new session), or only to the child with --single-child, after applying --rewrite (to 0: swallowed).", "Yelp/dumb-init dumb-init.c main, forward_signal, translate_signal"),
        .dumbinitExitOnChild: ("When its main child exits, dumb-init sends SIGTERM (rewritten if asked) to the group once more and exits at once with the child's code or 128+N.", "Yelp/dumb-init dumb-init.c handle_signal (SIGCHLD branch)"),
        .supervisordStop: ("supervisord's handler only records the signal; its main loop (1 s poll) then sends each program its stopsignal (to -pid with stopasgroup), SIGKILL after stopwaitsecs, highest priority first, and exits 0 once its programs are gone.", "Supervisor/supervisor supervisord.py runforever, handle_signal; process.py Subprocess.kill, transition"),
        .supervisordWakeup: ("supervisord's loop wakes only when its 1 s poll times out or a program's stdout or stderr pipe reaches end of file (every holder closed it; a signal does not wake it, PEP 475), so a death is collected at once when the program's pipes close with it, and at the next tick when a child or orphan still holds them; each wake restarts the 1 s timeout.", "Supervisor/supervisor supervisord.py runforever, reap; dispatchers.py POutputDispatcher.handle_read_event; process.py _prepare_child_fds, finish; PEP 475"),
        .appPython: ("CPython leaves SIGTERM at default (no finally, no atexit: 143, discarded as PID 1); SIGINT raises KeyboardInterrupt unless SIGINT was ignored at start, cleanup runs, then it re-raises SIGINT (130).", "CPython Modules/signalmodule.c signal_install_handlers; Python/pylifecycle.c exit_sigint"),
        .appJvm: ("The JVM handles SIGTERM, SIGINT and SIGHUP (unless ignored at start) by running the shutdown hooks, then exits 128+N; SIGQUIT prints a thread dump.", "OpenJDK java.lang.Terminator; hotspot JVM_RegisterSignal"),
        .appNode: ("Node.js installs no SIGTERM or SIGINT handler by default: as a child it dies (143), as PID 1 the signal is discarded.", "Node.js docs, process 'Signal events'"),
        .appGo: ("A Go binary without signal.Notify catches SIGTERM, SIGINT and SIGHUP in its runtime and re-raises them to die (143); as PID 1 the re-raise is discarded and it exits 2.", "golang/go src/runtime/signal_unix.go sighandler, dieFromSignal"),
        .pauseInit: ("The pause process catches SIGINT and SIGTERM and exits 0, and reaps every child on SIGCHLD (waitpid(-1) until none is left): as the pod's PID 1 it collects every orphan; it sleeps in pause() otherwise.", "kubernetes build/pause/linux/pause.c sigdown, sigreap, main"),
        .workloadListenerClosed: ("A server that closes its listening socket makes the kernel refuse new connections (RST) while consumers of endpoints that have not applied the EndpointSlice change still send it traffic.", "KEP-1669; docs pod-lifecycle 'Pod Termination Flow'; tcp(7)"),
        .workloadRequestsCut: ("When a process dies its sockets are closed: requests it was still serving fail, and later connections are refused.", "linux net/ipv4/tcp.c tcp_close (RST on unread data); docs pod-lifecycle"),
        .kafkaLeaveGroup: ("A consumer that calls close() commits and sends LeaveGroup: the coordinator rebalances at once and its partitions go to the other members.", "apache/kafka clients KafkaConsumer.close, ConsumerCoordinator maybeLeaveGroup"),
        .kafkaSessionTimeout: ("A consumer that dies without leaving is removed only when session.timeout.ms (45 s since Kafka 3.0, 10 s before) passes without a heartbeat; offsets auto-committed before processing lose its buffer, offsets committed after the write make it redelivered.", "apache/kafka KIP-735; ConsumerConfig enable.auto.commit, session.timeout.ms"),
        .workloadOutboundViaProxy: ("A proxy container that stops before the app makes the app's outbound calls fail; a native sidecar (restartable init container) is stopped only after the regular containers.", "KEP-753; docs 'Sidecar containers'"),
        .appNginx: ("nginx: SIGTERM and SIGINT fast shutdown (connections cut), SIGQUIT graceful shutdown (requests finish; a later SIGTERM makes it fast), SIGHUP reload, SIGUSR1 reopen logs.", "nginx docs 'Controlling nginx'; src/os/unix/ngx_process_cycle.c ngx_master_process_cycle"),
        .tieExitBeforeDeadline: ("A timeout that runs out in the very millisecond the exit, hook end or turn it waits for happens acts after it, so a cleanup that takes exactly the time given is in time and no SIGKILL is sent.", "containerd 301026e5 internal/cri/server/container_stop.go stopContainer, waitContainerStop (one select on ctx.Done() and container.Stopped(); Go picks at random among ready cases, the model picks the exit, which happened at that instant; a Kill of an exited task is ErrNotFound and ignored: cmd/containerd-shim-runc-v2/process/utils.go checkKillError); moby b985e231 daemon/stop.go containerStop (State.Wait, then kill, which returns errNotRunning); kubernetes kuberuntime_container.go executePreStopHook, kuberuntime_termination_order.go waitForTurn (select on the timer and done); coreutils aa0c0de3 src/timeout.c main (waitpid before sigsuspend); supervisor process.py transition (a SIGKILL to the already dead program would do nothing, and the model does not send it)"),
        .tieStopActionAfterProcesses: ("A stop action (a delete, an eviction, docker kill) at some millisecond acts after what the processes do in it, like a timeout, so a process that exits at that instant has exited when the action arrives; actions of one millisecond act in the order listed.", "podterm model decision, the counterpart of tie.exit-before-deadline: the real order of two events in the same millisecond is a race"),
        .tieKillRequestsMerge: ("Kill requests of the same millisecond (a delete and an eviction at once) start one kill with the shortest grace among them, in whatever order they came: the pod worker takes its pending update only when it runs, and the grace can only decrease.", "kubernetes pkg/kubelet/pod_workers.go UpdatePod (status.pendingUpdate replaced; \"once a pod is terminating, all updates are kills and the grace period can only decrease\"), calculateEffectiveGracePeriod, startPodSync"),
        .kernelSigkillPreempts: ("A process sent SIGKILL while it is alive runs none of its own code afterwards: what it would have done in that millisecond (exit by itself, run a handler, react to a child's death) does not happen, and it dies of the SIGKILL.", "linux kernel/signal.c complete_signal (a fatal signal sets SIGNAL_GROUP_EXIT and SIGKILL on every thread, signal_wake_up), get_signal (the task dies before it returns to user space)"),
        .kernelSigaction: ("A process's dispositions (default, ignore, handler) and blocked mask decide each signal's fate; ignored dispositions and the mask survive fork and exec, handlers go back to default at exec.", "signal(7); sigaction(2); sigprocmask(2); execve(2); linux kernel/signal.c do_sigaction, flush_signal_handlers"),
        .kernelSigwait: ("A blocked signal stays pending until the process takes it with sigwait or sigtimedwait, which returns it to the program instead of running a handler.", "sigwait(3); sigtimedwait(2); linux kernel/signal.c do_sigtimedwait"),
        .workloadMeters: ("A workload's figures change only when what happens to its traffic changes (a listener closing, a consumer applying the EndpointSlice change, a process dying); between two changes constant-rate traffic is counted in closed form.", "podterm workload model (Workloads/), shared/reference/ workloads"),
        .nodeShutdownGroups: ("Graceful node shutdown kills the pods of one priority group at a time, lowest priority first, in parallel, each with the group's shutdownGracePeriodSeconds as its grace override (capped by the pod's own grace); the kubelet starts the next group when every pod of this one has stopped or the group's period has passed, whichever is first, and skips a group with no pods. A pod belongs to the group with the highest priority not above its own (the lowest group if it is below all); shutdownGracePeriod and shutdownGracePeriodCriticalPods stand for two groups, priority 0 and 2000000000.", "kubernetes pkg/kubelet/nodeshutdown/nodeshutdown_manager.go groupByPriority, killPods (wg.Wait or the group's timer); nodeshutdown_manager_linux.go processShutdownEvent, migrateConfig; KEP-2712"),
        .deploymentRollingUpdate: ("A Deployment's rolling update creates new pods while all pods stay within replicas + maxSurge and deletes old pods while the available ones (old ones not deleted, new ones ready) stay at least replicas − maxUnavailable, deciding again whenever a new pod becomes ready; a deleted, terminating pod no longer counts, so with maxSurge 0 the new pod is created as the old one is deleted.", "kubernetes pkg/controller/deployment/rolling.go reconcileNewReplicaSet, reconcileOldReplicaSets; pkg/controller/deployment/util NewRSNewReplicas, MaxUnavailable; ReplicaSet status.replicas counts no terminating pod (pkg/controller/replicaset FilterActivePods)"),
        .clusterReadyAfter: ("A new pod becomes ready when its readiness probe first succeeds, readyAfter after its creation (as the scenario declares); each consumer of endpoints starts routing to it after its own delay.", "kubernetes pkg/kubelet/prober (readiness); staging/src/k8s.io/endpointslice/utils.go podToEndpoint (ready); scenario readyAfter"),
        .serviceRoundRobin: ("A consumer of endpoints spreads the Service's requests over the ready endpoints it knows of; the model takes them round-robin in pod order (IPVS rr; iptables and nftables mode pick at random with equal chances, the same shares on average).", "kubernetes pkg/proxy/iptables/proxier.go (statistic mode random probability 1/n), pkg/proxy/ipvs (rr scheduler); podterm model decision for a deterministic split"),
        .serviceNoEndpoint: ("A Service with no endpoint a consumer can send to refuses the connection: kube-proxy installs a REJECT rule for it.", "kubernetes pkg/proxy/iptables/proxier.go (KUBE-SVC with no endpoints: REJECT, icmp-port-unreachable); pkg/proxy/nftables"),
        .kafkaFlushAtDeath: ("A bulk write due at the very millisecond the consumer dies is not done: a write only starts at its tick and needs Elasticsearch's answer before the commit, which a process killed at that instant never gets, so the buffer dies with it.", "podterm workload model; unlike an exit or a hook's end (tie.exit-before-deadline), which complete at the instant, a flush would only begin there; Elastic bulk API, Kafka consumer commitSync after the write"),
    ]
}
