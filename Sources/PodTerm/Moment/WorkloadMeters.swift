import OrderedCollections

/// One workload's meters at one moment.
///
/// A meter's law changes only at an event (a listener closing, a consumer applying the
/// EndpointSlice change, a process dying…); between two changes the figures grow by `growth`
/// in closed form, so there is no event per request. `values` are as of `asOf`; a moment at a
/// later time (`Timeline.moment(at:)`) holds them `projected(to:)` its time.
public struct WorkloadMeters: Sendable, Equatable {
    /// The workload's name.
    public var name: String
    /// `traffic`, `kafka` or `outbound`: its kind, the prefix of its figures.
    public var kind: String
    /// The figures' names, in their fixed order.
    public var names: [String]
    /// The figures' values, in the same order.
    public var values: [FigureValue]
    /// When the figures were counted.
    public var asOf: Millis
    /// How they grow from `asOf` until the next change.
    public var growth: MeterGrowth

    /// The meters at `t` (not before `asOf`): exact for constant traffic, messages and calls;
    /// as of the last change for Poisson arrivals (`MeterGrowth.notClosedForm`).
    public func projected(to t: Millis) -> WorkloadMeters {
        // Figures that do not grow stay as they are; those not in closed form keep the time
        // they were counted at (`isExact(at:)`).
        guard t > asOf, growth != .none, growth != .notClosedForm else { return self }
        var m = self
        (m.values, m.growth) = growth.projected(values, from: asOf, to: t)
        m.asOf = t
        return m
    }

    /// Whether `values` are those at `t`, not only as of the last change.
    public func isExact(at t: Millis) -> Bool { t <= asOf || growth != .notClosedForm }

    /// The figures as (name, value), in order.
    public var figures: OrderedDictionary<String, FigureValue> {
        var d = OrderedDictionary<String, FigureValue>(minimumCapacity: names.count)
        for (n, v) in zip(names, values) { d[n] = v }
        return d
    }
}
