import Foundation
import PodTerm

/// The result of `verify`: for each container, the real run and the simulation side by side,
/// with every difference marked.
public struct VerifyReport: Sendable {
    /// The scenario's name.
    public var scenario: String
    /// The file it came from.
    public var fileName: String
    /// One comparison per container.
    public var containers: [ContainerComparison]
    /// Host PIDs of processes found in a namespace after its run (always empty unless something
    /// is badly wrong; they were killed).
    public var leftovers: [Int32]
    /// The timing tolerance used.
    public var toleranceMs: Int
    public var tolerancePercent: Int
    /// What the probes reported, per container (their log files).
    public var probeLogs: [String]
    /// The working directory, when it was kept.
    public var workDirectory: String?

    /// Every difference, in report order.
    public var differences: [VerifyDifference] {
        var out = containers.flatMap { c in
            c.rows.compactMap { r in
                r.difference.map { VerifyDifference(container: c.name, process: r.process, what: r.what, real: r.real, simulated: r.simulated, explanation: $0) }
            }
        }
        if !leftovers.isEmpty {
            out.append(VerifyDifference(
                container: "", process: "", what: "leftovers",
                real: leftovers.map(String.init).joined(separator: " "), simulated: "none",
                explanation: "processes of the namespace were still there after the run (killed now)"))
        }
        return out
    }

    /// Whether reality and the simulation agree on everything compared.
    public var matches: Bool { differences.isEmpty }

    /// The side-by-side text `podterm verify` prints.
    public func render(color: Bool = false) -> String {
        let red = color ? "\u{1B}[31m" : "", green = color ? "\u{1B}[32m" : "", dim = color ? "\u{1B}[2m" : "", off = color ? "\u{1B}[0m" : ""
        var out = "podterm verify · \(scenario) · real Linux vs simulation · timing tolerance \(toleranceMs)ms + \(tolerancePercent)%\n"
        for c in containers {
            out += "\ncontainer \(c.name)"
            if let l = c.lateness { out += " · runtime signals \(l.ms) ms late (\(l.why)); later real times are shifted back by that much" }
            out += "\n"
            let rows = [VerifyRow(process: "process", what: "what", real: "reality", simulated: "simulation", difference: nil)] + c.rows
            let w0 = rows.map(\.process.count).max() ?? 0
            let w1 = rows.map(\.what.count).max() ?? 0
            let w2 = rows.map(\.real.count).max() ?? 0
            let w3 = rows.map(\.simulated.count).max() ?? 0
            for (i, r) in rows.enumerated() {
                let mark = i == 0 ? "  " : (r.difference == nil ? "  " : "✗ ")
                var line = mark + pad(r.process, w0) + "  " + pad(r.what, w1) + "  " + pad(r.real, w2) + "  " + pad(r.simulated, w3)
                if let d = r.difference { line += "  " + d }
                while line.hasSuffix(" ") { line.removeLast() }
                if i == 0 { line = dim + line + off } else if r.difference != nil { line = red + line + off }
                out += line + "\n"
            }
        }
        if !leftovers.isEmpty {
            out += "\n\(red)✗ processes left in a namespace after the run: \(leftovers.map(String.init).joined(separator: " ")) (killed now)\(off)\n"
        }
        let n = differences.count
        if n == 0 {
            out += "\n\(green)no difference: the simulation matches real Linux\(off)\n"
        } else {
            out += "\n\(red)\(n) difference\(n == 1 ? "" : "s") between real Linux and the simulation\(off)\n"
        }
        if let w = workDirectory { out += "working files kept in \(w)\n" }
        return out
    }

    private func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
}

/// One difference between reality and the simulation.
public struct VerifyDifference: Sendable, Equatable, CustomStringConvertible {
    public var container: String
    /// The process key (`app/tini/server`), empty for the container itself.
    public var process: String
    /// What differs: a signal name, `end`, `PID 1`, `zombie`, `process`.
    public var what: String
    public var real: String
    public var simulated: String
    /// Why it counts as a difference.
    public var explanation: String

    public var description: String {
        "\(process.isEmpty ? container : process) \(what): reality \(real), simulation \(simulated) — \(explanation)"
    }
}

/// One line of the side-by-side table.
public struct VerifyRow: Sendable, Equatable {
    public var process: String
    public var what: String
    public var real: String
    public var simulated: String
    /// Nil when both sides agree (or the row is shown for information only).
    public var difference: String?
}

/// One container's real run and simulation, compared.
public struct ContainerComparison: Sendable {
    public var name: String
    public var real: ContainerStory
    public var simulated: ContainerStory
    public var rows: [VerifyRow]
    /// How late the runtime's first signal went out, and why.
    public var lateness: (ms: Millis, why: String)?

