/// Command lines for a fuzz input: which podterm command runs the file, and odd `--set` and
/// `--seed` values.
enum ArgumentMutations {
    /// The dotted paths of a scenario's keys, guessed from indentation (good enough to aim
    /// `--set` at real fields; list items appear as their index).
    static func paths(in bytes: [UInt8]) -> [String] {
        var stack: [(indent: Int, key: String)] = []
        var listIndex: [Int: Int] = [:]
        var result: [String] = []
        for line in TextMutations.lines(bytes) {
            guard let range = TextMutations.keyRange(line) else { continue }
            let text = String(decoding: line, as: UTF8.self)
            let indent = text.prefix { $0 == " " }.count
            let isItem = text.dropFirst(indent).hasPrefix("- ")
            let key = String(decoding: line[range], as: UTF8.self).filter { $0 != " " && $0 != "\"" && $0 != "'" }
            while let last = stack.last, last.indent >= indent + (isItem ? 0 : 0), last.indent >= indent { stack.removeLast() }
            var prefix = stack.map(\.key)
            if isItem {
                let n = listIndex[indent, default: -1] + 1
                listIndex[indent] = n
                prefix.append(String(n))
                stack.append((indent, String(n)))
            }
            let path = (prefix + [key]).joined(separator: ".")
            result.append(path)
            stack.append((indent + (isItem ? 2 : 0), key))
        }
        return result
    }

    static let values = TextMutations.extremeValues + [
        "SIGQUIT", "SIGKILL", "99", "busybox", "bash", "fish", "", "=", "true", "null", "[1]", "{a: 1}",
        String(repeating: "9", count: 400), "\u{FEFF}5", "5\u{0}", "é", "1s;rm", "Always", "Never",
    ]

    /// Arguments for input `r`: a command and zero or more odd options.
    static func arguments(for bytes: [UInt8], _ r: inout FuzzRandom) -> ([String], [String]) {
        var notes: [String] = []
        var args: [String]
        switch r.below(10) {
        case 0: args = ["check", "FILE"]
        case 1: args = ["run", "FILE"]
        case 2: args = ["run", "FILE", "--explain"]
        default: args = ["run", "FILE", "--format", "json"]
        }
        if r.chance(25) {
            let known = paths(in: bytes)
            for _ in 0...r.below(3) {
                let path: String
                switch r.below(10) {
                case 0: path = Array(repeating: "pod", count: 1 + r.below(6000)).joined(separator: ".")
                case 1: path = r.pick(["", ".", "..", "pod.", ".pod", "pod..containers", "stop.99999999999999999999.at", "stop.-1.at"])
                default: path = known.isEmpty ? "pod.terminationGracePeriodSeconds" : r.pick(known)
                }
                let value = r.pick(values)
                args += ["--set", "\(path)=\(value)"]
                notes.append("--set \(path.prefix(40))\(path.count > 40 ? "…(\(path.count))" : "")=\(value.prefix(20))")
            }
        }
        if r.chance(5) {
            let seed = r.pick(["-1", "18446744073709551616", "0", "18446744073709551615", "abc", "1e3", ""])
            args += ["--seed", seed]
            notes.append("--seed \(seed)")
        }
        return (args, notes)
    }
}
