extension Timeline {
    /// The state before the first event: the containers declared, nothing started.
    public var firstMoment: Moment { snapshots.moments[0] }

    /// The state after event number `index` was applied (`events[index]`); a negative index
    /// gives the first moment. Costs at most one snapshot spacing of event applications.
    public func moment(afterEvent index: Int) -> Moment {
        let count = min(max(index + 1, 0), events.count)
        var fold = MomentFold(from: snapshots.nearest(atMost: count))
        while fold.moment.eventCount < count { fold.apply(events[fold.moment.eventCount]) }
        return fold.moment
    }

    /// The state after every event at or before `time`, with `time` as its time, the
    /// workloads' figures counted up to it (`WorkloadMeters.projected(to:)`).
    public func moment(at time: Millis) -> Moment {
        // The number of events at or before `time` (events are in time order).
        var lo = 0, hi = events.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if events[mid].time <= time { lo = mid + 1 } else { hi = mid }
        }
        var m = moment(afterEvent: lo - 1)
        m.time = time
        m.workloads = m.workloads.map { $0.projected(to: time) }
        return m
    }
}
