import PodTerm

/// A figure's value as a number: counts as they are, durations in ms, yes/no as 1/0;
/// nil for `none`, words and lists.
public func figureNumber(_ v: FigureValue?) -> Int? {
    switch v {
    case .int(let n): return n
    case .duration(let d): return d.ms
    case .bool(let b): return b ? 1 : 0
    default: return nil
    }
}

/// How a figure's numbers read: a count, a duration in ms, or yes/no (as 1/0).
public enum FigureUnit: String, Sendable, Equatable {
    case count, ms, bool

    init?(_ v: FigureValue?) {
        switch v {
        case .int: self = .count
        case .duration: self = .ms
        case .bool: self = .bool
        default: return nil
        }
    }
}

/// One figure over the N runs of a sweep point: the mean and the p50, p95 and max
/// (nearest rank: the smallest value with at least that share of the runs at or below it).
/// Runs where the figure is `none` are left out (`count` says how many are in).
public struct FigureStats: Sendable, Equatable {
    /// How many runs had a value.
    public let count: Int
    /// The sum of the values (the mean is `sum / count`).
    public let sum: Int
    public let p50: Int?
    public let p95: Int?
    public let max: Int?
    public let min: Int?

    /// The statistics of `values` (nil entries left out).
    public init(_ values: [Int?]) {
        var v = values.compactMap { $0 }
        v.sort()
        count = v.count
        sum = v.reduce(0, &+)
        func rank(_ p: Int) -> Int? { v.isEmpty ? nil : v[Swift.max(0, (p * v.count + 99) / 100 - 1)] }
        p50 = rank(50)
        p95 = rank(95)
        max = v.last
        min = v.first
    }

    /// The mean, or nil when no run had a value.
    public var mean: Double? { count == 0 ? nil : Double(sum) / Double(count) }

    /// The mean written with at most two decimals, computed in integers (the same text on
    /// every machine): `12`, `12.5`, `12.35`.
    public var meanText: String? {
        guard count > 0 else { return nil }
        let negative = sum < 0
        let hundredths = (abs(sum) * 100 * 2 + count) / (2 * count)
        var s = String(hundredths / 100)
        let frac = hundredths % 100
        if frac != 0 { s += frac % 10 == 0 ? "." + String(frac / 10) : "." + (frac < 10 ? "0" : "") + String(frac) }
        return negative ? "-" + s : s
    }
}
