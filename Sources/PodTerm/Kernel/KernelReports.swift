/// What the kernel tells the layer above it (the container runtime's shim): the only way the
/// kernel reaches upward. Called synchronously, at the moment the kernel collects the process,
/// so the order of events is the same as if the kernel had called the shim itself.
protocol KernelReports: AnyObject {
    /// A process started from outside its namespace (an exec'd hook) ended; the shim collected it.
    func execProcessExited(_ pid: Int, status: WaitStatus)
    /// PID 1 of namespace `ns` died, every other member was killed and collected: the
    /// container's task has exited with `status`, killed by `killedBy` when a signal did it.
    func namespaceInitExited(namespace ns: Int, status: WaitStatus, killedBy: SignalOrigin?)
}
