/// Graceful node shutdown: regular pods get shutdownGracePeriod − shutdownGracePeriodCriticalPods,
/// critical pods the rest, each capped by the pod's own grace; the pod ends Failed, Terminated.
///
/// Rules: `node.shutdown`, `api.disruption-target`.
struct NodeShutdown: Stopper {
    /// `shutdownGracePeriod` and `shutdownGracePeriodCriticalPods`, in seconds.
    let gracePeriod: Int
    let criticalPodsGracePeriod: Int

    func validate(in scenario: Scenario) throws { try requireKubernetes(scenario) }

    func act(_ engine: Engine) {
        let critical = engine.scenario.criticalPod
        let group = critical ? criticalPodsGracePeriod : gracePeriod - criticalPodsGracePeriod
        let override = min(max(0, group), engine.scenario.pod.terminationGracePeriodSeconds)
        engine.record(.kubelet, .nodeShuttingDown(grace: override, critical: critical), rule: .nodeShutdown)
        PodEviction.setDisruptionTarget(engine, .kubelet, .terminationByKubelet)
        engine.kubelet.kubeletInitiatedKill(override: override, reason: "Terminated")
    }
}
