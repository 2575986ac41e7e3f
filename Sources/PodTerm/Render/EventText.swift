/// Words for timeline events: the names of actors, processes and containers, and one line per event.
///
/// Shared by the text and JSON renderers and the terminal player, so they always say the same.
public struct EventText {
    /// The timeline whose events are described.
    public let timeline: Timeline

    /// Creates a describer for `timeline`.
    public init(_ timeline: Timeline) { self.timeline = timeline }

    /// `server[1]`: a process's program name and PID in its container, as of event number
    /// `index` (a process that exec'd is named by the program it ran then); nil: its last name.
    public func processName(_ i: Int, atEvent index: Int? = nil) -> String {
        let p = timeline.processes[i]
        return "\(index.map { p.name(atEvent: $0) } ?? p.name)[\(p.pid)]"
    }

    /// The actor's short name, e.g. `kubelet`, `kube-proxy`, `server[1]`.
    public func actorName(_ a: Actor, atEvent index: Int? = nil) -> String {
        switch a {
        case .scenario: return "scenario"
        case .kubectl: return "kubectl"
        case .api: return "api-server"
        case .endpoints: return "endpoints"
        case .consumer(let i): return timeline.consumers[i]
        case .kubelet: return "kubelet"
        case .runtime: return "runtime"
        case .kernel: return "kernel"
        case .process(let i): return processName(i, atEvent: index)
        case .scheduler: return "scheduler"
        case .docker: return "docker"
        case .node: return "node"
        }
    }

    /// A stable category for the actor: scenario, kubectl, api, endpoints, consumer, kubelet, runtime, kernel, process.
    public func actorKind(_ a: Actor) -> String {
        switch a {
        case .scenario: return "scenario"
        case .kubectl: return "kubectl"
        case .api: return "api"
        case .endpoints: return "endpoints"
        case .consumer: return "consumer"
        case .kubelet: return "kubelet"
        case .runtime: return "runtime"
        case .kernel: return "kernel"
        case .process: return "process"
        case .scheduler: return "scheduler"
        case .docker: return "docker"
        case .node: return "node"
        }
    }

    /// The container's name, or "" for pod-level events.
    public func containerName(_ e: TimelineEvent) -> String {
        e.container.map { timeline.containers[$0].name } ?? ""
    }

    /// A stable machine name for the event's kind, e.g. `signal.sent`.
    public func kindName(_ k: EventKind) -> String { Self.kindName(k) }

