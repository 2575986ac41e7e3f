import Foundation
import PodTerm

/// A seeded distribution a scenario file may write in place of a value: any field `--set`
/// can set (a duration, a rate, a count, a signal, a word) may be
///
/// - `uniform(A, B)`: every value from A to B, both included, equally likely, in steps of
///   1 ms for durations (`uniform(1s, 3s)`) or 1 for numbers (`uniform(50, 150)`);
/// - `normal(MEAN, SD)`: a normal draw rounded to the step and cut to
///   [max(0, MEAN − 4·SD), MEAN + 4·SD] (a cut at 0 raises the mean a little; say
///   `uniform` if that matters);
/// - `exponential(MEAN)`: an exponential draw rounded to the step, cut at 20·MEAN (a
///   chance of e⁻²⁰, about 2·10⁻⁹);
/// - `choice(A, B, …)`: one of the values, equally likely (`choice(SIGTERM, SIGQUIT)`).
///
/// Operands with a unit (`500ms`, `2s`) make a duration; bare whole numbers make a number
/// (which a duration field reads as seconds, as everywhere in the format). The lowest and the
/// highest value a distribution can give are checked against the field when the file is
/// loaded, at the distribution's line and column.
///
/// **Draws.** Each field draws from its own SplitMix64 stream, seeded with the run's seed
/// XOR the FNV-1a hash of the field's path (list items by name, as `--set` writes it), so
/// adding, removing or reordering another random field never changes this one's draws, and
/// the same seed gives the same values in any process. The run's own engine stream (Poisson
/// arrivals) is separate. A `--set` or a sweep axis on a random field replaces the
/// distribution.
public enum Distribution: Sendable, Equatable, CustomStringConvertible {
    case uniform(Int, Int)
    case normal(mean: Int, sd: Int)
    case exponential(mean: Int)
    case choice([String])

    /// Parses `uniform(1s, 3s)` and the others; `nil` when the text is not a distribution at all.
    static func parse(_ text: String) -> Result<(Distribution, isDuration: Bool), ValueProblem>? {
        let t = text.trimmingBlanks
        guard let open = t.firstIndex(of: "(") else { return nil }
        let name = String(t[..<open])
        guard ["uniform", "normal", "exponential", "choice"].contains(name) else { return nil }
        guard t.hasSuffix(")") else {
            return .failure(ValueProblem("'\(t)': a distribution ends with ')'; inside a flow mapping { … } YAML splits at the comma, so quote it: \"\(name)(…, …)\""))
        }
        let inner = t[t.index(after: open)..<t.index(before: t.endIndex)]
        let args = inner.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingBlanks }
        if name == "choice" {
            guard !args.isEmpty, !args.contains(where: \.isEmpty) else { return .failure(ValueProblem("choice(A, B, …): expected values separated by commas, got '\(t)'")) }
            return .success((.choice(args), false))
        }
        let want = name == "exponential" ? 1 : 2
        guard args.count == want, !args.contains(where: \.isEmpty) else {
            let shape = name == "exponential" ? "exponential(MEAN)" : name == "normal" ? "normal(MEAN, SD)" : "uniform(A, B)"
            return .failure(ValueProblem("expected \(shape) with \(want == 1 ? "one value" : "two values"), got '\(t)'"))
        }
        let isDuration = args.contains { Int($0) == nil }
        var numbers: [Int] = []
        for a in args {
            if !isDuration, let n = Int(a), n >= 0 { numbers.append(n); continue }
            guard let ms = parseDuration(a) else {
                return .failure(ValueProblem("\(name)(…): expected whole numbers (50) or durations (500ms, 2s) of 0 or more, got '\(a)'"))
            }
            numbers.append(ms.ms)
        }
        switch name {
        case "uniform":
            guard numbers[0] <= numbers[1] else { return .failure(ValueProblem("uniform(A, B): A must not be above B, got '\(t)'")) }
            return .success((.uniform(numbers[0], numbers[1]), isDuration))
        case "normal": return .success((.normal(mean: numbers[0], sd: numbers[1]), isDuration))
        default:
            guard numbers[0] > 0 else { return .failure(ValueProblem("exponential(MEAN): the mean must be above 0, got '\(t)'")) }
            return .success((.exponential(mean: numbers[0]), isDuration))
        }
    }

    /// The lowest and highest values it can give (the bounds checked at load time).
    var bounds: (Int, Int)? {
        switch self {
        case .uniform(let a, let b): return (a, b)
        case .normal(let m, let sd): return (max(0, m - 4 * sd), m + 4 * sd)
        case .exponential(let m): return (0, 20 * m)
        case .choice: return nil
        }
    }

    /// One draw, as a number (or a choice's index).
    func draw(_ g: inout SeededGenerator) -> Int {
        func unit() -> Double { Double(g.next() >> 11) * 0x1p-53 }  // [0, 1)
        switch self {
        case .uniform(let a, let b):
            return a + Int(g.next() % UInt64(b - a + 1))
        case .normal(let m, let sd):
            // Box–Muller: two uniform draws, one normal.
            let u1 = 1 - unit(), u2 = unit()
            let z = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
            let (lo, hi) = bounds!
            return min(hi, max(lo, Int((Double(m) + z * Double(sd)).rounded())))
        case .exponential(let m):
            let x = -Double(m) * Foundation.log(1 - unit())
            return min(20 * m, max(0, Int(x.rounded())))
        case .choice(let vs):
            return Int(g.next() % UInt64(vs.count))
        }
    }

    public var description: String {
        switch self {
        case .uniform(let a, let b): return "uniform(\(a), \(b))"
        case .normal(let m, let sd): return "normal(\(m), \(sd))"
        case .exponential(let m): return "exponential(\(m))"
        case .choice(let vs): return "choice(" + vs.joined(separator: ", ") + ")"
        }
    }
}

