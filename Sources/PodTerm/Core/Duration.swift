/// Formats a virtual time or duration compactly and exactly: `0s`, `500ms`, `5s`, `2.5s`, `1m30s`.
public func formatDuration(_ time: Millis) -> String { formatDuration(ms: time.ms) }

private func formatDuration(ms: Int) -> String {
    if ms < 0 { return "-" + formatDuration(ms: -ms) }
    if ms == 0 { return "0s" }
    if ms < 1000 { return "\(ms)ms" }
    let minutes = ms / 60_000
    let rest = ms % 60_000
    var out = minutes > 0 ? "\(minutes)m" : ""
    if rest > 0 || minutes == 0 {
        let s = rest / 1000
        let frac = rest % 1000
        if frac == 0 {
            out += "\(s)s"
        } else {
            var f = String(frac)
            while f.count < 3 { f = "0" + f }
            while f.hasSuffix("0") { f.removeLast() }
            out += "\(s).\(f)s"
        }
    }
    return out
}

/// Parses `500ms`, `5s`, `2.5s`, `2m`, `1m30s`, `1h`, or a bare number of seconds, into ms.
/// Returns nil for anything else, negative values and values too large for `Millis` included.
public func parseDuration(_ text: String) -> Millis? {
    guard let ms = parseDurationSaturating(text), ms != Millis.max else { return nil }
    return ms
}

/// `parseDuration`, except that a well-formed duration too large for `Millis` gives
/// `Millis.max` rather than nil, so a caller can say "too large" instead of "not a duration".
/// Never traps, whatever the text.
public func parseDurationSaturating(_ text: String) -> Millis? {
    parseDurationMs(text).map { Millis($0) }
}

private func parseDurationMs(_ text: String) -> Int? {
    let s = trimmingBlanks(text)
    if s.isEmpty { return nil }
    if s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return scaled(s.utf8, by: 1000) }
    var total = 0
    var i = s.startIndex
    var sawUnit = false
    while i < s.endIndex {
        let numStart = i
        while i < s.endIndex, s[i].isASCII, s[i].isNumber || s[i] == "." { i = s.index(after: i) }
        let num = s[numStart..<i]
        guard !num.isEmpty else { return nil }
        let unitStart = i
        while i < s.endIndex, s[i].isLetter { i = s.index(after: i) }
        let factor: Int
        switch s[unitStart..<i] {
        case "ms": factor = 1
        case "s": factor = 1000
        case "m": factor = 60_000
        case "h": factor = 3_600_000
        default: return nil
        }
        let parts = num.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !(parts.count == 2 && parts[1].isEmpty) else { return nil }
        var value = parts[0].isEmpty ? 0 : scaled(parts[0].utf8, by: factor)
        if parts.count == 2 {
            // At most 3 significant fraction digits after scaling: nothing finer than 1 ms.
            var frac = Array(parts[1].utf8)
            while frac.last == 0x30 { frac.removeLast() }
            var fracValue = 0
            var scale = 1
            for d in frac.prefix(18) {
                fracValue = fracValue * 10 + Int(d - 0x30)
                scale *= 10
            }
            guard frac.count <= 18 else { return nil }
            let (product, overflow) = fracValue.multipliedReportingOverflow(by: factor)
            guard !overflow, product % scale == 0 else { return nil }  // finer than 1 ms
            value = saturatingAdd(value, product / scale)
        }
        total = saturatingAdd(total, value)
        sawUnit = true
    }
    return sawUnit ? total : nil
}

/// The decimal digits times `factor`, or `Millis.max` when that does not fit.
private func scaled<S: Sequence>(_ digits: S, by factor: Int) -> Int where S.Element == UInt8 {
    var n = 0
    for d in digits {
        let (a, o1) = n.multipliedReportingOverflow(by: 10)
        let (b, o2) = a.addingReportingOverflow(Int(d - 0x30))
        if o1 || o2 { return Int.max }
        n = b
    }
    let (v, o) = n.multipliedReportingOverflow(by: factor)
    return o ? Int.max : v
}

private func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (v, o) = a.addingReportingOverflow(b)
    return o ? Int.max : v
}