    /// The kind's machine name, without a timeline.
    public static func kindName(_ k: EventKind) -> String {
        switch k {
        case .processStarted: return "process.started"
        case .deleteRequested: return "pod.delete"
        case .podTerminating: return "pod.terminating"
        case .podObjectRemoved: return "pod.object-removed"
        case .killPod: return "kubelet.kill-pod"
        case .endpointNotReady: return "endpoint.not-ready"
        case .consumerStopped: return "endpoint.consumer-stopped"
        // The kind says which way serving went; ready = serving and not terminating (which
        // `endpoint.not-ready` set), so the JSON needs no field of its own for them.
        case .endpointChanged(_, let serving, _): return serving ? "endpoint.serving" : "endpoint.not-serving"
        case .consumerResumed: return "endpoint.consumer-resumed"
        case .preStopStarted: return "prestop.started"
        case .preStopFinished: return "prestop.finished"
        case .preStopAbandoned: return "prestop.abandoned"
        case .sidecarWaits: return "sidecar.waits"
        case .stopContainer: return "container.stop"
        case .signalSent: return "signal.sent"
        case .signalDiscarded: return "signal.discarded"
        case .signalCaught: return "signal.caught"
        case .signalCaughtAgain: return "signal.caught-again"
        case .killedBySignal: return "process.killed"
        case .exited: return "process.exited"
        case .becameZombie: return "process.zombie"
        case .reaped: return "process.reaped"
        case .reparented: return "process.reparented"
        case .namespaceTeardown: return "namespace.teardown"
        case .oomKill: return "container.oom-kill"
        case .containerExited: return "container.exited"
        case .containerRestarted: return "container.restarted"
        case .execFailed: return "process.exec-failed"
        case .podGone: return "pod.gone"
        case .horizonReached: return "run.horizon"
        case .deleteIgnored: return "pod.delete-ignored"
        case .deadlineShortened: return "pod.deadline-shortened"
        case .evicted: return "pod.evicted"
        case .nodeShuttingDown: return "node.shutdown"
        case .disruptionTarget: return "pod.disruption-target"
        case .evictionRefused: return "pod.eviction-refused"
        case .drainGaveUp: return "drain.gave-up"
        case .podPending: return "pod.pending"
        case .graceShortened: return "kubelet.grace-shortened"
        case .probeFailed: return "probe.failed"
        case .endpointRemoved: return "endpoint.removed"
        case .dockerCommand: return "docker.command"
        case .dockerExited: return "docker.exited"
        case .execed: return "process.exec"
        case .trapRuns: return "shell.trap"
        case .trapDeferred: return "shell.trap-deferred"
        case .waitInterrupted: return "shell.wait-interrupted"
        case .signalTaken: return "signal.taken"
        case .sigprocmask(let block, _, _): return block ? "signal.blocked" : "signal.unblocked"
        case .signalNoted: return "signal.noted"
        case .signalRewritten: return "signal.rewritten"
        case .scriptError: return "shell.script-error"
        case .supervisorctlStop: return "supervisor.stop"
        case .injectNoTarget: return "inject.no-target"
        case .sidecarStarted: return "sidecar.started"
        case .regularContainersDone: return "pod.complete"
        case .sandboxStopped: return "pod.sandbox-stopped"
        case .dockerRemoved: return "docker.removed"
        case .supervisedEnded: return "supervisor.program-ended"
        case .listenerClosed: return "workload.listener-closed"
        case .requestsCut: return "workload.requests-cut"
        case .kafkaClosed: return "workload.kafka-closed"
        case .kafkaDied: return "workload.kafka-died"
        case .outboundBroken: return "workload.outbound-broken"
        case .signalDelivered: return "signal.delivered"
        case .dispositionsChanged: return "process.dispositions"
        case .meters: return "workload.meters"
        }
    }

