/// The kubelet's part: the pod worker's kill with its grace, preStop hooks, the stop call to
/// the runtime with its 2-second floor, sidecar ordering, restarts, and the pod's end. What
/// asks for a kill is a stopper of its own (`Stoppers/`); the API server's share is `APIServer`.
///
/// Rules: `kubelet.md`. Version differences follow `Scenario.kubernetesVersion`.
final class Kubelet: ContainerExitReports, ExecHookReports {
    unowned let engine: Engine

    /// Where the kubelet is in stopping one container.
    enum Phase: Equatable {
        case running
        case preStop(startedAt: Millis)
        case waitingTurn(since: Millis)
        case stopping
        case exited
    }

    struct Termination {
        var phase: Phase = .running
        /// Seconds of grace left for this container (`gracePeriod` in killContainer).
        var grace: GraceSeconds = 0
        /// Identifies the current kill, so late answers from an earlier one do nothing.
        var run = 0
    }

    var terms: [Termination] = []
    var terminating = false
    var effectiveGrace = 0
    var nextRun = 0
    /// The reason of a kubelet-initiated kill (Evicted, Terminated), if any.
    var terminalReason: String?
    /// A kill was requested in this millisecond and the pod worker has not started it yet:
    /// the rule it will be recorded with.
    private var pendingKill: Rule?
    /// Every container has stopped and the pod is gone.
    private var gone = false
    /// Each container's restart count and the exit code it last reported.
    private var restarts: [Int]
    private var lastExitCode: [Int?]

    init(engine: Engine) {
        self.engine = engine
        let count = engine.scenario.pod.sidecars.count + engine.scenario.pod.containers.count
        terms = Array(repeating: Termination(), count: count)
        restarts = Array(repeating: 0, count: count)
        lastExitCode = Array(repeating: nil, count: count)
    }

    var runtime: ContainerRuntime { engine.runtime }
    /// A pod kill on a kubelet up to 1.27, whose override replaced the grace after preStop.
    private var legacyPodKill: Bool { terminating && version < KubernetesVersion(1, 28) }
    var version: KubernetesVersion { engine.scenario.kubernetesVersion }
    var podSpec: PodSpec { engine.scenario.pod }

    // MARK: kill requests (from the API server and the stoppers)

    /// A kill the kubelet starts itself: the pod is not deleted; its status turns Failed first,
    /// which takes it out of the EndpointSlice.
    func kubeletInitiatedKill(override: Int, reason: String) {
        // A kill requested in this same millisecond has not started yet: one pod worker update,
        // so this status applies too (tie.kill-requests-merge).
        if !terminating || (pendingKill != nil && terminalReason == nil) {
            terminalReason = reason
            engine.network.podTerminalPhase()
        }
        requestKill(override: override, zeroMeansPodGrace: true)
    }

    /// A kill request to the pod worker. The first one starts stopping the pod; a later one may
    /// only shorten the grace, and even then the kill already running keeps its timeouts.
    func requestKill(override: Int, zeroMeansPodGrace: Bool) {
        let specGrace = podSpec.terminationGracePeriodSeconds
        let rule: Rule
        let effective: Int
        if override == 0 && zeroMeansPodGrace && engine.scenario.gracePeriodProfile == .master2026 {
            // kubelet.effective-grace-master-2026: the explicit 0 is kept, and the floor makes it 1.
            effective = 1
            rule = .kubeletEffectiveGraceMaster2026
        } else if override == 0 && zeroMeansPodGrace {
            effective = max(1, specGrace)
            rule = .kubeletForceDeleteFullGrace
        } else {
            effective = max(1, override)
            rule = .kubeletEffectiveGrace
        }
        if terminating {
            if effective < effectiveGrace {
                effectiveGrace = effective
                if pendingKill != nil {
                    // The pod worker has not started yet: the kill will use this grace.
                    pendingKill = .tieKillRequestsMerge
                } else {
                    engine.record(.kubelet, .graceShortened(grace: effective), rule: .kubeletShorterGraceMidKill)
                }
            }
            return
        }
        // tie.kill-requests-merge: the pod worker takes its pending update once every request
        // of this millisecond is in, so two stoppers at one instant start one kill, with the
        // shorter grace, whatever order they came in.
        terminating = true
        effectiveGrace = effective
        pendingKill = rule
        engine.scheduleDeadline(.startPodKill, after: 0)
    }

    /// The pod worker starts the kill requested in this millisecond.
    func startPodKill() {
        guard let rule = pendingKill else { return }
        pendingKill = nil
        guard !gone else { return }
        killPod(grace: effectiveGrace, rule: rule)
    }

    /// Whether a failed probe may kill container `c` now: it runs, the pod is not being
    /// stopped, and the kubelet is not already stopping it.
    func mayKillForProbe(_ c: Int) -> Bool {
        !terminating && runtime.containers[c].running && (terms[c].phase == .running || terms[c].phase == .exited)
    }