/// One field of a scenario file that holds a distribution instead of a value.
public struct RandomField: Sendable, Equatable {
    public static func == (a: RandomField, b: RandomField) -> Bool {
        a.path == b.path && a.text == b.text && a.distribution == b.distribution && a.isDuration == b.isDuration
            && a.line == b.line && a.column == b.column
    }

    /// The field and its place, found once, so a draw only reads its value and writes it.
    var target: (SettingField, SettingPlace)?

    /// The field's path, list items by name (as `--set` writes it): the key of its draws.
    public let path: String
    /// The distribution as written in the file.
    public let text: String
    public let distribution: Distribution
    /// Whether its numbers are ms (durations) rather than plain numbers.
    public let isDuration: Bool
    /// Where the file has it.
    public let line: Int
    public let column: Int

    /// The text of value `n` (or of choice `n`), as `--set` takes it.
    func valueText(_ n: Int) -> String {
        if case .choice(let vs) = distribution { return vs[n] }
        return isDuration ? formatDuration(Millis(n)) : String(n)
    }

    /// The value this field takes in the run seeded `seed`.
    public func value(seed: UInt64) -> String {
        var g = SeededGenerator(seed: seed ^ RandomField.fnv1a(path))
        return valueText(distribution.draw(&g))
    }

    /// FNV-1a, 64 bits, of the path's UTF-8 bytes: a stable per-field key.
    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}

enum RandomFields {
    /// Top-level sections that hold no settable values.
    static let skipped: Set<String> = ["summary", "story", "expect", "seed", "kubernetes", "name"]

