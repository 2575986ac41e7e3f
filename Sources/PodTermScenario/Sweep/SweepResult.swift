import PodTerm

/// What a sweep found: for each point of the grid, in index order, each figure's value in
/// each run, and whether the constraints held in each run.
public struct SweepResult: Sendable, Equatable {
    /// The varied fields, in order (the first varies slowest).
    public let axes: [SweepAxis]
    /// The figures recorded, in order.
    public let figures: [String]
    /// Each figure's unit (count, ms or yes/no).
    public let units: [FigureUnit]
    /// The seed of each run, the same at every point (`SweepSeeds`).
    public let seeds: [UInt64]
    /// The constraints checked in every run (none for a plain sweep).
    public let constraints: [Constraint]
    /// The points, by index: point i takes value `i / (count of axis 1)` of axis 0 and
    /// `i % count` of axis 1 (one axis: value i).
    public let points: [SweepPointResult]
    /// The scenario's name and file, for output.
    public let scenarioFile: String

    /// The figure statistics of a point, by figure name.
    public func stats(_ point: Int, _ figure: String) -> FigureStats? {
        guard let f = figures.firstIndex(of: figure) else { return nil }
        return points[point].stats[f]
    }
}

/// One point of a sweep: its values and what its runs gave.
public struct SweepPointResult: Sendable, Equatable {
    /// The point's index in the grid.
    public let index: Int
    /// Its value on each axis, as text.
    public let values: [String]
    /// Each figure's value in each run: `samples[figure][run]`, nil for `none`.
    public let samples: [[Int?]]
    /// Each figure's statistics over the runs.
    public let stats: [FigureStats]
    /// Whether every constraint held, in each run (empty without constraints).
    public let held: [Bool]

    /// How many runs met every constraint.
    public var heldCount: Int { held.reduce(0) { $0 + ($1 ? 1 : 0) } }
}
