/// A coreutils duration operand, as `sleep` and `timeout` take it: a non-negative decimal number
/// with an optional `s`, `m`, `h` or `d` suffix (seconds by default). Nil for anything else.
/// Source: coreutils `src/sleep.c`, `src/timeout.c` (`apply_time_suffix`).
func parseCoreutilsDuration(_ s: String) -> Millis? {
    var text = s
    var factor = 1000.0
    if let last = text.last, "smhd".contains(last) {
        text.removeLast()
        factor = ["s": 1000.0, "m": 60_000.0, "h": 3_600_000.0, "d": 86_400_000.0][String(last)]!
    }
    guard let v = Double(text), v >= 0, v.isFinite else { return nil }
    return Int((v * factor).rounded())
}
