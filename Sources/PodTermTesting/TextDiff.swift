/// The first difference between two texts, line by line, with the lines around it: what a
/// golden-file check prints so that the change is visible without a diff tool.
///
/// ```
/// first difference at line 12 (expected 20 lines, got 21):
///    10  10.000s  runtime  app  sends SIGTERM to PID 1 server[1]
///    11  10.000s  kernel   app  SIGTERM → server[1] discarded: …
/// -  12  40.000s  runtime  app  sends SIGKILL to PID 1 server[1]
/// +  12  42.000s  runtime  app  sends SIGKILL to PID 1 server[1]
/// ```
/// Lines longer than `width` characters (JSON events) are cut to a window around the first
/// differing character, whose column is named.
public enum TextDiff {
    /// The widest line shown whole; longer ones are cut around the difference.
    public static let width = 160

    /// nil when the texts are equal; otherwise the first differing line, `context` lines of
    /// both texts before it, and up to `context` further lines of each after it.
    public static func firstDifference(expected: String, actual: String, context: Int = 3) -> String? {
        guard expected != actual else { return nil }
        let e = lines(expected), a = lines(actual)
        var i = 0
        while i < e.count, i < a.count, e[i] == a[i] { i += 1 }
        let counts = "expected \(e.count) lines, got \(a.count)"
        if i == e.count, i == a.count {
            return "the texts differ only in their final newline (\(expected.hasSuffix("\n") ? "expected" : "got") one at the end)"
        }
        // Where in the line the two first differ, to cut long lines around it.
        var column = 0
        if i < e.count, i < a.count {
            let x = Array(e[i]), y = Array(a[i])
            while column < x.count, column < y.count, x[column] == y[column] { column += 1 }
        }
        let cut = (i < e.count && e[i].count > width) || (i < a.count && a[i].count > width)
        let numberWidth = String(max(e.count, a.count)).count
        func number(_ n: Int) -> String { String(repeating: " ", count: numberWidth - String(n).count) + String(n) }
        func shown(_ line: String) -> String { cut ? window(line, around: column) : line }
        var out = ["first difference at line \(i + 1)\(cut ? ", column \(column + 1)" : "") (\(counts)):"]
        for k in max(0, i - context)..<i { out.append("   " + number(k + 1) + "  " + shown(e[k])) }
        let after = context + 1
        for k in i..<min(e.count, i + after) { out.append("-  " + number(k + 1) + "  " + shown(e[k])) }
        if i >= e.count { out.append("-  (expected text ends here)") }
        for k in i..<min(a.count, i + after) { out.append("+  " + number(k + 1) + "  " + shown(a[k])) }
        if i >= a.count { out.append("+  (actual text ends here)") }
        return out.joined(separator: "\n")
    }

    /// `…` + the characters of `line` from a little before `column` + `…`, at most `width` wide.
    static func window(_ line: String, around column: Int) -> String {
        let chars = Array(line)
        guard chars.count > width else { return line }
        let start = max(0, min(column - width / 4, chars.count - width))
        let end = min(chars.count, start + width)
        return (start > 0 ? "…" : "") + String(chars[start..<end]) + (end < chars.count ? "…" : "")
    }

    private static func lines(_ s: String) -> [String] {
        var parts = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if s.hasSuffix("\n") { parts.removeLast() }
        return parts
    }
}
