/// Counts drawn from the Poisson and binomial distributions, in time independent of their
/// size: a count of 3.6 billion costs what a count of 40 does.
///
/// Small means count exponential gaps (Knuth's method, written with logarithms) or geometric
/// gaps; large ones use Hörmann's transformed rejection, PTRS for the Poisson and BTRS for
/// the binomial (W. Hörmann, "The transformed rejection method for generating Poisson random
/// variables", Insurance: Mathematics and Economics 12, 1993; "The generation of binomial
/// random variates", J. Statist. Comput. Simul. 46, 1993), as NumPy and TensorFlow implement
/// them. Only `PortableMath` and the basic operations are used, so a seed gives the same
/// counts on every platform.
extension SeededGenerator {
    /// Uniform in [0, 1): 53 random bits.
    mutating func unitInterval() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in (0, 1]: never 0, so its logarithm is finite.
    mutating func unitIntervalAboveZero() -> Double { (Double(next() >> 11) + 1) * 0x1p-53 }

    /// A count from the Poisson distribution of mean `mean` (≥ 0).
    mutating func poisson(mean: Double) -> Int {
        guard mean > 0, mean.isFinite else { return 0 }
        return mean < 10 ? poissonBySumOfGaps(mean) : poissonPTRS(mean)
    }

    /// The number of unit-rate exponential gaps that fit in `mean`.
    private mutating func poissonBySumOfGaps(_ mean: Double) -> Int {
        var k = 0
        var sum = -PortableMath.log(unitIntervalAboveZero())
        while sum < mean {
            k += 1
            sum -= PortableMath.log(unitIntervalAboveZero())
        }
        return k
    }

    /// PTRS (mean ≥ 10).
    private mutating func poissonPTRS(_ lam: Double) -> Int {
        let slam = lam.squareRoot()
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let logInvAlpha = PortableMath.log(1.1239 + 1.1328 / (b - 3.4))
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = unitInterval() - 0.5
            let v = unitInterval()
            let us = 0.5 - abs(u)
            let kd = ((2 * a / us + b) * u + lam + 0.43).rounded(.down)
            guard kd >= 0, kd < 0x1p62 else { continue }  // also rejects −∞ and NaN (us = 0)
            if us >= 0.07 && v <= vr { return Int(kd) }
            if us < 0.013 && v > us { continue }
            // ln(v · invalpha / (a/us² + b)) ≤ −λ + k·ln λ − ln k!, with ln k! written through
            // Stirling's tail so that no two large terms cancel.
            let lhs = PortableMath.log(v) + logInvAlpha - PortableMath.log(a / (us * us) + b)
            let kp1 = kd + 1
            let rhs = (kp1 - lam) + kd * PortableMath.log1p((lam - kp1) / kp1)
                - 0.5 * PortableMath.log(kp1) - PortableMath.halfLog2Pi - PortableMath.stirlingTail(kd)
            if lhs <= rhs { return Int(kd) }
        }
    }

    /// A count from the binomial distribution: successes among `n` trials of probability `p`.
    mutating func binomial(_ n: Int, _ p: Double) -> Int {
        guard n > 0, p > 0 else { return 0 }
        guard p < 1 else { return n }
        if p > 0.5 { return n - binomial(n, 1 - p) }
        return Double(n) * p < 10 ? binomialByGeometricGaps(n, p) : binomialBTRS(n, p)
    }

    /// Successes found by jumping from one to the next with geometric gaps (n·p < 10).
    private mutating func binomialByGeometricGaps(_ n: Int, _ p: Double) -> Int {
        let logQ = PortableMath.log1p(-p)
        var successes = 0
        var trial = 0.0  // the index of the last success, 1-based
        let trials = Double(n)
        while true {
            trial += (PortableMath.log(unitIntervalAboveZero()) / logQ).rounded(.down) + 1
            if trial > trials { return successes }
            successes += 1
        }
    }

    /// BTRS (n·p ≥ 10, p ≤ ½).
    private mutating func binomialBTRS(_ count: Int, _ p: Double) -> Int {
        let n = Double(count)
        let spq = (n * p * (1 - p)).squareRoot()
        let b = 1.15 + 2.53 * spq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = n * p + 0.5
        let vr = 0.92 - 4.2 / b
        let r = p / (1 - p)
        let logR = PortableMath.log(r)
        let alpha = (2.83 + 5.1 / b) * spq
        let m = ((n + 1) * p).rounded(.down)
        while true {
            let u = unitInterval() - 0.5
            var v = unitInterval()
            let us = 0.5 - abs(u)
            let kd = ((2 * a / us + b) * u + c).rounded(.down)
            guard kd >= 0, kd <= n else { continue }  // also rejects −∞ and NaN (us = 0)
            if us >= 0.07 && v <= vr { return Int(kd) }
            v = PortableMath.log(v * alpha / (a / (us * us) + b))
            // ln(f(k)/f(m)) through Stirling's tails; each ratio near 1 goes through log1p.
            let upper = (m + 0.5) * (PortableMath.log((m + 1) / (n - m + 1)) - logR)
                + (n + 1) * PortableMath.log1p((kd - m) / (n - kd + 1))
                + (kd + 0.5) * (logR + PortableMath.log((n - kd + 1) / (kd + 1)))
                + PortableMath.stirlingTail(m) + PortableMath.stirlingTail(n - m)
                - PortableMath.stirlingTail(kd) - PortableMath.stirlingTail(n - kd)
            if v <= upper { return Int(kd) }
        }
    }
}
