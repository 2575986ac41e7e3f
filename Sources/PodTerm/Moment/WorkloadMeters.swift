import OrderedCollections

/// One workload's meters at one moment: its figures as of its last change.
///
/// A meter changes only at an event (a listener closing, a consumer applying the EndpointSlice
/// change, a process dying…): traffic at a constant rate is counted in closed form between
/// changes, so there is no event per request. Between two changes the figures are those of the
/// last one (`asOf`).
public struct WorkloadMeters: Sendable, Equatable {
    /// The workload's name.
    public var name: String
    /// `traffic`, `kafka` or `outbound`: its kind, the prefix of its figures.
    public var kind: String
    /// The figures' names, in their fixed order.
    public var names: [String]
    /// The figures' values, in the same order.
    public var values: [FigureValue]
    /// When the figures last changed.
    public var asOf: Millis

    /// The figures as (name, value), in order.
    public var figures: OrderedDictionary<String, FigureValue> {
        var d = OrderedDictionary<String, FigureValue>(minimumCapacity: names.count)
        for (n, v) in zip(names, values) { d[n] = v }
        return d
    }
}
