/// An eviction: through the Eviction API (`kubectl drain`) or by scheduler preemption, which
/// delete the pod with its own grace; or by node pressure, a kill the kubelet starts itself
/// with its own grace override.
///
/// Rules: `eviction.api`, `preemption`, `eviction.soft`, `eviction.hard`.
struct PodEviction: Stopper {
    let eviction: Eviction

    func validate(in scenario: Scenario) throws { try requireKubernetes(scenario) }

    func act(_ engine: Engine) {
        let e = eviction
        let podGrace = engine.scenario.pod.terminationGracePeriodSeconds
        switch e {
        case .api:
            engine.record(.kubectl, .evicted(e, grace: podGrace), rule: .evictionAPI)
            engine.api.delete(grace: podGrace)
        case .preemption:
            engine.record(.scheduler, .evicted(e, grace: podGrace), rule: .preemption)
            engine.api.delete(grace: podGrace)
        case .softPressure(let maxGrace):
            // eviction.soft: min(max, pod grace) since 1.32; the max verbatim before. 0 falls back to the pod's grace.
            let override = engine.scenario.kubernetesVersion >= KubernetesVersion(1, 32) ? min(maxGrace, podGrace) : maxGrace
            engine.record(.kubelet, .evicted(e, grace: override), rule: .evictionSoft)
            engine.kubelet.kubeletInitiatedKill(override: override, reason: "Evicted")
        case .hardPressure:
            // eviction.hard: override 1 since 1.31; 0 before, which fell back to the pod's full grace.
            let override = engine.scenario.kubernetesVersion >= KubernetesVersion(1, 31) ? 1 : 0
            engine.record(.kubelet, .evicted(e, grace: override), rule: .evictionHard)
            engine.kubelet.kubeletInitiatedKill(override: override, reason: "Evicted")
        }
    }
}
