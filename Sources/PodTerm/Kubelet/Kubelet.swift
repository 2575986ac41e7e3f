/// The kubelet's part, with the API server's and kubectl's share of a deletion: the grace
/// period, Terminating, preStop hooks, the stop call to the runtime with its 2-second floor,
/// sidecar ordering, restarts, and the pod's end.
///
/// Rules: `kubelet.md`. Version differences follow `Scenario.kubernetesVersion`.
final class Kubelet {
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
        var grace = 0
        /// Identifies the current kill, so late answers from an earlier one do nothing.
        var run = 0
    }

    var terms: [Termination] = []
    var terminating = false
    var effectiveGrace = 0
    var nextRun = 0

    init(engine: Engine) {
        self.engine = engine
        terms = Array(repeating: Termination(), count: engine.scenario.pod.sidecars.count + engine.scenario.pod.containers.count)
    }

    var runtime: ContainerRuntime { engine.runtime }
    var version: KubernetesVersion { engine.scenario.kubernetesVersion }
    var podSpec: PodSpec { engine.scenario.pod }

    // MARK: scenario actions

    func perform(_ action: StopAction) {
        switch action.kind {
        case .delete(let opts): delete(opts)
        case .oomKill(let name):
            if let c = runtime.index(of: name) { runtime.oomKill(c) }
        }
    }

    /// `kubectl delete pod`, the API server's answer, and the kubelet's start of termination.
    func delete(_ opts: DeleteOptions) {
        let pod = engine.recorder.pod
        guard pod.deletedAt == nil, !terminating else { return }
        let specGrace = podSpec.terminationGracePeriodSeconds
        // kubectl.grace-flags: --now ⇒ 1; --grace-period=0 without --force ⇒ 1.
        var grace: Int
        if opts.now {
            grace = 1
        } else if let g = opts.gracePeriod {
            grace = (g == 0 && !opts.force) ? 1 : g
        } else {
            grace = opts.force ? 0 : specGrace
        }
        if grace < 0 { grace = 1 }
        engine.record(.kubectl, .deleteRequested(opts, grace: grace), rule: .kubectlGraceFlags)
        engine.recorder.pod.deletedAt = engine.now
        engine.recorder.pod.deletionGrace = grace
        engine.record(.api, .podTerminating(grace: grace), rule: .apiDeleteGrace)
        if grace == 0 {
            engine.recorder.pod.objectRemovedAt = engine.now
            engine.record(.api, .podObjectRemoved, rule: .apiForceDelete)
        }
        engine.network.podTerminating()
        // kubelet.effective-grace: explicit 0 falls back to the pod's own; never below 1.
        let effective: Int
        let rule: Rule
        if grace == 0 {
            effective = max(1, specGrace)
            rule = .kubeletForceDeleteFullGrace
        } else {
            effective = max(1, grace)
            rule = .kubeletEffectiveGrace
        }
        killPod(grace: effective, rule: rule)
    }

    /// Stops every running container in parallel with `grace` seconds.
    func killPod(grace: Int, rule: Rule) {
        terminating = true
        effectiveGrace = grace
        engine.recorder.pod.effectiveGrace = grace
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

    private func killContainer(_ c: Int, grace: Int) {
        nextRun += 1
        terms[c] = Termination(phase: .running, grace: grace, run: nextRun)
        if let hook = runtime.containers[c].spec.preStop, grace > 0 {
            startPreStop(c, hook)
        } else {
            afterPreStop(c)
        }
    }

    private func startPreStop(_ c: Int, _ hook: LifecycleHandler) {
        let run = terms[c].run
        terms[c].phase = .preStop(startedAt: engine.now)
        engine.recorder.containers[c].preStop = PreStopRecord(startedAt: engine.now, endedAt: nil, succeeded: false, abandoned: false)
        engine.record(.kubelet, .preStopStarted(hook), container: c, rule: .kubeletPreStopHandlers)
        engine.schedule(.preStopDeadline(container: c, run: run), after: terms[c].grace * 1000)
        switch hook {
        case .sleep(let seconds):
            engine.schedule(.preStopCompletes(container: c, run: run, succeeded: true, detail: 0), after: seconds * 1000)
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
        engine.recorder.containers[c].preStop?.endedAt = engine.now
        engine.recorder.containers[c].preStop?.succeeded = succeeded
        engine.record(.kubelet, .preStopFinished(succeeded: succeeded, elapsed: elapsed, detail: detail), container: c,
                      rule: succeeded ? .kubeletPreStopBudget : .kubeletPreStopFails)
        terms[c].grace -= elapsed / 1000
        afterPreStop(c)
    }

    func preStopDeadline(container c: Int, run: Int) {
        guard terms[c].run == run, case .preStop(let started) = terms[c].phase else { return }
        let elapsed = engine.now - started
        engine.recorder.containers[c].preStop?.endedAt = engine.now
        engine.recorder.containers[c].preStop?.abandoned = true
        engine.record(.kubelet, .preStopAbandoned(elapsed: elapsed), container: c, rule: .kubeletPreStopOverrun)
        terms[c].grace -= elapsed / 1000
        afterPreStop(c)
    }

    private func afterPreStop(_ c: Int) {
        if runtime.containers[c].isSidecar && version >= KubernetesVersion(1, 29) {
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
        engine.record(.kubelet, .sidecarWaits, container: c, rule: .kubeletSidecarOrder)
        engine.schedule(.sidecarDeadline(container: c, run: terms[c].run), after: terms[c].grace * 1000)
    }

    func sidecarDeadline(container c: Int, run: Int) {
        guard terms[c].run == run, case .waitingTurn(let since) = terms[c].phase else { return }
        terms[c].grace -= (engine.now - since) / 1000
        callStop(c)
    }

    private func sidecarTurnsMayHaveCome() {
        for c in terms.indices {
            guard case .waitingTurn(let since) = terms[c].phase else { continue }
            if prerequisites(of: c).allSatisfy({ terms[$0].phase == .exited }) {
                terms[c].grace -= (engine.now - since) / 1000
                callStop(c)
            }
        }
    }

    // MARK: StopContainer

    private func callStop(_ c: Int) {
        terms[c].phase = .stopping
        var timeout = terms[c].grace
        var floored = false
        let rule: Rule
        if version >= KubernetesVersion(1, 28) {
            if timeout < 2 {
                timeout = 2
                floored = true
            }
            let hadHook = runtime.containers[c].spec.preStop != nil
            rule = floored ? .kubeletMin2s : (hadHook ? .kubeletPreStopBudget : .containerdStop)
        } else {
            // ≤ 1.27: the 2 s floor applied to what the hook left, then the override replaced it.
            timeout = effectiveGrace
            rule = .kubeletPreStopBudgetLegacy
        }
        guard runtime.containers[c].running else {
            containerStopped(c)
            return
        }
        engine.record(.kubelet, .stopContainer(timeout: timeout, floored: floored), container: c, rule: rule)
        runtime.stop(c, timeout: timeout)
    }

    // MARK: exits

    /// The runtime reports that container `c` exited.
    func containerExited(_ c: Int, code: Int, reason: ContainerReason) {
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
        maybeRestart(c, code: code)
    }

    private func containerStopped(_ c: Int) {
        guard terms[c].phase != .exited else { return }
        terms[c].phase = .exited
        sidecarTurnsMayHaveCome()
        if terms.allSatisfy({ $0.phase == .exited }) { podGone() }
    }

    private func podGone() {
        let exits = engine.recorder.containers.compactMap(\.lastExit)
        let phase: PodPhase = exits.allSatisfy { $0.code == 0 } ? .succeeded : .failed
        engine.recorder.pod.goneAt = engine.now
        engine.recorder.pod.phase = phase
        engine.record(.kubelet, .podGone(phase: phase), rule: .kubeletPodGone)
        if engine.recorder.pod.objectRemovedAt == nil {
            engine.recorder.pod.objectRemovedAt = engine.now
            engine.record(.api, .podObjectRemoved, rule: .kubeletPodGone)
        }
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
        guard restart else { return }
        let restarts = engine.recorder.containers[c].restarts
        // First restart at once; then 10 s, doubling, capped at 5 min.
        let delay = restarts == 0 ? 0 : min(300_000, 10_000 << min(restarts - 1, 5))
        engine.schedule(.restartContainer(container: c), after: delay)
    }

    func restart(container c: Int) {
        guard !terminating, !runtime.containers[c].running else { return }
        engine.recorder.containers[c].restarts += 1
        engine.record(.kubelet, .containerRestarted(restartCount: engine.recorder.containers[c].restarts), container: c, rule: .kubeletRestart)
        runtime.start(c)
    }
}
