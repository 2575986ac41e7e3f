import PodTerm

/// A tune's answer as text: the answer, whether monotonicity held on the values tried, the
/// runs at the boundary (the value just below the answer and the answer), and the `--set`
/// line that reproduces it.
public enum TuneRendering {
    /// How many runs of a boundary value are listed (the failing ones first).
    public static let evidenceRuns = 5

    /// The report. `command` is how to run the scenario again (`podterm run NAME` and its own `--set`s).
    public static func render(_ t: TuneResult, scenarioName: String, seed: UInt64, command: String) -> String {
        let path = t.axis.path
        var out = "podterm tune · \(scenarioName) · seed \(seed) · \(t.runs) run\(t.runs == 1 ? "" : "s") per value\n"
        let values = t.axis.values
        out += "minimize \(path) over \(values.first!)..\(values.last!) (\(values.count) values)\n"
        let share = t.requiredRuns == t.runs ? "in every run" : "in at least \(t.requiredRuns) of \(t.runs) runs"
        out += "subject to " + t.constraints.map(\.description).joined(separator: ", ") + ", " + share + "\n"
        let phases = Dictionary(grouping: t.steps, by: \.phase).mapValues(\.count)
        let how = [TuneStep.Phase.spread, .bisection, .neighbour, .fullScan].compactMap { p in phases[p].map { "\($0) \(p.rawValue)" } }.joined(separator: ", ")
        out += "tried \(t.tried.count) values (\(how))\n"
        if t.monotone, t.fullScan {
            out += "monotone over the whole range (no spread value held, so every value was run)\n"
        } else if t.monotone {
            out += "monotone on every value tried: the constraints fail below the answer and hold from it on\n"
        } else {
            out += "NOT monotone: " + t.violations.prefix(5).map { "holds at \(values[$0.holdsAt]) but fails at \(values[$0.failsAt])" }.joined(separator: "; ")
                + (t.violations.count > 5 ? "; and \(t.violations.count - 5) more" : "") + "\n"
            out += "so every value of the range was run; the answer is the smallest that holds, and larger values may fail again\n"
        }
        guard let a = t.answer else {
            out += "answer: no value in the range satisfies the constraints\n"
            if let last = t.point(values.count - 1) {
                out += evidence(t, last, label: "at \(values.last!), the largest value")
            }
            return out
        }
        out += "answer: \(path) = \(values[a])\n"
        if a == 0 {
            out += "(the smallest value of the range already satisfies; the range may start too high)\n"
        } else if let below = t.point(a - 1) {
            out += evidence(t, below, label: "at \(values[a - 1]), just below")
        }
        out += evidence(t, t.point(a)!, label: "at \(values[a]), the answer")
        out += "reproduce: \(command) --set \(path)=\(values[a])" + (t.runs > 1 ? " --seed \(t.seeds[0])" : "") + "\n"
        if a > 0, let below = t.point(a - 1), let r = below.held.firstIndex(of: false) {
            out += "the failure below: \(command) --set \(path)=\(values[a - 1]) --seed \(t.seeds[r])\n"
        }
        return out
    }

    static func evidence(_ t: TuneResult, _ p: SweepPointResult, label: String) -> String {
        let held = p.heldCount
        var out = "\(label): \(held >= t.requiredRuns ? "holds" : "fails"), \(held) of \(t.runs) runs meet the constraints\n"
        let order = p.held.indices.filter { !p.held[$0] } + p.held.indices.filter { p.held[$0] }
        for r in order.prefix(evidenceRuns) {
            let figs = t.figures.enumerated().map { f, name in name + " " + (p.samples[f][r].map(String.init) ?? "none") }.joined(separator: ", ")
            out += "  run \(r) (seed \(t.seeds[r])): \(figs) \(p.held[r] ? "ok" : "FAILS")\n"
        }
        if order.count > evidenceRuns { out += "  … \(order.count - evidenceRuns) more runs\n" }
        return out
    }
}
