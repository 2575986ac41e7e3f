/// Docker on its own, the front door `docker`: the timeout of a `docker stop` (the commands
/// themselves are the `DockerCLI` stopper), and the exit code `docker inspect` reports. No
/// kubelet, no preStop.
///
/// Rules: `docker.stop`, `docker.kill` in `kubelet.md` (moby `daemon/stop.go`, `daemon/kill.go`).
final class Docker: ContainerExitReports {
    unowned let engine: Engine

    /// Containers a `docker rm -f` is removing: removed once they have stopped.
    private var removing = Set<Int>()

    init(engine: Engine) { self.engine = engine }

    /// `docker rm -f` killed running container `c`: the daemon removes it once it has stopped
    /// (`docker.rm-destroys`).
    func removeWhenStopped(_ c: Int) { removing.insert(c) }

    var runtime: ContainerRuntime { engine.runtime }

    /// `docker stop`'s timeout ran out: a deadline (`tie.exit-before-deadline`), so a container
    /// that exited at that very instant is not running any more and gets no SIGKILL (moby's
    /// `containerStop` returned from its wait; `Kill` on a stopped container does nothing).
    func stopTimeout(container c: Int, instance: Int) {
        guard runtime.containers[c].instance == instance, runtime.containers[c].running, let pid = runtime.initProcess(c) else { return }
        engine.kernel.send(.kill, to: pid, origin: .runtime, actor: .docker)
    }

    /// A container exited: Docker records its state; the run ends when none is left running.
    /// (Under Docker the runtime reports exits here, not to the kubelet: nothing restarts.)
    func containerExited(_ c: Int, code: Int, reason: ContainerReason) {
        engine.record(.docker, .dockerExited(code: code, oomKilled: reason == .oomKilled), container: c, rule: .dockerExited)
        if removing.remove(c) != nil {
            engine.record(.docker, .dockerRemoved, container: c, rule: .dockerRemoveDestroys)
        }
        if runtime.containers.allSatisfy({ !$0.running }) { engine.finish() }
    }
}
