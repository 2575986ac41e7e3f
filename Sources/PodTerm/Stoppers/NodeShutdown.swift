/// Graceful node shutdown: regular pods get shutdownGracePeriod − shutdownGracePeriodCriticalPods,
/// critical pods the rest, each capped by the pod's own grace; the pod ends Failed, Terminated.
///
/// Rule: `node-shutdown`.
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
        engine.kubelet.kubeletInitiatedKill(override: override, reason: "Terminated")
    }
}
