/// Mutations of a scenario file's text, each deterministic given the generator.
///
/// They work on bytes and lines, not on a parsed tree, so that they also reach the parser's
/// own error paths (broken indentation, bad bytes, cut-off files).
enum TextMutations {
    typealias Bytes = [UInt8]

    static func lines(_ b: Bytes) -> [Bytes] {
        b.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    }

    static func joined(_ lines: [Bytes]) -> Bytes {
        Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    /// Flips one to eight random bits.
    static func flipBits(_ b: inout Bytes, _ r: inout FuzzRandom) {
        guard !b.isEmpty else { return }
        for _ in 0...r.below(8) {
            let i = r.below(b.count)
            b[i] ^= UInt8(1) << UInt8(r.below(8))
        }
    }

    /// Cuts the file at a random place.
    static func truncate(_ b: inout Bytes, _ r: inout FuzzRandom) {
        b = Array(b.prefix(r.below(b.count + 1)))
    }

    static func deleteLine(_ b: inout Bytes, _ r: inout FuzzRandom) {
        var ls = lines(b)
        guard ls.count > 1 else { return }
        ls.remove(at: r.below(ls.count))
        b = joined(ls)
    }

    static func duplicateLine(_ b: inout Bytes, _ r: inout FuzzRandom) {
        var ls = lines(b)
        guard !ls.isEmpty else { return }
        let i = r.below(ls.count)
        ls.insert(ls[i], at: i)
        b = joined(ls)
    }

    static func swapLines(_ b: inout Bytes, _ r: inout FuzzRandom) {
        var ls = lines(b)
        guard ls.count > 1 else { return }
        ls.swapAt(r.below(ls.count), r.below(ls.count))
        b = joined(ls)
    }

    /// The indices of lines that hold `key:` (a block mapping entry or a list item's first key).
    static func keyLines(_ ls: [Bytes]) -> [Int] {
        ls.indices.filter { keyRange(ls[$0]) != nil }
    }

    /// Where the key of a `key: value` line is, if it has one.
    static func keyRange(_ line: Bytes) -> Range<Int>? {
        var i = 0
        while i < line.count, line[i] == UInt8(ascii: " ") || line[i] == UInt8(ascii: "-") { i += 1 }
        let start = i
        while i < line.count, line[i] != UInt8(ascii: ":"), line[i] != UInt8(ascii: "#") { i += 1 }
        guard i < line.count, line[i] == UInt8(ascii: ":"), i > start else { return nil }
        return start..<i
    }

    /// Misspells, re-cases or replaces a key.
    static func renameKey(_ b: inout Bytes, _ r: inout FuzzRandom) {
        var ls = lines(b)
        let candidates = keyLines(ls)
        guard !candidates.isEmpty else { return }
        let n = r.pick(candidates)
        guard let range = keyRange(ls[n]) else { return }
        var key = Array(ls[n][range])
        switch r.below(5) {
        case 0: key.append(UInt8(ascii: "x"))
        case 1: if key.count > 1 { key.remove(at: r.below(key.count)) }
        case 2: key = key.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }
        case 3: key = Array(r.pick(knownKeys).utf8)
        default: key = []
        }
        ls[n].replaceSubrange(range, with: key)
        b = joined(ls)
    }

    /// Keys that mean something somewhere in a scenario, to put in the wrong place.
    static let knownKeys = [
        "summary", "story", "seed", "kubernetes", "horizon", "pod", "images", "programs", "network",
        "stop", "expect", "workloads", "frontDoor", "containers", "initContainers", "name", "image",
        "command", "args", "lifecycle", "preStop", "sleep", "exec", "httpGet", "seconds", "signals",
        "cleanup", "exitCode", "children", "runsFor", "readyAfter", "at", "delete", "gracePeriod",
        "terminationGracePeriodSeconds", "consumers", "delay", "rate", "batchSize", "flushInterval",
        "restartPolicy", "livenessProbe", "startupProbe", "supervisord", "preset", "script", "shell",
    ]

