/// A failed liveness or startup probe: the kubelet kills the container and restarts it per
/// restartPolicy; the pod goes on. The grace (`kubelet.probe-grace`): the stop's own value
/// (the scenario overriding the probe), else that probe's `terminationGracePeriodSeconds` in
/// the container (even if larger than the pod's), else the pod's.
struct ProbeRestart: Stopper {
    let container: String
    let probe: ProbeKind
    let grace: Int?

    func validate(in scenario: Scenario) throws { try requireContainer(container, in: scenario) }

    func act(_ engine: Engine) {
        guard let c = engine.runtime.index(of: container), engine.kubelet.mayKillForProbe(c) else { return }
        let g = grace ?? engine.runtime.containers[c].spec.probeGracePeriodSeconds[probe] ?? engine.scenario.pod.terminationGracePeriodSeconds
        engine.record(.kubelet, .probeFailed(probe, grace: g), container: c, rule: .kubeletProbeGrace)
        engine.kubelet.killContainer(c, grace: g)
    }
}
