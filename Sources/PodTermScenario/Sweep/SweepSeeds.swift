import PodTerm

/// The seed of each run of a sweep: from the sweep's seed and the run's index alone.
///
/// Run 0 uses the sweep's seed itself, so a sweep of one run per point gives at each point
/// exactly what `podterm run --set … --seed S` gives; run r > 0 uses the first output of
/// SplitMix64 seeded with `seed ^ (r · 0x9E3779B97F4A7C15)`. The point does not enter: every
/// point sees the same N draws (common random numbers), so a difference between two points
/// is the setting's, not the dice's. No thread, task or time enters either, so the seeds are
/// the same for any `--threads`.
public enum SweepSeeds {
    /// The seed of run `run` (from 0) of a sweep seeded with `seed`.
    public static func seed(_ seed: UInt64, run: Int) -> UInt64 {
        if run == 0 { return seed }
        var g = SeededGenerator(seed: seed ^ (UInt64(run) &* 0x9E37_79B9_7F4A_7C15))
        return g.next()
    }

    /// The seeds of runs 0 to `runs` − 1.
    public static func seeds(_ seed: UInt64, runs: Int) -> [UInt64] {
        (0..<runs).map { Self.seed(seed, run: $0) }
    }
}