    /// Replaces the value of a `key: value` line with a value of another shape, or a nested
    /// block's header with a scalar.
    static func swapShape(_ b: inout Bytes, _ r: inout FuzzRandom) {
        var ls = lines(b)
        let candidates = keyLines(ls)
        guard !candidates.isEmpty else { return }
        let n = r.pick(candidates)
        guard let range = keyRange(ls[n]) else { return }
        let head = Array(ls[n][..<(range.upperBound + 1)])
        let replacement = r.pick([
            " [1, [2, 3]]", " {a: 1, b: {c: 2}}", " x", " ~", " \"\"", " []", " {}", " 1", " true",
            " -1", " [SIGTERM]", " {cleanup: [1s]}", " !!binary aGVsbG8=", " !custom 3", " 1.5",
        ])
        ls[n] = head + Array(replacement.utf8)
        b = joined(ls)
    }

    /// Replaces a run of digits with an extreme number or duration.
    static func extremeNumber(_ b: inout Bytes, _ r: inout FuzzRandom) {
        let digitRuns = runs(of: b) { $0 >= 48 && $0 <= 57 }
        let value = Array(r.pick(extremeValues).utf8)
        if digitRuns.isEmpty || r.chance(10) {
            // No number to replace: put one after a random key instead.
            var ls = lines(b)
            let candidates = keyLines(ls)
            guard !candidates.isEmpty else { return }
            let n = r.pick(candidates)
            guard let range = keyRange(ls[n]) else { return }
            ls[n] = Array(ls[n][..<(range.upperBound + 1)]) + [UInt8(ascii: " ")] + value
            b = joined(ls)
            return
        }
        b.replaceSubrange(r.pick(digitRuns), with: value)
    }

    static let extremeValues = [
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "99999999999999999999999",
        "4294967296", "2147483648", "-1", "-5", "0", "1e308", "-1e308", "1e-300", ".nan", ".inf", "-.inf",
        "99999999999h", "-5s", "0ms", "1e9s", "1ms", "0.0001ms", "9223372036854775807ms",
        "9223372036854775807s", "106751991167d", "1.5", "0x10", "0o17", "1_000", "+3", "3.",
        "1m1m1m", "5 s", "s", "ms", "1000000", "100000000",
    ]

    /// The ranges of `b` whose bytes all satisfy `match`.
    static func runs(of b: Bytes, _ match: (UInt8) -> Bool) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var i = 0
        while i < b.count {
            if match(b[i]) {
                let s = i
                while i < b.count, match(b[i]) { i += 1 }
                result.append(s..<i)
            } else {
                i += 1
            }
        }
        return result
    }

    /// Inserts bytes that are not valid UTF-8, or a NUL, or a lone surrogate's encoding.
    static func invalidUTF8(_ b: inout Bytes, _ r: inout FuzzRandom) {
        let junk: [[UInt8]] = [[0xFF], [0xFE, 0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0x00], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80]]
        b.insert(contentsOf: r.pick(junk), at: r.below(b.count + 1))
    }

    /// Puts an anchor on one value and an alias to it elsewhere (or a billion-laughs block in front).
    static func aliases(_ b: inout Bytes, _ r: inout FuzzRandom) {
        if r.chance(50) {
            b = Array(Generators.aliasBomb(levels: 6 + r.below(6), width: 4 + r.below(7)).utf8) + b
            return
        }
        var ls = lines(b)
        let candidates = keyLines(ls)
        guard candidates.count > 1 else { return }
        let a = r.pick(candidates), c = r.pick(candidates)
        guard let ra = keyRange(ls[a]), let rc = keyRange(ls[c]) else { return }
        ls[a].insert(contentsOf: Array(" &x".utf8), at: ra.upperBound + 1)
        ls[c] = Array(ls[c][..<(rc.upperBound + 1)]) + Array(" *x".utf8)
        b = joined(ls)
    }

    /// Re-indents one line by a random amount (tabs included).
    static func reindent(_ b: inout Bytes, _ r: inout FuzzRandom) {
        var ls = lines(b)
        guard !ls.isEmpty else { return }
        let n = r.below(ls.count)
        let body = ls[n].drop { $0 == UInt8(ascii: " ") }
        let pad: [UInt8] = r.chance(20) ? [9] : Array(repeating: UInt8(ascii: " "), count: r.below(12))
        ls[n] = pad + Array(body)
        b = joined(ls)
    }
}
