/// The arrival times of one consumer's requests, counted over intervals.
///
/// Constant streams use the closed formula of `Arrivals`. Poisson streams never draw single
/// arrivals: they keep the count N(t) of arrivals before t only at the times a question was
/// asked about (a few per change of state, never one per request), and draw each new count
/// from the distribution it has given what is already known, with the stream's own seeded
/// generator:
///
/// - past the last known time T: N(t) − N(T) is Poisson of mean rate·(t − T)/1000;
/// - between two known times a < b: the N(b) − N(a) arrivals of [a, b) are spread uniformly,
///   so N(t) − N(a) is binomial with N(b) − N(a) trials of probability (t − a)/(b − a).
///
/// This is exactly a Poisson process of that rate (arrival times whole milliseconds: the
/// floor of real times, so several requests may share one), but memory grows with the number
/// of questions, not of requests, and each question costs the same at 10 or 10 million
/// requests a second. The same seed and the same questions give the same counts.
final class ArrivalStream {
    private let rate: Int
    private var rng: SeededGenerator?
    /// Times with a known count, ascending, starting at 0 (no arrival before 0).
    private var times: [Millis] = [0]
    /// `counts[i]`: the arrivals strictly before `times[i]`.
    private var counts: [Int] = [0]

    /// A stream of `pattern`; `rng` is used only by Poisson streams.
    init(rate: Int, pattern: ArrivalPattern, rng: SeededGenerator) {
        self.rate = rate
        self.rng = pattern == .poisson ? rng : nil
    }

    /// How many times the stream holds a count for (for tests: it must not grow with the rate).
    var storedPoints: Int { times.count }

    /// How many requests arrive strictly before `t`.
    func before(_ t: Millis) -> Int {
        guard t > 0, rate > 0 else { return 0 }
        guard rng != nil else { return Arrivals.before(t, rate: rate) }
        // The first index whose time is ≥ t.
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        if lo < times.count && times[lo] == t { return counts[lo] }
        let n: Int
        if lo == times.count {
            let mean = Double(rate) * Double((t - times[lo - 1]).ms) / 1000
            n = counts[lo - 1] + rng!.poisson(mean: mean)
        } else {
            let (a, b) = (times[lo - 1], times[lo])
            n = counts[lo - 1] + rng!.binomial(counts[lo] - counts[lo - 1], Double((t - a).ms) / Double((b - a).ms))
        }
        times.insert(t, at: lo)
        counts.insert(n, at: lo)
        return n
    }

    /// How many arrive in [from, to).
    func between(_ from: Millis, _ to: Millis) -> Int {
        guard to > from else { return 0 }
        return before(to) - before(max(from, 0))
    }
}