    static func compare(real: ContainerStory, simulated: ContainerStory, options: VerifyOptions, lateness: (ms: Millis, why: String)?) -> ContainerComparison {
        var rows: [VerifyRow] = []
        let anchors = simulated.runtimeSignals.map(\.at)
        func tolerance(_ simAt: Millis) -> Millis {
            let anchor = anchors.last { $0 <= simAt } ?? 0
            return Millis(options.toleranceMs) + (simAt - anchor) * options.tolerancePercent / 100
        }
        func time(_ ms: Millis) -> String { String(format: "%.3fs", Double(ms.ms) / 1000) }
        func timing(_ r: Millis, _ s: Millis) -> String? {
            let tol = tolerance(s)
            return abs((r - s).ms) > tol.ms ? "\(abs((r - s).ms)) ms apart (tolerance \(tol) ms)" : nil
        }

        // Processes, matched by their place in the tree.
        var keys = simulated.processes.map(\.key)
        for p in real.processes where !keys.contains(p.key) { keys.append(p.key) }
        for key in keys {
            let r = real.process(key), s = simulated.process(key)
            guard let r, let s else {
                let p = (r ?? s)!
                let where_ = r == nil ? "only in the simulation" : "only in reality"
                let text = "\(p.name)" + (p.end.map { ", \($0.status.text) at \(time($0.at))" } ?? ", running")
                rows.append(VerifyRow(process: key, what: "process", real: r == nil ? "—" : text, simulated: s == nil ? "—" : text, difference: where_))
                continue
            }
            rows.append(VerifyRow(
                process: key, what: "started", real: r.startedAt.map(time) ?? "?", simulated: s.startedAt.map(time) ?? "?",
                difference: nil))
            for (a, b) in align(r.received, s.received) {
                let what = (a ?? b)!.signal.name
                func text(_ x: SignalStory?) -> String {
                    guard let x else { return "—" }
                    return "\(time(x.at)) \(x.fate) ← \(x.from == key ? "itself" : x.from)"
                }
                var diff: String?
                if let a, let b {
                    var why: [String] = []
                    // What the kernel did must agree in its own terms (queued then handled,
                    // fatal or ignored at dequeue; dropped at send; already pending); which
                    // send-time reason dropped it is inferred on the real side, so it is
                    // shown, not compared.
                    if a.kernelTerms != b.kernelTerms { why.append("fate") }
                    if a.from != b.from { why.append("sender") }
                    if let t = timing(a.at, b.at) { why.append(t) }
                    diff = why.isEmpty ? nil : "differs: " + why.joined(separator: ", ")
                } else {
                    diff = a == nil ? "never sent in reality" : "not in the simulation"
                }
                rows.append(VerifyRow(process: key, what: what, real: text(a), simulated: text(b), difference: diff))
            }
            let endText: (EndStory?) -> String = { e in e.map { "\(time($0.at)) \($0.status.text)" } ?? "running" }
            var endDiff: String?
            switch (r.end, s.end) {
            case let (a?, b?):
                if a.status != b.status { endDiff = "ends differently" } else if let t = timing(a.at, b.at) { endDiff = t }
            case (nil, nil): break
            default: endDiff = "ends differently"
            }
            rows.append(VerifyRow(process: key, what: "end", real: endText(r.end), simulated: endText(s.end), difference: endDiff))
            if r.zombieLeft || s.zombieLeft {
                rows.append(VerifyRow(
                    process: key, what: "zombie", real: r.zombieLeft ? "left a zombie" : "reaped", simulated: s.zombieLeft ? "left a zombie" : "reaped",
                    difference: r.zombieLeft == s.zombieLeft ? nil : "zombie differs"))
            }
        }
        let pid1 = real.processes.first?.key ?? simulated.processes.first?.key ?? real.name
        let st: (WaitStatus?, Millis?) -> String = { w, at in
            guard let w else { return "running" }
            return "\(w.text) (\(w.exitCode))" + (at.map { " at \(time($0))" } ?? "")
        }
        var pidDiff: String?
        if real.pid1Status != simulated.pid1Status {
            pidDiff = "PID 1 status differs"
        } else if let a = real.exitedAt, let b = simulated.exitedAt, let t = timing(a, b) {
            pidDiff = t
        }
        rows.append(VerifyRow(process: pid1, what: simulated.mainIsPID1 ? "PID 1 status" : "main status", real: st(real.pid1Status, real.exitedAt), simulated: st(simulated.pid1Status, simulated.exitedAt), difference: pidDiff))
        rows.append(VerifyRow(
            process: real.name, what: "zombies left", real: String(real.zombiesLeft), simulated: String(simulated.zombiesLeft),
            difference: real.zombiesLeft == simulated.zombiesLeft ? nil : "zombie count differs"))
        return ContainerComparison(name: simulated.name, real: real, simulated: simulated, rows: rows, lateness: lateness)
    }

    /// Pairs the signals two sides received, in order: the longest common sequence of
    /// (signal, fate, sender), the rest unpaired.
    static func align(_ a: [SignalStory], _ b: [SignalStory]) -> [(SignalStory?, SignalStory?)] {
        func same(_ x: SignalStory, _ y: SignalStory) -> Bool { x.signal == y.signal && x.kernelTerms == y.kernelTerms && x.from == y.from }
        let n = a.count, m = b.count
        var l = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                l[i][j] = same(a[i], b[j]) ? l[i + 1][j + 1] + 1 : max(l[i + 1][j], l[i][j + 1])
            }
        }
        var out: [(SignalStory?, SignalStory?)] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, same(a[i], b[j]) {
                out.append((a[i], b[j])); i += 1; j += 1
            } else if i < n, j < m, a[i].signal == b[j].signal, l[i + 1][j + 1] >= max(l[i + 1][j], l[i][j + 1]) {
                // Same signal, different fate or sender: show them side by side.
                out.append((a[i], b[j])); i += 1; j += 1
            } else if j >= m || (i < n && l[i + 1][j] >= l[i][j + 1]) {
                out.append((a[i], nil)); i += 1
            } else {
                out.append((nil, b[j])); j += 1
            }
        }
        return out
    }
}