    /// Stops every running container in parallel with `grace` seconds.
    func killPod(grace: Int, rule: Rule) {
        terminating = true
        effectiveGrace = grace
        engine.record(.kubelet, .killPod(grace: grace), rule: rule)
        var anyRunning = false
        for c in terms.indices where runtime.containers[c].running {
            anyRunning = true
            killContainer(c, grace: grace)
        }
        for c in terms.indices where !runtime.containers[c].running {
            terms[c].phase = .exited
        }
        if !anyRunning { podGone() }
    }

    // MARK: killContainer

    func killContainer(_ c: Int, grace: Int) {
        nextRun += 1
        // kubelet.prestop-budget-legacy: up to 1.27 a pod kill's hook budget was the object's
        // deletionGracePeriodSeconds when set, else the spec's grace (0 skips the hook); the
        // pod worker's override only replaced the runtime's timeout after the hook.
        let budget = legacyPodKill ? (engine.api.deletionGrace ?? podSpec.terminationGracePeriodSeconds) : grace
        terms[c] = Termination(phase: .running, grace: GraceSeconds(budget), run: nextRun)
        if let hook = runtime.containers[c].spec.preStop, budget > 0 {
            startPreStop(c, hook)
        } else {
            afterPreStop(c)
        }
    }

    private func startPreStop(_ c: Int, _ hook: LifecycleHandler) {
        let run = terms[c].run
        terms[c].phase = .preStop(startedAt: engine.now)
        engine.record(.kubelet, .preStopStarted(hook, grace: terms[c].grace.seconds), container: c, rule: .kubeletPreStopHandlers)
        engine.scheduleDeadline(.preStopDeadline(container: c, run: run), after: terms[c].grace.millis)
        switch hook {
        case .sleep(let seconds):
            engine.schedule(.preStopCompletes(container: c, run: run, succeeded: true, detail: 0), after: GraceSeconds(seconds).millis)
        case .httpGet(let path, _):
            if let route = runtime.route(in: c, path: path) {
                engine.schedule(.preStopCompletes(container: c, run: run, succeeded: true, detail: route.status), after: route.takes)
            } else {
                // Nothing answers: the connection is refused, the hook fails at once.
                engine.schedule(.preStopCompletes(container: c, run: run, succeeded: false, detail: 0), after: 0)
            }
        case .exec(let command):
            if !runtime.exec(c, argv: command, hookRun: run) {
                engine.schedule(.preStopCompletes(container: c, run: run, succeeded: false, detail: -1), after: 0)
            }
        }
    }

    /// An exec hook's process ended.
    func execHookExited(container c: Int, run: Int, status: WaitStatus) {
        preStopCompleted(container: c, run: run, succeeded: status == .exited(0), detail: status.exitCode)
    }

    func preStopCompleted(container c: Int, run: Int, succeeded: Bool, detail: Int) {
        guard terms[c].run == run, case .preStop(let started) = terms[c].phase else { return }
        let elapsed = engine.now - started
        terms[c].grace -= GraceSeconds(wholeSecondsIn: elapsed)
        engine.record(.kubelet, .preStopFinished(succeeded: succeeded, elapsed: elapsed, detail: detail, graceLeft: terms[c].grace.seconds), container: c,
                      rule: succeeded ? .kubeletPreStopBudget : .kubeletPreStopFails)
        afterPreStop(c)
    }

    func preStopDeadline(container c: Int, run: Int) {
        guard terms[c].run == run, case .preStop(let started) = terms[c].phase else { return }
        let elapsed = engine.now - started
        engine.record(.kubelet, .preStopAbandoned(elapsed: elapsed), container: c, rule: .kubeletPreStopOverrun)
        terms[c].grace -= GraceSeconds(wholeSecondsIn: elapsed)
        afterPreStop(c)
    }

    private func afterPreStop(_ c: Int) {
        if terminating && runtime.containers[c].isSidecar && version >= KubernetesVersion(1, 29) {
            waitForTurn(c)
        } else {
            callStop(c)
        }
    }

    // MARK: sidecar ordering

    /// Containers that must have stopped before sidecar `c`: every regular container and every
    /// sidecar defined after it.
    private func prerequisites(of c: Int) -> [Int] {
        // Sidecars come first in the container list, so that is everything after `c`.
        Array((c + 1)..<terms.count)
    }

    private func waitForTurn(_ c: Int) {
        if terms[c].grace <= 0 || prerequisites(of: c).allSatisfy({ terms[$0].phase == .exited }) {
            callStop(c)
            return
        }
        terms[c].phase = .waitingTurn(since: engine.now)
        engine.record(.kubelet, .sidecarWaits(graceLeft: terms[c].grace.seconds), container: c, rule: .kubeletSidecarOrder)
        engine.scheduleDeadline(.sidecarDeadline(container: c, run: terms[c].run), after: terms[c].grace.millis)
    }

    func sidecarDeadline(container c: Int, run: Int) {
        guard terms[c].run == run, case .waitingTurn(let since) = terms[c].phase else { return }
        terms[c].grace -= GraceSeconds(wholeSecondsIn: engine.now - since)
        callStop(c)
    }

    private func sidecarTurnsMayHaveCome() {
        for c in terms.indices {
            guard case .waitingTurn(let since) = terms[c].phase else { continue }
            if prerequisites(of: c).allSatisfy({ terms[$0].phase == .exited }) {
                terms[c].grace -= GraceSeconds(wholeSecondsIn: engine.now - since)
                callStop(c)
            }
        }
    }