    /// One line saying what happened, e.g. `SIGTERM → server[1] discarded: PID 1 has no handler`.
    public func message(_ e: TimelineEvent, atEvent index: Int? = nil) -> String {
        let processName = { (i: Int) in self.processName(i, atEvent: index) }
        let sig = e.signal?.name ?? ""
        let proc = e.process.map(processName) ?? "?"
        switch e.kind {
        case .processStarted(let parent, _, _):
            let argv = e.process.map { p in (index.map { timeline.processes[p].argv(atEvent: $0) } ?? timeline.processes[p].argv).joined(separator: " ") } ?? ""
            if parent == nil {
                return "starts \(proc): \(argv)"
            }
            return "forks \(proc): \(argv)"
        case .deleteRequested(let o, let grace):
            var flags: [String] = []
            if let g = o.gracePeriod { flags.append("--grace-period=\(g)") }
            if o.force { flags.append("--force") }
            if o.now { flags.append("--now") }
            let cmd = (["kubectl delete pod", timeline.pod.name] + flags).joined(separator: " ")
            return "\(cmd) (grace \(grace)s)"
        case .podTerminating(let grace):
            return "pod Terminating: deletionTimestamp = now + \(grace)s"
        case .podObjectRemoved:
            if e.rule == .apiNotRunningDelete { return "pod not running (no node, or already finished): grace 0, object removed at once, nothing signalled" }
            return "pod object removed from the API"
        case .killPod(let grace):
            return "stops all containers in parallel, grace \(grace)s"
        case .endpointNotReady:
            return "EndpointSlice: pod ready=false, terminating=true"
        case .consumerStopped:
            return "stops routing new requests to the pod"
        case .endpointChanged(let ready, let serving, let terminating):
            let why = serving ? "pod Ready again" : "a container is down: pod NotReady"
            return "EndpointSlice: \(why), ready=\(ready), serving=\(serving), terminating=\(terminating)"
        case .consumerResumed:
            return "routes new requests to the pod again"
        case .preStopStarted(let h, _):
            return "preStop \(handlerText(h)) starts"
        case .preStopFinished(let ok, let elapsed, let detail, _):
            let left = graceLeftText(e)
            if ok { return "preStop done after \(formatDuration(elapsed))\(left)" }
            return "preStop failed (\(detail == -1 ? "container not running" : (detail == 0 ? "connection refused" : "exit \(detail)"))) after \(formatDuration(elapsed)): FailedPreStopHook\(left)"
        case .preStopAbandoned(let elapsed):
            return "preStop still running after \(formatDuration(elapsed)): grace used up, hook abandoned"
        case .sidecarWaits:
            return "sidecar waits for the regular containers and later sidecars to stop"
        case .stopContainer(let timeout, let floored, _):
            if timeout == 0 { return "StopContainer timeout 0s (crictl stop --timeout 0): SIGKILL at once, no stop signal" }
            return "StopContainer timeout \(timeout)s" + (floored ? " (raised to the 2s minimum)" : "")
        case .signalSent(let origin):
            switch origin {
            case .runtime:
                if e.rule == .containerdKillAllOnExit { return "kill --all: \(sig) → \(proc), its container's main process is gone" }
                // With a shared PID namespace a container's main process is not PID 1.
                if let p = e.process, timeline.processes[p].pid != 1 { return "sends \(sig) to \(proc), the container's main process" }
                return "sends \(sig) to PID 1 \(proc)"
            case .namespaceTeardown: return "SIGKILL → \(proc): PID 1 is gone"
            case .oomKiller: return "OOM killer: SIGKILL → \(proc)"
            case .node: return "by hand from the node: \(sig) → \(proc)"
            case .timer: return "timer: \(sig) → \(proc)"
            case .process(let from):
                return from == e.process ? "raises \(sig) on itself" : "sends \(sig) to \(proc)"
            }
        case .signalDiscarded(let why):
            switch why {
            case .pid1Default: return "\(sig) → \(proc) discarded: PID 1 with no handler ignores it"
            case .ignored: return "\(sig) → \(proc) discarded: disposition is ignore"
            case .defaultIgnore: return "\(sig) → \(proc) discarded: its default action is to ignore"
            case .deadTarget: return "\(sig) → \(proc): already exited, no effect"
            case .alreadyPending: return "\(sig) → \(proc): already pending, not queued again"
            case .dying: return "\(sig) → \(proc) dropped: it is already dying"
            case .pid1DroppedAtUnblock: return "\(sig) → \(proc) dropped when unblocked: PID 1 with no handler"
            case .ignoredAtDequeue: return "\(sig) → \(proc) dequeued and ignored: disposition is ignore now"
            }
        case .signalCaught(let cleanup):
            if e.rule == .appForwardWait {
                return "catches \(sig): forwards it and waits " + (cleanup > 0 ? "up to \(formatDuration(cleanup))" : "as long as it takes") + " for its children"
            }
            return "catches \(sig): cleanup for \(formatDuration(cleanup))"
        case .signalCaughtAgain:
            return "catches \(sig) again: already shutting down"
        case .killedBySignal:
            return "\(proc) killed by \(sig) (exit status \(e.signal?.exitCode ?? 0))"
        case .exited(let code):
            return "exits \(code)"
        case .becameZombie(let parent):
            return "\(proc) is a zombie: \(processName(parent)) does not wait for it"
        case .reaped(let by):
            return by == nil ? "\(proc) collected" : "waits for \(proc)"
        case .reparented(let newParent):
            return "\(proc) re-parented to \(processName(newParent))"
        case .namespaceTeardown(let victims):
            return "PID 1 \(proc) exited: kills the \(victims) other process\(victims == 1 ? "" : "es") of the namespace"
        case .oomKill:
            return "memory limit exceeded: OOM killer kills the container"
        case .containerExited(let code, let reason):
            return "container exited \(code) (\(reason.rawValue))"
        case .containerRestarted(let n):
            return "restarts container (restart \(n))"
        case .execFailed:
            return "\(proc): program not found (exit 127)"
        case .podGone(let phase, _):
            return "all containers stopped: pod \(phase.rawValue)" + (timeline.pod.deletedAt != nil ? ", gone" : "")
        case .horizonReached(let pending):
            return "horizon reached with \(pending) event\(pending == 1 ? "" : "s") pending"
        case .deleteIgnored(let grace, let current):
            return "delete with grace \(grace)s ignored: a grace can only shrink (now \(current)s)"
        case .deadlineShortened(let grace):
            return "deletion deadline brought forward: grace \(grace)s"
        case .evicted(let e, let grace):
            switch e {
            case .api: return "kubectl drain: Eviction API deletes the pod with its own grace (\(grace)s)"
            case .preemption: return "preempts the pod: deletes it with its own grace (\(grace)s)"
            case .softPressure: return "eviction manager: soft threshold crossed, evicts with grace override \(grace)s"
            case .hardPressure: return "eviction manager: hard threshold crossed, evicts with grace override \(grace)s"
            }
        case .disruptionTarget(let reason):
            return "pod condition DisruptionTarget=True, reason \(reason.rawValue)"
        case .evictionRefused(let retry):
            let then = retry.map { "kubectl drain retries in \(formatDuration($0))" } ?? "kubectl drain stops"
            return "eviction refused: 429 TooManyRequests, the PodDisruptionBudget allows no disruption; nothing happens to the pod; \(then)"
        case .drainGaveUp(let timeout):
            return "kubectl drain gives up: global timeout reached (\(formatDuration(timeout))); the pod runs on"
        case .podPending:
            return "pod Pending: not scheduled to any node (spec.nodeName empty), no container starts"
        case .nodeShuttingDown(let grace, let critical):
            return "node shutting down: \(critical ? "critical" : "regular") pods get \(grace)s"
        case .graceShortened(let grace):
            return "grace shortened to \(grace)s, but the kill already running keeps its timeouts"
        case .probeFailed(let probe, let grace):
            return "\(probe.rawValue) probe failed: kills the container with grace \(grace)s to restart it"
        case .endpointRemoved:
            return "pod phase Failed: EndpointSlice drops the pod"
        case .dockerCommand(let cmd, let timeout):
            switch cmd {
            case .stop(_, let sig):
                let t = timeout.map { $0 < 0 ? "forever" : "\($0)s" } ?? "10s"
                return "docker stop" + (sig.map { " --signal \($0.name)" } ?? "") + ": stop signal, then SIGKILL after \(t)"
            case .kill(let sig): return "docker kill --signal \((sig ?? .kill).name)"
            case .removeForce: return "docker rm -f"
            case .remove: return "docker rm refused: the container is running (stop it first, or rm -f); nothing is signalled"
            }
        case .dockerExited(let code, let oom):
            return "docker: container exited (\(code))" + (oom ? ", OOMKilled true" : "")
        case .execed(let previous, let argv):
            return "execs \(commandLine(argv)) in place of \(commandLine(previous)) (same PID)"
        case .trapRuns(let exitTrap):
            if !exitTrap { return "runs its \(sig) trap" }
            if e.signal == nil { return "runs its EXIT trap" }
            return "\(sig) with an EXIT trap set: runs the EXIT trap, then re-raises \(sig) on itself"
        case .trapDeferred:
            return "\(sig) is trapped but a foreground command runs: the trap waits until it ends"
        case .waitInterrupted(let status):
            return "wait returns \(status) at once: \(sig) is trapped"
        case .signalTaken:
            return "takes \(sig) from its blocked signals (sigwait)"
        case .sigprocmask(let block, let signals, let pending):
            let names = signals.signals.map(\.name).joined(separator: ", ")
            if block { return "blocks \(names) (sigprocmask): sent now, \(signals.signals.count == 1 ? "it stays" : "they stay") pending until unblocked" }
            if pending.isEmpty { return "unblocks \(names) (sigprocmask): nothing pending" }
            return "unblocks \(names) (sigprocmask): pending \(pending.signals.map(\.name).joined(separator: ", ")) acted on now"
        case .signalNoted(let at):
            if let at { return "handler records \(sig); the main loop acts on it at \(formatDuration(at))" }
            return "handler records \(sig); what follows is not modelled"
        case .signalRewritten(let to):
            if let to { return "rewrites \(sig) to \(to.name)" }
            return "swallows \(sig) (rewritten to 0)"
        case .scriptError(let message, let unsupported):
            return (unsupported ? "cannot run its script (podterm's shell does not model this): " : "syntax error in its script: ") + message
        case .listenerClosed(let n):
            return "closes its listener: new requests are refused; \(n) in flight"
        case .requestsCut(let n, let wasListening):
            return "gone: \(n) request\(n == 1 ? "" : "s") in flight cut\(wasListening ? " (its listener was still open)" : ""); requests still sent here are refused"
        case .kafkaClosed(let n):
            return "stops polling, bulk-writes its \(n) buffered message\(n == 1 ? "" : "s"), commits and leaves the group: partitions reassigned at once"
        case .kafkaDied(let n, let lost, let timeout):
            return "dies with \(n) buffered message\(n == 1 ? "" : "s") \(lost ? "lost (offsets already committed)" : "to be redelivered (not committed)"); the group waits session.timeout.ms \(formatDuration(timeout)) before reassigning"
        case .sandboxStopped:
            return timeline.containers.contains(where: \.isSandbox)
                ? "StopPodSandbox: the pause container and the pod's PID and network namespaces are gone"
                : "StopPodSandbox: the pause container and the pod's network namespace are gone"
        case .dockerRemoved:
            return "docker rm -f: container removed (destroy)"
        case .regularContainersDone:
            return "every regular container has finished and none restarts: stops the pod's sidecars"
        case .sidecarStarted(let wait):
            return wait == 0 ? "sidecar started: the next container starts now" : "sidecar started: the next container starts when it is ready, in \(formatDuration(wait))"
        case .injectNoTarget(let target):
            if e.rule == .appSendSignal { return "kill(\(target), \(sig)): no live process matches, nothing sent" }
            return "by hand from the node: \(sig) → \(target): no live process matches, nothing sent"
        case .supervisorctlStop(let program):
            return "supervisorctl stop \(program): sends the program's stopsignal now"
        case .supervisedEnded(let program, let status, let stopped):
            let how: String
            switch status {
            case .exited(let c): how = "exit status \(c)"
            case .signaled(let s): how = "terminated by \(s.name)"
            }
            return "\(stopped ? "stopped" : "exited"): \(program) (\(how))"
        case .outboundBroken(let via):
            return "\(processName(via)) is gone: \(proc)'s outbound calls through it fail from now on"
        case .signalDelivered:
            return e.rule == .kernelSigwait ? "\(sig) delivered to \(proc): blocked, for its sigwait" : "\(sig) delivered to \(proc): its handler runs"
        case .dispositionsChanged(let d, let blocked):
            var parts: [String] = []
            if !d.caught.isEmpty { parts.append("handler " + d.caught.signals.map(\.shortName).joined(separator: " ")) }
            if !d.ignored.isEmpty { parts.append("ignore " + d.ignored.signals.map(\.shortName).joined(separator: " ")) }
            if !blocked.isEmpty { parts.append("blocked " + blocked.signals.map(\.shortName).joined(separator: " ")) }
            return "signal dispositions: " + (parts.isEmpty ? "all default" : parts.joined(separator: "; "))
        case .meters(let w, let values, _):
            let m = timeline.lastMoment.workloads[w]
            return "\(m.name): " + zip(m.names, values).map { "\($0) \($1)" }.joined(separator: ", ")
        }
    }

    /// An argv as a shell would show it: words with spaces or quotes in single quotes.
    private func commandLine(_ argv: [String]) -> String {
        argv.map { w in
            if w.isEmpty { return "''" }
            if w.contains(where: { " \t\n\"'$;&|<>()\\`*?".contains($0) }) {
                return "'" + w.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
            }
            return w
        }.joined(separator: " ")
    }

    private func handlerText(_ h: LifecycleHandler) -> String {
        switch h {
        case .exec(let cmd): return "exec [\(cmd.joined(separator: " "))]"
        case .httpGet(let path, let port): return "httpGet :\(port)\(path)"
        case .sleep(let s): return "sleep \(s)s"
        }
    }

    /// The whole seconds of grace a `preStopFinished` event leaves (what its message says),
    /// as the kubelet recorded it on the event; nil for other events.
    public func graceLeftSeconds(_ e: TimelineEvent) -> Int? {
        guard case .preStopFinished(_, _, _, let left) = e.kind else { return nil }
        return max(left, 0)
    }

    private func graceLeftText(_ e: TimelineEvent) -> String {
        graceLeftSeconds(e).map { "; \($0)s of grace left" } ?? ""
    }
}
