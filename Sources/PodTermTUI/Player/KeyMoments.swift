import PodTerm

/// The events `]` and `[` jump between: a stop signal or SIGKILL from outside, a process
/// killed, a container's exit, an endpoint change, the pod gone.
public enum KeyMoments {
    /// Whether event `e` is a key moment.
    public static func isKey(_ e: TimelineEvent) -> Bool {
        switch e.kind {
        case .signalSent(let origin): return origin == .runtime || e.signal == .kill
        case .killedBySignal, .containerExited, .endpointNotReady, .endpointRemoved, .endpointChanged, .consumerStopped, .consumerResumed, .podGone,
             .preStopStarted, .podTerminating:
            return true
        default: return false
        }
    }

    /// The indices of the key events of `t`, in order.
    public static func indices(_ t: Timeline) -> [Int] { t.events.indices.filter { isKey(t.events[$0]) } }
}
