import OrderedCollections

/// What one workload counted during a run: its figures by short name (`served`, `lost`…).
///
/// `Outcome` sums them over the workloads of a kind into `traffic.*`, `kafka.*` and
/// `outbound.*` (durations: the longest).
public struct WorkloadRecord: Sendable, Equatable {
    /// The workload's name.
    public var name: String
    /// `traffic`, `kafka` or `outbound`: the prefix of its figures.
    public var prefix: String
    /// Its figures, in a fixed order.
    public var figures: OrderedDictionary<String, FigureValue>

    /// Creates a record.
    public init(name: String, prefix: String, figures: OrderedDictionary<String, FigureValue>) {
        self.name = name
        self.prefix = prefix
        self.figures = figures
    }
}

/// Adds the workload figures to an outcome: each kind's figures summed (counts) or maxed
/// (durations; a duration beats "never") over its workloads, then every workload's own
/// figures as `workloads.NAME.KEY`; a kind with no workload adds nothing.
enum WorkloadFigures {
    static func add(_ meters: [WorkloadMeters], to f: inout OrderedDictionary<String, FigureValue>) {
        for r in meters {
            for (key, value) in zip(r.names, r.values) {
                let name = "\(r.kind).\(key)"
                switch (f[name], value) {
                case (.int(let a)?, .int(let b)): f[name] = .int(a + b)
                case (.duration(let a)?, .duration(let b)): f[name] = .duration(max(a, b))
                case (.none?, .duration): f[name] = value
                case (nil, _): f[name] = value
                default: break
                }
            }
        }
        for r in meters {
            for (key, value) in zip(r.names, r.values) { f["workloads.\(r.name).\(key)"] = value }
        }
    }
}