    // MARK: StopContainer

    private func callStop(_ c: Int) {
        terms[c].phase = .stopping
        var timeout = terms[c].grace.seconds
        var floored = false
        let rule: Rule
        if version >= KubernetesVersion(1, 28) {
            if timeout < 2 {
                timeout = 2
                floored = true
            }
            let hadHook = runtime.containers[c].spec.preStop != nil
            rule = floored ? .kubeletMin2s : (hadHook ? .kubeletPreStopBudget : .containerdStop)
        } else if legacyPodKill {
            // ≤ 1.27: the 2 s floor applied to what the hook left, then the pod worker's override
            // replaced it: the runtime gets the full override, never floored.
            timeout = effectiveGrace
            rule = .kubeletPreStopBudgetLegacy
        } else {
            // ≤ 1.27 without an override (a container restart): the floor still applies.
            if timeout < 2 {
                timeout = 2
                floored = true
            }
            rule = floored ? .kubeletMin2s : .kubeletPreStopBudgetLegacy
        }
        guard runtime.containers[c].running else {
            containerStopped(c)
            return
        }
        engine.record(.kubelet, .stopContainer(timeout: timeout, floored: floored, graceLeft: terms[c].grace.seconds), container: c, rule: rule)
        runtime.stop(c, timeout: timeout)
    }

    // MARK: exits

    /// The runtime reports that container `c` exited.
    func containerExited(_ c: Int, code: Int, reason: ContainerReason) {
        lastExitCode[c] = code
        // kubelet.ready-when-running: the pod is NotReady at once.
        engine.network.containerExited(c)
        if terminating {
            switch terms[c].phase {
            case .stopping, .running, .exited:
                containerStopped(c)
            case .preStop, .waitingTurn:
                // The kubelet is still in killContainer for it: the hook or the wait ends on its own;
                // StopContainer on an exited container returns at once.
                break
            }
            return
        }
        terms[c].phase = .exited
        maybeRestart(c, code: code)
    }

    private func containerStopped(_ c: Int) {
        guard terms[c].phase != .exited else { return }
        terms[c].phase = .exited
        guard terminating else { return }
        sidecarTurnsMayHaveCome()
        if terms.allSatisfy({ $0.phase == .exited }) { podGone() }
    }

    private func podGone() {
        // The phase follows the regular containers; sidecars' exit codes do not count (KEP-753).
        let exits = terms.indices.filter { !runtime.containers[$0].isSidecar }.compactMap { lastExitCode[$0] }
        let phase: PodPhase = terminalReason == nil && exits.allSatisfy { $0 == 0 } ? .succeeded : .failed
        gone = true
        // kubelet.sandbox-stop: StopPodSandbox after the last container, before the terminal phase.
        runtime.stopSandbox()
        engine.record(.kubelet, .sandboxStopped, container: runtime.sandbox?.container, process: runtime.sandbox?.pause, rule: .kubeletSandboxStop)
        engine.record(.kubelet, .podGone(phase: phase, reason: terminalReason), rule: .kubeletPodGone)
        engine.api.podGone()
        engine.finish()
    }

    // MARK: restarts

    private func maybeRestart(_ c: Int, code: Int) {
        let container = runtime.containers[c]
        let policy = container.isSidecar ? RestartPolicy.always : podSpec.restartPolicy
        let restart: Bool
        switch policy {
        case .always: restart = true
        case .onFailure: restart = code != 0
        case .never: restart = false
        }
        guard restart else {
            podMayBeComplete()
            return
        }
        pendingRestart.insert(c)
        let restarts = restarts[c]
        // First restart at once; then 10 s, doubling, capped at 5 min.
        let delay: Millis = restarts == 0 ? 0 : Millis(min(300_000, 10_000 << min(restarts - 1, 5)))
        engine.schedule(.restartContainer(container: c), after: delay)
    }

    /// Containers whose restart is scheduled.
    private var pendingRestart = Set<Int>()

    /// When no regular container runs and none will restart, the kubelet kills the pod: the
    /// sidecars are stopped (in their order, with the pod's grace) and not restarted.
    private func podMayBeComplete() {
        let regular = runtime.containers.indices.filter { !runtime.containers[$0].isSidecar }
        guard !terminating, regular.allSatisfy({ !runtime.containers[$0].running && !pendingRestart.contains($0) }) else { return }
        engine.record(.kubelet, .regularContainersDone, rule: .kubeletPodComplete)
        killPod(grace: max(1, podSpec.terminationGracePeriodSeconds), rule: .kubeletPodComplete)
    }

    func restart(container c: Int) {
        pendingRestart.remove(c)
        guard !terminating, !runtime.containers[c].running else { return }
        terms[c].phase = .running
        restarts[c] += 1
        engine.record(.kubelet, .containerRestarted(restartCount: restarts[c]), container: c, rule: .kubeletRestart)
        runtime.start(c)
        engine.network.containerStarted(c, readyIn: runtime.readyAfter(c))
    }
}
