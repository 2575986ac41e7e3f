import PodTerm
import PodTermBuiltins
import PodTermScenario

/// `--scenarios`: for every built-in scenario (or those whose name contains `--filter`), the
/// microseconds per load (YAML → Scenario), per full run (Scenario → Timeline), per
/// outcome-only run, per JSON v2 render (into a sink that only counts bytes) and per sweep
/// point, each the median and p90 of `--samples` samples; and the full run's events per second.
///
/// The format is stable: a title line, a header line, one line per scenario in name order,
/// a line of the median scenario (median and p90 of the scenarios' medians), a line of sums
/// (of medians), a line for a generated tree of PID 1 with 1,000 children (not in the
/// median or the sums), then footnotes (`*`) and scenarios that failed (`!`). Columns are separated by two or more spaces; times are
/// `median/p90` in µs with one decimal; `-` where a figure could not be measured.
enum ScenarioTable {
    struct Row {
        var name: String
        var events: Int
        var load: Spread
        var run: Spread
        var outcome: Spread
        var json: Spread
        var sweep: Spread?
        var eventsPerSecond: Double { run.median > 0 ? Double(events) / run.median : 0 }
    }

    static let columns = ["scenario", "events", "load µs", "run µs", "outcome µs", "json µs", "sweep µs", "Mevents/s"]

    /// The generated scenario measured after the built-in ones: a run large enough for the
    /// events per second to be the engine's, not its setup's.
    static let treeChildren = 1_000
    static var generated: BuiltinScenario {
        BuiltinScenario(name: "generated/wide-tree-\(treeChildren)", fileName: "wide-tree-\(treeChildren).yaml",
                        yaml: GeneratedScenarios.wideTree(children: treeChildren))
    }

    static func run(samples: Int, filter: String?) {
        let chosen = BuiltinScenarios.all.filter { filter == nil || $0.name.contains(filter!) }
        print("scenarios: \(chosen.count) of \(BuiltinScenarios.all.count) · \(samples) samples each · µs per operation, median/p90")
        var rows: [[String]] = [columns]
        var total = Row(name: "all (sum of medians)", events: 0, load: Spread(median: 0, p90: 0), run: Spread(median: 0, p90: 0),
                        outcome: Spread(median: 0, p90: 0), json: Spread(median: 0, p90: 0), sweep: Spread(median: 0, p90: 0))
        var failures: [String] = []
        var measured: [Row] = []
        for b in chosen {
            do {
                let r = try measure(b, samples: samples)
                rows.append(cells(r))
                measured.append(r)
                total.events += r.events
                total.load.median += r.load.median
                total.run.median += r.run.median
                total.outcome.median += r.outcome.median
                total.json.median += r.json.median
                total.sweep?.median += r.sweep?.median ?? 0
            } catch {
                failures.append("\(b.name): \(error)")
                rows.append([b.name, "-", "-", "-", "-", "-", "-", "-"])
            }
        }
        if !measured.isEmpty {
            func across(_ f: (Row) -> Double) -> Spread { Spread(measured.map(f)) }
            var middle = Row(name: "median scenario (median/p90 of the medians)", events: Int(Sampling.quantile(measured.map { Double($0.events) }, 0.5)),
                             load: across { $0.load.median }, run: across { $0.run.median }, outcome: across { $0.outcome.median },
                             json: across { $0.json.median }, sweep: nil)
            let sweeps = measured.compactMap { $0.sweep?.median }
            if !sweeps.isEmpty { middle.sweep = Spread(sweeps) }
            rows.append(cells(middle))
        }
        var sums = cells(total)
        for i in 2...6 { sums[i] = sums[i].split(separator: "/").first.map(String.init) ?? sums[i] }
        rows.append(sums)
        let tree = generated
        if filter == nil || tree.name.contains(filter!) {
            do {
                rows.append(cells(try measure(tree, samples: samples)))
            } catch {
                failures.append("\(tree.name): \(error)")
            }
        }
        print(aligned(rows))
        print("* " + Operations.outcomeNote)
        print("* " + Operations.sweepNote)
        print("* Mevents/s: timeline events per second of the full run (events / median run time)")
        for f in failures { print("! \(f)") }
    }

    static func measure(_ b: BuiltinScenario, samples: Int) throws -> Row {
        let loaded = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
        let s = loaded.scenario
        let timeline = try Simulator.run(s)
        guard try Operations.outcomeOnly(s) == timeline.outcome else {
            throw BenchFailure(message: "the outcome-only run differs from the full run's outcome")
        }
        let load = try Sampling.measure(samples: samples) {
            try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName).expectations.count
        }
        let run = try Sampling.measure(samples: samples) { try Simulator.run(s).events.count }
        let outcome = try Sampling.measure(samples: samples) { try Operations.outcomeOnly(s).figures.count }
        let json = try Sampling.measure(samples: samples) {
            var sink = JSONRenderBench.CountingSink()
            try TimelineJSON.write(timeline, file: b.fileName, to: &sink)
            return sink.count
        }
        var sweep: Spread? = nil
        let value = Operations.sweepValue(s)
        if (try? Operations.sweepPoint(s, value: value)) != nil {
            sweep = Spread(try Sampling.measure(samples: samples) {
                try Operations.sweepPoint(s, value: value).figures.count
            }.seconds)
        }
        return Row(name: b.name, events: timeline.events.count, load: Spread(load.seconds), run: Spread(run.seconds),
                   outcome: Spread(outcome.seconds), json: Spread(json.seconds), sweep: sweep)
    }

    static func cells(_ r: Row) -> [String] {
        [r.name, String(r.events), r.load.microseconds, r.run.microseconds, r.outcome.microseconds, r.json.microseconds,
         r.sweep?.microseconds ?? "-", BenchTiming.fixed(r.eventsPerSecond / 1e6, decimals: 2)]
    }

    /// Left-aligned first column, the others right-aligned, two spaces apart.
    static func aligned(_ rows: [[String]]) -> String {
        let widths = (0..<columns.count).map { i in rows.map { $0[i].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// A scenario the table could not measure, and why.
struct BenchFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
