/// An eviction: through the Eviction API (`kubectl drain`) or by scheduler preemption, which
/// delete the pod with its own grace; or by node pressure, a kill the kubelet starts itself
/// with its own grace override. Each sets the pod's `DisruptionTarget` condition first.
///
/// A drain's eviction of a running pod that a PodDisruptionBudget protects is refused with 429;
/// drain retries every 5 s until its timeout.
///
/// Rules: `eviction.api`, `eviction.pdb`, `api.disruption-target`, `preemption`,
/// `eviction.soft`, `eviction.hard`.
struct PodEviction: Stopper {
    let eviction: Eviction

    /// kubectl drain's wait between two evictions refused with 429.
    static let drainRetryInterval: Millis = 5_000

    /// A drain (the Eviction API) acts on the API object: it deletes it, so it is still played
    /// once the containers are gone.
    var actsOnTheAPIObject: Bool {
        if case .api = eviction { return true }
        return false
    }

    func validate(in scenario: Scenario) throws { try requireKubernetes(scenario) }

    func act(_ engine: Engine) {
        let e = eviction
        let podGrace = engine.scenario.pod.terminationGracePeriodSeconds
        switch e {
        case .api:
            attempt(engine, startedAt: engine.now)
        case .preemption:
            engine.record(.scheduler, .evicted(e, grace: podGrace), rule: .preemption)
            Self.setDisruptionTarget(engine, .scheduler, .preemptionByScheduler)
            engine.api.delete(grace: podGrace)
        case .softPressure(let maxGrace):
            // eviction.soft: min(max, pod grace) since 1.32; the max verbatim before. 0 falls back to the pod's grace.
            let override = engine.scenario.kubernetesVersion >= KubernetesVersion(1, 32) ? min(maxGrace, podGrace) : maxGrace
            engine.record(.kubelet, .evicted(e, grace: override), rule: .evictionSoft)
            Self.setDisruptionTarget(engine, .kubelet, .terminationByKubelet)
            engine.kubelet.kubeletInitiatedKill(override: override, reason: "Evicted")
        case .hardPressure:
            // eviction.hard: override 1 since 1.31; 0 before, which fell back to the pod's full grace.
            let override = engine.scenario.kubernetesVersion >= KubernetesVersion(1, 31) ? 1 : 0
            engine.record(.kubelet, .evicted(e, grace: override), rule: .evictionHard)
            Self.setDisruptionTarget(engine, .kubelet, .terminationByKubelet)
            engine.kubelet.kubeletInitiatedKill(override: override, reason: "Evicted")
        }
    }

    /// One try of kubectl drain's eviction loop, started at `startedAt`: give up once the
    /// timeout has passed; else the Eviction API refuses it with 429 while the budget protects
    /// the pod (drain tries again 5 s later), or sets DisruptionTarget and deletes the pod.
    func attempt(_ engine: Engine, startedAt: Millis) {
        guard case .api(let timeout) = eviction else { return }
        let podGrace = engine.scenario.pod.terminationGracePeriodSeconds
        if let timeout, timeout > 0, engine.now - startedAt >= timeout {
            engine.record(.kubectl, .drainGaveUp(timeout: timeout), rule: .evictionPDB)
            return
        }
        // canIgnorePDB: a Pending, terminal or already deleted pod is evicted whatever the budget.
        let ignoresBudget = !engine.scenario.pod.scheduled || engine.podGoneAt != nil || engine.api.deletionGrace != nil
        if let budget = engine.scenario.disruptionBudget, !ignoresBudget, !budget.allowsEviction(at: engine.now) {
            engine.record(.api, .evictionRefused(retryIn: Self.drainRetryInterval), rule: .evictionPDB)
            engine.schedule(.drainRetry(eviction, startedAt: startedAt), after: Self.drainRetryInterval)
            return
        }
        engine.record(.kubectl, .evicted(eviction, grace: podGrace), rule: .evictionAPI)
        Self.setDisruptionTarget(engine, .api, .evictionByEvictionAPI)
        engine.api.delete(grace: podGrace)
    }

    /// api.disruption-target: the condition comes first, before the delete or the kill (since 1.26).
    static func setDisruptionTarget(_ engine: Engine, _ actor: Actor, _ reason: DisruptionReason) {
        guard engine.scenario.kubernetesVersion >= DisruptionReason.since else { return }
        engine.record(actor, .disruptionTarget(reason), rule: .apiDisruptionTarget)
    }
}
