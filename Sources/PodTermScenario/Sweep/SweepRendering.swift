import PodTerm

/// A sweep's result as text: a table, CSV or JSON (`podterm.sweep/v1`), and a chart drawn in
/// text for a terminal. Pure functions of the result: the same result, the same bytes.
public enum SweepRendering {
    /// The output formats of `podterm sweep`.
    public enum Format: String, Sendable, CaseIterable { case table, csv, json }

    /// The result in `format`.
    public static func render(_ r: SweepResult, _ format: Format, scenarioName: String, seed: UInt64) -> String {
        switch format {
        case .table: return table(r, scenarioName: scenarioName, seed: seed)
        case .csv: return csv(r)
        case .json: return json(r, scenarioName: scenarioName, seed: seed)
        }
    }

    /// One value in its unit: a count, a duration (`1.5s`), `true`/`false` (or a share for a mean).
    static func cell(_ v: Int?, _ unit: FigureUnit) -> String {
        guard let v else { return "none" }
        switch unit {
        case .count: return String(v)
        case .ms: return formatDuration(Millis(v))
        case .bool: return v == 0 ? "false" : "true"
        }
    }

    static func meanCell(_ s: FigureStats, _ unit: FigureUnit) -> String {
        guard let m = s.meanText else { return "none" }
        switch unit {
        case .count, .bool: return m
        case .ms: return formatDuration(Millis((s.sum * 2 + s.count) / (2 * s.count)))
        }
    }

    /// `mean` for one run; `mean p50/p95/max` for several.
    static func statsCell(_ s: FigureStats, _ unit: FigureUnit, runs: Int) -> String {
        if runs == 1 { return unit == .bool ? cell(s.max, unit) : meanCell(s, unit) }
        let u = unit == .bool ? FigureUnit.count : unit
        return meanCell(s, unit) + " " + [s.p50, s.p95, s.max].map { cell($0, u) }.joined(separator: "/")
    }

    /// The header line of every text output.
    static func header(_ r: SweepResult, command: String, scenarioName: String, seed: UInt64) -> String {
        let runs = r.seeds.count
        let seeds = runs == 1 ? "seed \(seed)" : "seed \(seed) (run 0: \(seed), run r: SweepSeeds)"
        return "podterm \(command) · \(scenarioName) · \(seeds) · \(runs) run\(runs == 1 ? "" : "s") per point · \(r.points.count) point\(r.points.count == 1 ? "" : "s")"
    }

    /// A table: one row per point, one column per figure.
    public static func table(_ r: SweepResult, scenarioName: String, seed: UInt64) -> String {
        let runs = r.seeds.count
        var rows: [[String]] = [r.axes.map(\.path) + r.figures]
        for p in r.points {
            rows.append(p.values + zip(p.stats, r.units).map { statsCell($0, $1, runs: runs) })
        }
        var out = header(r, command: "sweep", scenarioName: scenarioName, seed: seed) + "\n"
        if runs > 1 { out += "each cell: mean p50/p95/max over the runs\n" }
        out += align(rows)
        return out
    }

    /// Columns padded to their widest cell, two spaces apart (the last one not padded).
    static func align(_ rows: [[String]]) -> String {
        guard let cols = rows.first?.count else { return "" }
        var width = [Int](repeating: 0, count: cols)
        for row in rows { for (i, c) in row.enumerated() { width[i] = max(width[i], c.count) } }
        var out = ""
        for row in rows {
            var line = ""
            for (i, c) in row.enumerated() {
                line += c
                if i < cols - 1 { line += String(repeating: " ", count: width[i] - c.count + 2) }
            }
            out += line + "\n"
        }
        return out
    }

    /// CSV, one line per point and figure: the axis values, the figure, its unit, the runs
    /// with a value, the mean, p50, p95, max (ms for durations, 1/0 for yes/no; empty for none).
    public static func csv(_ r: SweepResult) -> String {
        var out = (r.axes.map { csvField($0.path) } + ["figure", "unit", "runs", "mean", "p50", "p95", "max"]).joined(separator: ",") + "\n"
        for p in r.points {
            let lead = p.values.map(csvField).joined(separator: ",")
            for (f, name) in r.figures.enumerated() {
                let s = p.stats[f]
                let nums = [s.meanText, s.p50.map(String.init), s.p95.map(String.init), s.max.map(String.init)].map { $0 ?? "" }
                out += lead + "," + csvField(name) + "," + r.units[f].rawValue + "," + String(s.count) + "," + nums.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// `podterm.sweep/v1`: the axes, the figures with their units, the seeds, and per point its
    /// values and each figure's count, mean, p50, p95, max, min (ms for durations; null for none).
    public static func json(_ r: SweepResult, scenarioName: String, seed: UInt64) -> String {
        var out = "{\"schema\": \"podterm.sweep/v1\", \"scenario\": {\"name\": \(q(scenarioName)), \"file\": \(q(r.scenarioFile))}, \"seed\": \(seed), \"runs\": \(r.seeds.count),\n"
        out += " \"seeds\": [" + r.seeds.map(String.init).joined(separator: ", ") + "],\n"
        out += " \"axes\": [" + r.axes.map { "{\"path\": \(q($0.path)), \"values\": [" + $0.values.map(q).joined(separator: ", ") + "]}" }.joined(separator: ", ") + "],\n"
        out += " \"figures\": [" + zip(r.figures, r.units).map { "{\"name\": \(q($0)), \"unit\": \"\($1.rawValue)\"}" }.joined(separator: ", ") + "],\n"
        out += " \"points\": [\n"
        for (k, p) in r.points.enumerated() {
            let figs = zip(r.figures, p.stats).map { name, s in
                "\(q(name)): {\"count\": \(s.count), \"mean\": \(s.meanText ?? "null"), \"p50\": \(n(s.p50)), \"p95\": \(n(s.p95)), \"max\": \(n(s.max)), \"min\": \(n(s.min))}"
            }.joined(separator: ", ")
            out += "  {\"index\": \(p.index), \"values\": [" + p.values.map(q).joined(separator: ", ") + "], \"figures\": {" + figs + "}}"
            out += k == r.points.count - 1 ? "\n" : ",\n"
        }
        out += " ]}\n"
        return out
    }

    static func n(_ v: Int?) -> String { v.map(String.init) ?? "null" }

    /// A JSON string.
    static func q(_ s: String) -> String { JSONQuoting.quoted(s) }
}
