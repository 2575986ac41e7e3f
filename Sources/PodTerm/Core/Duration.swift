import Foundation

/// Formats a virtual time or duration compactly and exactly: `0s`, `500ms`, `5s`, `2.5s`, `1m30s`.
public func formatDuration(_ ms: Millis) -> String {
    if ms < 0 { return "-" + formatDuration(-ms) }
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
/// Returns nil for anything else, negative values included.
public func parseDuration(_ text: String) -> Millis? {
    let s = text.trimmingCharacters(in: .whitespaces)
    if s.isEmpty { return nil }
    if let n = Int(s) { return n >= 0 ? n * 1000 : nil }
    var total = 0
    var i = s.startIndex
    var sawUnit = false
    while i < s.endIndex {
        let numStart = i
        while i < s.endIndex, s[i].isNumber || s[i] == "." { i = s.index(after: i) }
        let num = String(s[numStart..<i])
        guard !num.isEmpty else { return nil }
        let unitStart = i
        while i < s.endIndex, s[i].isLetter { i = s.index(after: i) }
        let unit = String(s[unitStart..<i])
        let factor: Int
        switch unit {
        case "ms": factor = 1
        case "s": factor = 1000
        case "m": factor = 60_000
        case "h": factor = 3_600_000
        default: return nil
        }
        let parts = num.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0].isEmpty ? "0" : parts[0]) else { return nil }
        var value = whole * factor
        if parts.count == 2 {
            let fracDigits = String(parts[1])
            guard !fracDigits.isEmpty, let frac = Int(fracDigits) else { return nil }
            var scale = 1
            for _ in 0..<fracDigits.count { scale *= 10 }
            guard (frac * factor) % scale == 0 else { return nil }  // finer than 1 ms
            value += frac * factor / scale
        }
        total += value
        sawUnit = true
    }
    return sawUnit ? total : nil
}
