/// The payload of one scheduled event of the http-drain model: the six kinds of
/// `shared/bench/http-drain.md`.
///
/// Consumer indices are stored as `Int32` so the payload stays small in the heap
/// (``HTTPDrainParameter/maximumConsumers`` keeps them in range).
public enum HTTPDrainEvent: Hashable, Sendable {
    /// Consumer `i` sends a request now.
    case arrival(Int32)
    /// A request's service time has elapsed.
    case complete
    /// Consumer `i` has learnt the endpoint is gone and stops sending.
    case stop(Int32)
    /// The pod is deleted: schedules SIGTERM (after the preStop) and SIGKILL (after the grace period).
    case delete
    /// SIGTERM reaches the server: the listener closes and in-flight requests drain.
    case sigterm
    /// SIGKILL: in-flight requests fail.
    case kill
}
