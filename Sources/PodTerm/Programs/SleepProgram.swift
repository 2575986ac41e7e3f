/// coreutils `sleep N`: waits and exits 0. No handlers, so SIGTERM kills it (unless it is PID 1).
final class SleepProgram: ProgramModel {
    /// Serves nothing itself: ready at once (what it runs answers for itself).
    var readyAfter: Millis { 0 }

    let duration: Millis

    init(duration: Millis) { self.duration = duration }

    func start(_ p: ProcessHandle) { p.after(duration, .runTimeOver) }
    func handleSignal(_ s: Signal, _ p: ProcessHandle) {}
    func childDied(_ child: Int, _ status: WaitStatus, _ p: ProcessHandle) {}
    func timer(_ timer: ProgramTimer, _ p: ProcessHandle) { if timer == .runTimeOver { p.exit(0) } }
}
