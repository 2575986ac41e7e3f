/// What the container runtime tells the front door above it (the kubelet, or Docker on its
/// own): a container's task exited. The only way the runtime reaches upward.
protocol ContainerExitReports: AnyObject {
    /// Container `c` exited with `code`, for `reason`.
    func containerExited(_ c: Int, code: Int, reason: ContainerReason)
}

/// What the container runtime tells whoever runs exec hooks in a container (the kubelet).
protocol ExecHookReports: AnyObject {
    /// The exec hook of kill `run` in container `c` ended with `status` (or died with its container).
    func execHookExited(container c: Int, run: Int, status: WaitStatus)
}
