/// How a process of the http-drain model ended.
public enum HTTPDrainExitCause: String, Hashable, Sendable {
    /// Not ended (the document's `exit_cause = "-"`); only seen if the run stopped early.
    case none = "-"
    /// Exited after SIGTERM once no request was in flight.
    case drained
    /// Killed by SIGKILL at the end of the grace period.
    case killed
}

/// The outcome of one run of the http-drain model: the values the document's reference table
/// compares.
public struct HTTPDrainResult: Hashable, Sendable {
    /// Model events popped and handled (ARRIVAL, COMPLETE, STOP, DELETE, SIGTERM, KILL).
    public var events: Int
    /// Requests whose service completed before the process exited.
    public var served: Int
    /// Requests that arrived while the listener was closed or the process was gone.
    public var refused: Int
    /// Requests in flight when SIGKILL arrived.
    public var failed: Int
    /// How the process ended.
    public var exitCause: HTTPDrainExitCause
    /// When the process ended, in ms; -1 if it did not.
    public var exitMs: Int
    /// When the run stopped (all consumers stopped and the process gone), in ms; -1 if it did not.
    public var endMs: Int

    /// A result with every value given.
    public init(
        events: Int, served: Int, refused: Int, failed: Int,
        exitCause: HTTPDrainExitCause, exitMs: Int, endMs: Int
    ) {
        self.events = events
        self.served = served
        self.refused = refused
        self.failed = failed
        self.exitCause = exitCause
        self.exitMs = exitMs
        self.endMs = endMs
    }
}
