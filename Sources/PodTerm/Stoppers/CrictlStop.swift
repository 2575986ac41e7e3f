/// `crictl stop --timeout N CONTAINER` from the node: a CRI `StopContainer` straight to the
/// runtime, around the kubelet. With a timeout the stop signal goes to PID 1 and SIGKILL after
/// it; with 0, SIGKILL at once and no stop signal. The kubelet only sees the exit, and restarts
/// the container as its `restartPolicy` says.
///
/// Rules: `containerd.stop`, `cri.stop-timeout-0`.
struct CrictlStop: Stopper {
    let container: String
    let timeout: Int

    func validate(in scenario: Scenario) throws {
        if scenario.frontDoor != .kubernetes { throw ModelError.wrongFrontDoor(action: "crictlStop", frontDoor: scenario.frontDoor) }
        try requireContainer(container, in: scenario)
    }

    func act(_ engine: Engine) {
        let runtime = engine.runtime!
        guard let c = runtime.index(of: container), runtime.containers[c].running else { return }
        engine.record(.node, .stopContainer(timeout: timeout, floored: false, graceLeft: timeout), container: c,
                      rule: timeout == 0 ? .criStopTimeout0 : .containerdStop)
        runtime.stop(c, timeout: timeout)
    }
}
