/// Timing of short operations: each sample repeats the operation enough times to last at
/// least `minimumSampleSeconds`, so the clock's own cost and resolution do not show; the
/// figures are per operation.
enum Sampling {
    /// How long one sample lasts at least.
    static let minimumSampleSeconds = 0.0002

    /// `samples` per-operation times of `body`, in seconds, after one untimed warm-up call.
    /// `body` returns a number that is summed, so that nothing it computes can be optimized away.
    static func measure(samples: Int, _ body: () throws -> Int) rethrows -> (seconds: [Double], check: Int) {
        let clock = ContinuousClock()
        var check = try body()
        // Calibrate: how many calls make one sample long enough.
        var iterations = 1
        while true {
            let t0 = clock.now
            for _ in 0..<iterations { check &+= try body() }
            let s = BenchTiming.seconds(clock.now - t0)
            if s >= minimumSampleSeconds || iterations >= 1 << 20 { break }
            iterations *= s > 0 ? min(16, max(2, Int((minimumSampleSeconds / s).rounded(.up)))) : 16
        }
        var seconds: [Double] = []
        seconds.reserveCapacity(samples)
        for _ in 0..<max(1, samples) {
            let t0 = clock.now
            for _ in 0..<iterations { check &+= try body() }
            seconds.append(BenchTiming.seconds(clock.now - t0) / Double(iterations))
        }
        return (seconds, check)
    }

    /// The value below which `fraction` of `values` lie (nearest rank): 0.5 is the median, 0.9 the p90.
    static func quantile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }
}

/// A median and a p90, in seconds per operation.
struct Spread {
    var median: Double
    var p90: Double

    init(_ seconds: [Double]) {
        median = Sampling.quantile(seconds, 0.5)
        p90 = Sampling.quantile(seconds, 0.9)
    }

    init(median: Double, p90: Double) {
        self.median = median
        self.p90 = p90
    }

    /// `412.3/460.1`: microseconds, one decimal.
    var microseconds: String {
        BenchTiming.fixed(median * 1e6, decimals: 1) + "/" + BenchTiming.fixed(p90 * 1e6, decimals: 1)
    }
}
