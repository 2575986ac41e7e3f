import Foundation
import Testing
@testable import PodTerm

/// The portable logarithm and the Poisson and binomial draws that count arrivals per
/// interval (issue 8, item 7b). Seeds are fixed, so these checks are deterministic.
@Suite("random draws")
struct RandomDrawsTests {
    @Test func portableLogMatchesTheCLibrary() {
        var g = SeededGenerator(seed: 11)
        var xs: [Double] = [1, 2, 0.5, 10, 1e-300, 5e-324, 1e300, 0.9999999, 1.0000001, 3.6e9]
        for _ in 0..<2_000 { xs.append(Double(g.next() >> 11) * 0x1p-40 + 1e-9) }
        for x in xs {
            let want = Foundation.log(x)
            #expect(abs(PortableMath.log(x) - want) <= 4 * want.ulp.magnitude + 1e-300, "log(\(x))")
        }
        #expect(PortableMath.log(0) == -.infinity)
        #expect(PortableMath.log(-1).isNaN)
        for x in [1e-12, -1e-12, 1e-5, 0.2, -0.2, 0.3, -0.9, 5.0] {
            let want = Foundation.log1p(x)
            #expect(abs(PortableMath.log1p(x) - want) <= 4 * want.ulp.magnitude, "log1p(\(x))")
        }
    }

    /// Mean and variance of `n` draws, summed around `center` so that large counts keep their digits.
    func moments(_ n: Int, around center: Double, _ draw: () -> Int) -> (mean: Double, variance: Double) {
        var sum = 0.0, sq = 0.0
        for _ in 0..<n {
            let x = Double(draw()) - center
            sum += x
            sq += x * x
        }
        let mean = sum / Double(n)
        return (center + mean, sq / Double(n) - mean * mean)
    }

    @Test(arguments: [0.3, 4.0, 9.99, 10.0, 37.5, 1_000.0, 250_000.0, 3.6e9])
    func poissonHasItsMeanAndVariance(mean: Double) {
        var g = SeededGenerator(seed: 5)
        let n = 20_000
        let m = moments(n, around: mean.rounded()) { g.poisson(mean: mean) }
        // Within 5 standard errors of the mean; the variance (= the mean) within 5 %.
        #expect(abs(m.mean - mean) < 5 * (mean / Double(n)).squareRoot(), "mean \(m.mean)")
        #expect(abs(m.variance / mean - 1) < 0.05, "variance \(m.variance)")
    }

    @Test(arguments: [(20, 0.3), (1_000, 0.003), (1_000, 0.3), (1_000, 0.9), (3_600_000_000, 0.5), (3_600_000_000, 0.999_999_9)])
    func binomialHasItsMeanAndVariance(trials: Int, p: Double) {
        var g = SeededGenerator(seed: 9)
        let n = 20_000
        let mean = Double(trials) * p
        let m = moments(n, around: mean.rounded()) { g.binomial(trials, p) }
        let variance = mean * (1 - p)
        #expect(abs(m.mean - mean) < 5 * (variance / Double(n)).squareRoot(), "mean \(m.mean)")
        #expect(abs(m.variance / variance - 1) < 0.05, "variance \(m.variance)")
    }

    /// Pearson's χ² over the bins expected to hold at least 20 draws, against a bound far in
    /// the tail (df + 6·√(2·df)): a wrong shape fails it by orders of magnitude.
    func chiSquareIsSmall(_ draws: Int, pmf: (Int) -> Double, _ draw: () -> Int) -> Bool {
        var seen: [Int: Int] = [:]
        for _ in 0..<draws { seen[draw(), default: 0] += 1 }
        var chi = 0.0, df = -1
        for k in 0..<2_000 {
            let expected = pmf(k) * Double(draws)
            guard expected >= 20 else { continue }
            let d = Double(seen[k] ?? 0) - expected
            chi += d * d / expected
            df += 1
        }
        return df > 5 && chi < Double(df) + 6 * (2 * Double(df)).squareRoot()
    }

    @Test func poissonHasItsShapeOnBothSidesOfTheSwitch() {
        for mean in [6.0, 15.0, 80.0] {
            var g = SeededGenerator(seed: 3)
            let pmf = { (k: Int) in Foundation.exp(Double(k) * Foundation.log(mean) - mean - Foundation.lgamma(Double(k) + 1)) }
            #expect(chiSquareIsSmall(100_000, pmf: pmf) { g.poisson(mean: mean) }, "mean \(mean)")
        }
    }

    @Test func binomialHasItsShapeOnBothSidesOfTheSwitch() {
        for (n, p) in [(40, 0.2), (200, 0.3), (1_000, 0.7)] {
            var g = SeededGenerator(seed: 4)
            let pmf = { (k: Int) -> Double in
                guard k <= n else { return 0 }
                let logC = Foundation.lgamma(Double(n + 1)) - Foundation.lgamma(Double(k + 1)) - Foundation.lgamma(Double(n - k + 1))
                return Foundation.exp(logC + Double(k) * Foundation.log(p) + Double(n - k) * Foundation.log1p(-p))
            }
            #expect(chiSquareIsSmall(100_000, pmf: pmf) { g.binomial(n, p) }, "n \(n) p \(p)")
        }
    }

    @Test func edgeCases() {
        var g = SeededGenerator(seed: 1)
        #expect(g.poisson(mean: 0) == 0)
        #expect(g.binomial(0, 0.5) == 0)
        #expect(g.binomial(10, 0) == 0)
        #expect(g.binomial(10, 1) == 10)
        for _ in 0..<1_000 { #expect((0...7).contains(g.binomial(7, 0.5))) }
    }
}
