/// Docker on its own, the front door `docker`: `docker stop`, `docker kill`, `docker rm -f`
/// against the containers, and the exit code `docker inspect` reports. No kubelet, no preStop.
///
/// Rules: `docker.stop`, `docker.kill` in `kubelet.md` (moby `daemon/stop.go`, `daemon/kill.go`).
final class Docker {
    unowned let engine: Engine

    init(engine: Engine) { self.engine = engine }

    var runtime: ContainerRuntime { engine.runtime }

    func perform(_ cmd: DockerCommand) {
        for c in runtime.containers.indices where runtime.containers[c].running {
            perform(cmd, on: c)
        }
    }

    private func perform(_ cmd: DockerCommand, on c: Int) {
        guard let pid = runtime.initProcess(c) else { return }
        switch cmd {
        case .stop(let time, let signal):
            let sig = signal ?? runtime.containers[c].stopSignal
            let timeout = time ?? engine.scenario.dockerStopTimeout ?? DockerCommand.defaultStopTimeout
            engine.record(.docker, .dockerCommand(cmd, timeout: timeout), container: c, rule: .dockerStop)
            engine.recorder.containers[c].stopSignalAt = engine.now
            engine.kernel.send(sig, to: pid, origin: .runtime, actor: .docker)
            if timeout >= 0 {
                engine.scheduleDeadline(.dockerStopTimeout(container: c, instance: runtime.containers[c].instance), after: GraceSeconds(timeout).millis)
            }
        case .kill(let signal):
            let sig = signal ?? .kill
            engine.record(.docker, .dockerCommand(cmd, timeout: nil), container: c, rule: .dockerKill)
            engine.kernel.send(sig, to: pid, origin: .runtime, actor: .docker)
        case .removeForce:
            engine.record(.docker, .dockerCommand(cmd, timeout: nil), container: c, rule: .dockerRemoveForce)
            engine.kernel.send(.kill, to: pid, origin: .runtime, actor: .docker)
        }
    }

    /// `docker stop`'s timeout ran out: a deadline (`tie.exit-before-deadline`), so a container
    /// that exited at that very instant is not running any more and gets no SIGKILL (moby's
    /// `containerStop` returned from its wait; `Kill` on a stopped container does nothing).
    func stopTimeout(container c: Int, instance: Int) {
        guard runtime.containers[c].instance == instance, runtime.containers[c].running, let pid = runtime.initProcess(c) else { return }
        engine.kernel.send(.kill, to: pid, origin: .runtime, actor: .docker)
    }

    /// A container exited: Docker records its state; the run ends when none is left running.
    func containerExited(_ c: Int) {
        guard let exit = engine.recorder.containers[c].lastExit else { return }
        engine.record(.docker, .dockerExited(code: exit.code, oomKilled: exit.reason == .oomKilled), container: c, rule: .dockerExited)
        if runtime.containers.allSatisfy({ !$0.running }) { engine.finish() }
    }
}
