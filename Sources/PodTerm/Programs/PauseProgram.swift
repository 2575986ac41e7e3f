/// The pause process (`/pause`, the pod sandbox's infra container): with
/// `shareProcessNamespace: true`, PID 1 of the pod's one PID namespace.
///
/// - Catches SIGINT and SIGTERM and exits 0 (`sigdown`).
/// - Catches SIGCHLD and reaps every dead child, orphans re-parented to it included
///   (`sigreap`: `waitpid(-1, NULL, WNOHANG)` until none is left).
/// - Otherwise sleeps in `pause()` forever. The runtime stops it with SIGKILL
///   (`StopPodSandbox`), which as PID 1 it cannot catch: the kernel then kills what is left
///   in the namespace.
///
/// Rules: `pause.init`, `kubelet.sandbox-stop`. Source: kubernetes `build/pause/linux/pause.c`.
final class PauseProgram: ProgramModel {
    /// Serves nothing: ready at once.
    var readyAfter: Millis { 0 }

    func start(_ p: ProcessHandle) {
        p.setDisposition(.int, .handler)
        p.setDisposition(.term, .handler)
        p.setDisposition(.chld, .handler)
    }

    func handleSignal(_ s: Signal, _ p: ProcessHandle) {
        guard s == .int || s == .term else { return }
        p.exit(0, rule: .pauseInit)
    }

    func childDied(_ child: Int, _ status: WaitStatus, _ p: ProcessHandle) {
        p.reap(child, rule: .pauseInit)
    }

    func timer(_ timer: ProgramTimer, _ p: ProcessHandle) {}
}
