/// The few real functions the engine's random draws need, written with the IEEE-754 basic
/// operations only (`+ − × ÷`, `squareRoot`), which every platform rounds the same way.
///
/// Why not Foundation's or libm's `log`: their last bit differs between C libraries and
/// versions, and a draw that lands on the other side of an acceptance test then changes a
/// run's figures. These give the same bits everywhere, so a seed means the same run on every
/// machine; they are accurate to a few ulps, far below anything a figure can show. They also
/// keep the engine free of Foundation.
enum PortableMath {
    /// ln 2, split so that `k · ln2Hi` is exact for |k| < 2^11.
    private static let ln2Hi = 6.93147180369123816490e-01
    private static let ln2Lo = 1.90821492927058770002e-10
    private static let sqrtHalf = 0.70710678118654752440

    /// The natural logarithm; −∞ for 0, NaN below 0.
    static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return x }
        // x = m · 2^e with m in [√½, √2), so that m − 1 is small and exact.
        var e = Int(x.exponent)
        var m = x.significand  // [1, 2)
        if m > 2 * sqrtHalf {
            m *= 0.5
            e += 1
        }
        let f = m - 1  // exact (Sterbenz)
        let k = Double(e)
        return k * ln2Hi + (log1pSeries(f) + k * ln2Lo)
    }

    /// ln(1 + x), accurate also for tiny x; −∞ for −1, NaN below.
    static func log1p(_ x: Double) -> Double {
        if x.isNaN || x < -1 { return .nan }
        if x == -1 { return -.infinity }
        if x > -0.25 && x < 0.25 { return log1pSeries(x) }
        return log(1 + x)
    }

    /// ln(1 + f) for |f| ≤ 0.42: 2·atanh(s) with s = f / (2 + f), |s| ≤ 0.172, by its series.
    private static func log1pSeries(_ f: Double) -> Double {
        if f == 0 { return f }
        let s = f / (2 + f)
        let s2 = s * s
        // 2s · (1 + s²/3 + s⁴/5 + …), Horner from the 25th power down; s² ≤ 0.0295, so the
        // terms left out are below 2^-60 of the sum.
        var sum = 1.0 / 25
        var d = 23.0
        while d >= 1 {
            sum = sum * s2 + 1 / d
            d -= 2
        }
        return 2 * s * sum
    }

    /// ln(k!) − ((k + ½)·ln(k + 1) − (k + 1) + ½·ln 2π): the tail of Stirling's series, as
    /// Hörmann's transformed-rejection samplers use it (exact table below 10, series above).
    static func stirlingTail(_ k: Double) -> Double {
        if k < 10 {
            let table = [
                0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
                0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
                0.00925546218271273, 0.00833056343336287,
            ]
            return table[Int(k)]
        }
        let kp1 = k + 1
        let kp1sq = kp1 * kp1
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / kp1
    }

    /// ½·ln(2π).
    static let halfLog2Pi = 0.91893853320467274178
}
