import PodTerm

/// The text chart `podterm sweep` draws under its table on a terminal: for one axis a line
/// per figure (a bar of eighths per value, the smallest mean at the bottom), for two a heat
/// map per figure (rows the first axis, columns the second; `·` where the mean is 0, so the
/// safe region shows at a glance). Figures that do not change over the grid are listed, not
/// drawn. When there are more values than columns, neighbouring values share a column and
/// show the largest mean.
public enum SweepChart {
    /// The chart, at most `width` columns wide; `unicode` false draws ASCII only.
    public static func render(_ r: SweepResult, width: Int = 80, unicode: Bool = true) -> String {
        let levels: [Character] = unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [".", ":", "-", "=", "+", "*", "#", "@"]
        let zero: Character = unicode ? "·" : " "
        let nameWidth = min(32, r.figures.map(\.count).max() ?? 0)
        let room = max(10, width - nameWidth - 2 - 20)
        var out = ""
        var constant: [String] = []
        for (f, name) in r.figures.enumerated() {
            let means = r.points.map { $0.stats[f].mean }
            let known = means.compactMap { $0 }
            guard let lo = known.min(), let hi = known.max(), hi > lo else {
                constant.append(name + " = " + (known.isEmpty ? "none" : SweepRendering.statsCell(r.points[0].stats[f], r.units[f], runs: 1)))
                continue
            }
            func glyph(_ v: Double?) -> Character {
                guard let v else { return " " }
                if v == 0 { return zero }
                // Heights from 0 (or the smallest mean, if below 0), so small damage looks small.
                let base = Swift.min(0, lo)
                let k = Int(((v - base) / (hi - base) * Double(levels.count - 1)).rounded(.up))
                return levels[max(0, min(levels.count - 1, k))]
            }
            let range = "  " + label(lo, r.units[f]) + ".." + label(hi, r.units[f])
            if r.axes.count == 1 {
                let cols = bucket(means, into: room)
                out += pad(name, nameWidth) + "  " + String(cols.map(glyph)) + range + "\n"
            } else {
                let nCols = r.axes[1].values.count, nRows = r.axes[0].values.count
                out += name + range + " (rows " + r.axes[0].path + ", columns " + r.axes[1].path + ")\n"
                let rowGroups = groups(nRows, into: 24)
                let rowLabelWidth = max(r.axes[0].values.first!.count, r.axes[0].values.last!.count)
                for g in rowGroups {
                    var row: [Double?] = []
                    for c in 0..<nCols {
                        let vs = g.compactMap { means[$0 * nCols + c] }
                        row.append(vs.max())
                    }
                    out += pad(r.axes[0].values[g.first!], rowLabelWidth) + " " + String(bucket(row, into: room).map(glyph)) + "\n"
                }
                let cols = min(room, nCols)
                let first = r.axes[1].values.first!, last = r.axes[1].values.last!
                out += String(repeating: " ", count: rowLabelWidth + 1) + first
                    + String(repeating: " ", count: max(1, cols - first.count - last.count)) + last + "\n"
            }
        }
        if r.axes.count == 1, !out.isEmpty {
            let first = r.axes[0].values.first!, last = r.axes[0].values.last!
            let cols = min(room, r.axes[0].values.count)
            out += String(repeating: " ", count: nameWidth + 2) + first
                + String(repeating: " ", count: max(1, cols - first.count - last.count)) + last + "  " + r.axes[0].path + "\n"
        }
        if !constant.isEmpty { out += "the same at every point: " + constant.joined(separator: ", ") + "\n" }
        return out
    }

    static func label(_ v: Double, _ unit: FigureUnit) -> String {
        switch unit {
        case .ms: return formatDuration(Millis(Int(v.rounded())))
        case .count, .bool: return FigureStats([Int(v.rounded())]).meanText ?? ""
        }
    }

    static func pad(_ s: String, _ w: Int) -> String {
        s.count >= w ? s : s + String(repeating: " ", count: w - s.count)
    }

    /// `count` indices cut into at most `into` runs of neighbours.
    static func groups(_ count: Int, into: Int) -> [[Int]] {
        let k = min(count, into)
        return (0..<k).map { g in Array((g * count / k)..<((g + 1) * count / k)) }
    }

    /// The largest value of each group of neighbours.
    static func bucket(_ values: [Double?], into: Int) -> [Double?] {
        groups(values.count, into: into).map { g in g.compactMap { values[$0] }.max() }
    }
}
