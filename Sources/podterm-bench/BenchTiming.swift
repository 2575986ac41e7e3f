import HTTPDrain

/// Runs of the http-drain model timed with the monotonic clock.
enum BenchTiming {
    /// Runs the model `count` times; returns the result (identical every time, which is
    /// checked) and each run's duration in seconds. Only `HTTPDrainModel.run` is timed; its
    /// setup is K pushes, negligible next to the run loop.
    static func timeRuns(_ p: HTTPDrainParameters, count: Int) -> (HTTPDrainResult, [Double]) {
        let clock = ContinuousClock()
        var first: HTTPDrainResult? = nil
        var seconds: [Double] = []
        for _ in 0..<count {
            let start = clock.now
            let result = HTTPDrainModel.run(p)
            let elapsed = clock.now - start
            seconds.append(Self.seconds(elapsed))
            if let first, first != result {
                fatalError("podterm-bench: the model gave different results on two runs: \(first) vs \(result)")
            }
            first = first ?? result
        }
        return (first!, seconds)
    }

    static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) * 1e-18
    }

    /// The median of `values` (the mean of the two middle ones for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// `x` with exactly `decimals` digits after the point (no Foundation needed).
    static func fixed(_ x: Double, decimals: Int) -> String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((x * Double(scale)).rounded())
        let whole = scaled / scale
        let fraction = String(scaled % scale)
        return "\(whole).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
    }
}
