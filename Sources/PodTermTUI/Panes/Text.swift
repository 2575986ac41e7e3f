import PodTerm

/// Small text helpers for the panes: wrapping, padding, seconds.
enum Text {
    /// Splits `text` into lines of at most `width` columns, at spaces where possible.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var w = String(word)
            while w.count > width {
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(String(w.prefix(width)))
                w = String(w.dropFirst(width))
            }
            if line.isEmpty { line = w } else if line.count + 1 + w.count <= width { line += " " + w } else { lines.append(line); line = w }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// `s` padded with spaces (or cut) to exactly `width`.
    static func pad(_ s: String, _ width: Int) -> String {
        let n = s.count
        if n >= width { return String(s.prefix(width)) }
        return s + String(repeating: " ", count: width - n)
    }

    /// `12.3s` (one decimal), for countdowns.
    static func seconds(_ ms: Millis) -> String {
        let a = abs(ms.ms)
        return (ms < 0 ? "-" : "") + "\(a / 1000).\((a % 1000) / 100)s"
    }

    /// A short time for axes: `0s`, `15s`, `1m30s`, `250ms`.
    static func axis(_ ms: Millis) -> String {
        if ms < 1000 && ms > 0 { return "\(ms)ms" }
        let s = ms / 1000
        if s >= 60 { return "\(s / 60)m" + (s % 60 == 0 ? "" : "\(s % 60)s") }
        return "\(s)s"
    }
}
