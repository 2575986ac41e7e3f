/// Moments kept with a timeline so that any moment costs a bounded number of event applications.
///
/// The first moment (before any event) is always kept; then one every `spacing` events, where
/// the spacing grows with the size of the state (`max(minimumSpacing, processes + containers)`),
/// so the snapshots' memory stays linear in the number of events however wide the process tree.
/// `Timeline.moment(...)` starts from the nearest snapshot at or before the event it wants:
/// at most one spacing of applications, as cheap backward as forward.
public struct MomentSnapshots: Sendable, Equatable {
    /// The fewest events between two snapshots.
    public static let minimumSpacing = 512

    /// The snapshots, by increasing `eventCount`; the first has `eventCount` 0.
    public private(set) var moments: [Moment]

    /// Starts with the first moment.
    init(first: Moment) { moments = [first] }

    /// Whether a snapshot is due now that `m` has been reached.
    func isDue(_ m: Moment) -> Bool {
        let spacing = max(Self.minimumSpacing, m.processes.count + m.containers.count)
        return m.eventCount - moments[moments.count - 1].eventCount >= spacing
    }

    /// Keeps `m`.
    mutating func keep(_ m: Moment) { moments.append(m) }

    /// The latest snapshot taken after at most `eventCount` events.
    func nearest(atMost eventCount: Int) -> Moment {
        var lo = 0, hi = moments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if moments[mid].eventCount <= eventCount { lo = mid } else { hi = mid - 1 }
        }
        return moments[lo]
    }
}
