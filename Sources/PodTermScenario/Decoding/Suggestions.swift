/// Near-miss suggestions for names: "did you mean …?".
enum Suggestions {
    /// The candidate closest to `word`: within edit distance 2 (case-insensitive), or, failing
    /// that, one that starts with `word` or that `word` starts with (at least 5 letters shared).
    /// Ties go to the earlier candidate.
    static func nearest(_ word: String, in candidates: [String], maxDistance: Int = 2) -> String? {
        let w = word.lowercased()
        var best: (String, Int)?
        for c in candidates where c != word {
            let d = distance(w, c.lowercased())
            if d <= maxDistance, best.map({ d < $0.1 }) ?? true { best = (c, d) }
        }
        if let best { return best.0 }
        for c in candidates {
            let lc = c.lowercased()
            let shorter = min(lc.count, w.count)
            if shorter >= 5, lc.hasPrefix(w) || w.hasPrefix(lc) { return c }
        }
        return nil
    }

    /// ` (did you mean 'X'?)` or the empty string.
    static func hint(_ word: String, in candidates: [String], maxDistance: Int = 2) -> String {
        nearest(word, in: candidates, maxDistance: maxDistance).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Edit distance counting a swap of two neighbouring letters as one edit (optimal string
    /// alignment), so `SIGTREM` is nearer `SIGTERM` than `SIGTRAP`.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
