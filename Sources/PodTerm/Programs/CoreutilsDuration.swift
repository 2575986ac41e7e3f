/// A coreutils duration operand, as `sleep` and `timeout` take it: a non-negative decimal number
/// with an optional `s`, `m`, `h` or `d` suffix (seconds by default). Nil for anything else.
/// Source: coreutils `src/sleep.c`, `src/timeout.c` (`apply_time_suffix`); a longer duration
/// than the clock can hold is clamped (`xnanosleep`, `settimeout`).
func parseCoreutilsDuration(_ s: String) -> Millis? {
    var text = s
    var factor = 1000.0
    if let last = text.last, "smhd".contains(last) {
        text.removeLast()
        factor = ["s": 1000.0, "m": 60_000.0, "h": 3_600_000.0, "d": 86_400_000.0][String(last)]!
    }
    guard let v = Double(text), v >= 0, v.isFinite else { return nil }
    // Coreutils clamps a duration too long for its clock to the longest it can wait; here the
    // longest is 2^53 ms (about 285,000 years, past any horizon), so sums of such waits stay
    // far from overflowing.
    let ms = (v * factor).rounded()
    return ms >= coreutilsLongestWait ? Millis(Int(coreutilsLongestWait)) : Millis(Int(ms))
}

/// The longest wait `sleep` and `timeout` model, in ms: 2^53, where longer ones are clamped.
let coreutilsLongestWait: Double = 9_007_199_254_740_992
