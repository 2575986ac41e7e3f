/// A Docker CLI command against every running container (front door `docker`): `docker stop`
/// (its signal, then SIGKILL after its timeout), `docker kill`, `docker rm -f`. `Docker`
/// keeps the stop timeouts and reports the exits.
///
/// Rules: `docker.stop`, `docker.kill`, `docker.rm-force`, `docker.rm-destroys`, `cri.stop-timeout-0` (a refused `docker rm`).
struct DockerCLI: Stopper {
    let command: DockerCommand

    func validate(in scenario: Scenario) throws {
        if scenario.frontDoor != .docker { throw ModelError.wrongFrontDoor(action: "docker", frontDoor: scenario.frontDoor) }
    }

    func act(_ engine: Engine) {
        let runtime = engine.runtime!
        for c in runtime.containers.indices where runtime.containers[c].running {
            guard let pid = runtime.initProcess(c) else { continue }
            run(on: c, pid: pid, engine)
        }
    }

    private func run(on c: Int, pid: Int, _ engine: Engine) {
        let cmd = command
        switch cmd {
        case .stop(let time, let signal):
            let sig = signal ?? engine.runtime.containers[c].stopSignal
            let timeout = time ?? engine.scenario.dockerStopTimeout ?? DockerCommand.defaultStopTimeout
            engine.record(.docker, .dockerCommand(cmd, timeout: timeout), container: c, rule: .dockerStop)
            engine.kernel.send(sig, to: pid, origin: .runtime, actor: .docker)
            if timeout >= 0 {
                engine.scheduleDeadline(.dockerStopTimeout(container: c, instance: engine.runtime.containers[c].instance), after: GraceSeconds(timeout).millis)
            }
        case .kill(let signal):
            let sig = signal ?? .kill
            engine.record(.docker, .dockerCommand(cmd, timeout: nil), container: c, rule: .dockerKill)
            engine.kernel.send(sig, to: pid, origin: .runtime, actor: .docker)
        case .removeForce:
            engine.record(.docker, .dockerCommand(cmd, timeout: nil), container: c, rule: .dockerRemoveForce)
            engine.docker.removeWhenStopped(c)
            engine.kernel.send(.kill, to: pid, origin: .runtime, actor: .docker)
        case .remove:
            engine.record(.docker, .dockerCommand(cmd, timeout: nil), container: c, rule: .criStopTimeout0)
        }
    }
}