    /// Finds every distribution in the tree and puts a plain value in its place (the lowest
    /// it can give, or its first choice) so the decoder reads the file as usual; returns them
    /// with their tree paths (list items by index) and places.
    static func extract(_ root: inout SourceNode) throws -> [(treePath: String, text: String, Distribution, Bool, Int, Int)] {
        var found: [(String, String, Distribution, Bool, Int, Int)] = []
        func walk(_ node: inout SourceNode, _ path: String) throws {
            switch node.content {
            case .scalar(var s):
                guard s.kind == .string, let parsed = Distribution.parse(s.text) else { return }
                guard case .file(let line, let column) = node.origin else { return }
                switch parsed {
                case .failure(let p): throw LocatedError(node.origin, "\(path): \(p.message)")
                case .success(let (d, isDuration)):
                    found.append((path, s.text, d, isDuration, line, column))
                    let field = RandomField(path: path, text: s.text, distribution: d, isDuration: isDuration, line: line, column: column)
                    s.text = field.valueText(d.bounds?.0 ?? 0)
                    s.kind = isDuration || { if case .choice = d { return true } else { return false } }() ? .string : .int
                    node.content = .scalar(s)
                }
            case .mapping(var entries):
                for i in entries.indices {
                    let key = entries[i].key
                    if path.isEmpty, skipped.contains(key) { continue }
                    try walk(&entries[i].value, path.isEmpty ? key : path + "." + key)
                }
                node.content = .mapping(entries)
            case .sequence(var items):
                for i in items.indices { try walk(&items[i], path + "." + String(i)) }
                node.content = .sequence(items)
            }
        }
        try walk(&root, "")
        return found
    }

    /// Resolves each found distribution against the decoded scenario and checks that its
    /// lowest and highest values (each choice) are accepted, at the file's line and column.
    static func resolve(_ found: [(treePath: String, text: String, Distribution, Bool, Int, Int)], in loaded: LoadedScenario) throws(ScenarioError) -> [RandomField] {
        var out: [RandomField] = []
        for (treePath, text, d, isDuration, line, column) in found {
            var probe = RandomField(path: treePath, text: text, distribution: d, isDuration: isDuration, line: line, column: column)
            let values: [Int]
            if case .choice(let vs) = d { values = Array(vs.indices) } else { values = [d.bounds!.0, d.bounds!.1] }
            var resolved = treePath
            for v in values {
                do {
                    let o = try Override(path: treePath, value: probe.valueText(v))
                    resolved = try ScenarioSetting(o, in: loaded).resolvedPath
                } catch {
                    let what = values.count == 2 && !(d.bounds.map { $0.0 == $0.1 } ?? true) ? (v == values[0] ? "its lowest value " : "its highest value ") : ""
                    throw ScenarioError(file: loaded.fileName, line: line, column: column,
                                        message: "\(text): \(what)\(probe.valueText(v)) is refused: \(error.message)")
                }
            }
            probe = RandomField(path: resolved, text: text, distribution: d, isDuration: isDuration, line: line, column: column)
            if case .field(let field, let place)? = try? SettingResolver.locate(resolved, probe.valueText(values[0]), in: loaded.scenario, expectations: nil) {
                probe.target = (field, place)
            }
            out.append(probe)
        }
        return out
    }
}

extension LoadedScenario {
    /// `scenario` with every random field of the file drawn for the run seeded `seed`,
    /// except those at `except` (paths set by a sweep axis).
    public func drawing(_ scenario: Scenario, seed: UInt64, except: Set<String> = []) throws(ScenarioError) -> Scenario {
        if randomFields.isEmpty { return scenario }
        var s = scenario
        var checks: SettingChecks.Kinds = []
        var drawn: [String] = []
        for f in randomFields where !except.contains(f.path) {
            let value = f.value(seed: seed)
            drawn.append(f.path + "=" + value)
            if let (field, place) = f.target {
                // The fast way: the field was found once; read the value and write it.
                do {
                    guard case .scenario(let write) = try field.resolve(value, place) else { continue }
                    try write(&s)
                } catch let p as ValueProblem {
                    throw ScenarioError(file: fileName, override: f.path + "=" + value, message: p.message)
                } catch {
                    throw ScenarioError(file: fileName, override: f.path + "=" + value, message: "\(error)")
                }
                checks.formUnion(field.checks)
            } else {
                let setting = try ScenarioSetting(try Override(path: f.path, value: value), resolvingIn: self)
                try setting.write(&s)
                checks.formUnion(setting.checks)
            }
        }
        do {
            try SettingChecks.check(s, checks)
        } catch {
            throw ScenarioError(file: fileName, message: "with seed \(seed) the draws \(drawn.joined(separator: ", ")) break the scenario: \(error.message)")
        }
        return s
    }
}
