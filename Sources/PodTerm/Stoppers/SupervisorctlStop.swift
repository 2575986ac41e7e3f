/// `supervisorctl stop NAME`: the live supervisor that runs NAME stops that one program (its
/// stopsignal, then SIGKILL after `stopwaitsecs`); nothing happens when none runs it.
///
/// Rule: `supervisord.stop`.
struct SupervisorctlStop: Stopper {
    let program: String

    func act(_ engine: Engine) {
        let kernel = engine.kernel!
        for (pid, p) in kernel.procs.enumerated() where p.alive {
            if let supervisor = p.program.supervisorControl, supervisor.runs(program) {
                supervisor.stopOne(program, ProcessHandle(kernel: kernel, pid: pid))
                return
            }
        }
    }
}
