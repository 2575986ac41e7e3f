import Foundation

/// The arrival times of one consumer's requests, counted over intervals.
///
/// Constant streams use the closed formula of `Arrivals`; Poisson streams draw exponential
/// gaps (mean 1000/rate ms) from their own seeded generator and keep the times they have
/// drawn, extending them only as far as a question needs. Times are whole milliseconds
/// (the floor of the running sum), so several requests may share one.
final class ArrivalStream {
    private let rate: Int
    private var rng: SeededGenerator?
    private var times: [Millis] = []
    private var clock = 0.0

    /// A stream of `pattern`; `rng` is used only by Poisson streams.
    init(rate: Int, pattern: ArrivalPattern, rng: SeededGenerator) {
        self.rate = rate
        self.rng = pattern == .poisson ? rng : nil
    }

    /// How many requests arrive strictly before `t`.
    func before(_ t: Millis) -> Int {
        guard t > 0, rate > 0 else { return 0 }
        guard rng != nil else { return Arrivals.before(t, rate: rate) }
        while (times.last ?? -1) < t { draw() }
        // The first index whose time is ≥ t.
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// How many arrive in [from, to).
    func between(_ from: Millis, _ to: Millis) -> Int {
        guard to > from else { return 0 }
        return before(to) - before(max(from, 0))
    }

    private func draw() {
        // U in (0, 1]: 53 random bits, never 0, so the logarithm is finite.
        let u = (Double(rng!.next() >> 11) + 1) / 9_007_199_254_740_992.0
        clock += -log(u) * 1000.0 / Double(rate)
        times.append(Millis(clock))
    }
}
