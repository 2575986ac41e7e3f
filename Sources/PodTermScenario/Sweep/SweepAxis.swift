import PodTerm

/// One varied field of a sweep: a path of the scenario (as after `--set`) and the values it
/// takes, in order.
///
/// Written as after `--vary`:
/// - `PATH=FROM..TO[:STEP]`: whole numbers (`pod.terminationGracePeriodSeconds=1..60`, step
///   default 1) or durations (`network.consumers.ingress-nginx.delay=0s..5s:500ms`, step
///   default 1s when both ends are whole seconds, else 1ms). FROM, FROM+STEP, … up to TO,
///   TO itself included when it falls on a step.
/// - `PATH=a,b,c`: a list of values of any kind, in the order given
///   (`pod.containers.app.lifecycle.stopSignal=SIGTERM,SIGQUIT,SIGINT`, shells, words).
///
/// Each value is checked against the field's kind and range when the sweep resolves it.
///
/// ```swift
/// let grace = try SweepAxis(parsing: "pod.terminationGracePeriodSeconds=0..60:5")
/// grace.values   // ["0", "5", …, "60"]
/// ```
public struct SweepAxis: Sendable, Equatable {
    /// The field's path, as after `--set`.
    public let path: String
    /// The values' text, in sweep order, as `--set PATH=VALUE` takes them.
    public let values: [String]
    /// Whether the values are a range of numbers or durations (ascending), not a list.
    public let isRange: Bool
    /// The values as numbers (durations in ms), for a range; nil for a list.
    public let numbers: [Int]?

    /// The most values one axis may have.
    public static let maxValues = 10_000

    /// An axis of explicit values.
    public init(path: String, values: [String]) throws(ScenarioError) {
        guard !path.isEmpty else { throw Self.error(path + "=", "expected PATH=FROM..TO[:STEP] or PATH=a,b,c, got no path") }
        guard !values.isEmpty else { throw Self.error(path + "=", "expected at least one value") }
        guard values.count <= Self.maxValues else { throw Self.error(path + "=…", "\(values.count) values; an axis has at most \(Self.maxValues)") }
        self.path = path
        self.values = values
        isRange = false
        numbers = nil
    }

    /// Parses `PATH=FROM..TO[:STEP]` or `PATH=a,b,c`; `flag` names it in messages.
    public init(parsing text: String, flag: String = "--vary") throws(ScenarioError) {
        do { try self.init(text) } catch {
            var e = error
            if flag != "--vary", e.file.hasPrefix("--vary ") { e.file = flag + e.file.dropFirst(6) }
            throw e
        }
    }

    private init(_ text: String) throws(ScenarioError) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw Self.error(text, "expected PATH=FROM..TO[:STEP] or PATH=a,b,c (e.g. pod.terminationGracePeriodSeconds=1..60)")
        }
        let path = String(text[..<eq]).trimmingBlanks
        let spec = String(text[text.index(after: eq)...]).trimmingBlanks
        guard !spec.isEmpty else { throw Self.error(text, "expected values after '=', e.g. 1..60, 0s..5s:500ms or SIGTERM,SIGQUIT") }
        if let dots = spec.range(of: "..") {
            let from = String(spec[..<dots.lowerBound]).trimmingBlanks
            var rest = String(spec[dots.upperBound...])
            var stepText: String?
            if let colon = rest.firstIndex(of: ":") {
                stepText = String(rest[rest.index(after: colon)...]).trimmingBlanks
                rest = String(rest[..<colon])
            }
            let to = rest.trimmingBlanks
            try self.init(path: path, from: from, to: to, step: stepText, text: text)
        } else {
            let items = spec.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingBlanks }
            if let empty = items.firstIndex(where: \.isEmpty) {
                throw Self.error(text, "value \(empty + 1) of the list is empty; expected a,b,c")
            }
            try self.init(path: path, values: items)
        }
    }

    private init(path: String, from: String, to: String, step: String?, text: String) throws(ScenarioError) {
        if let a = Int(from), let b = Int(to) {
            let s: Int
            if let step {
                guard let n = Int(step), n > 0 else { throw Self.error(text, "the step of a range of whole numbers is a whole number above 0, got '\(step)'") }
                s = n
            } else {
                s = 1
            }
            try self.init(path: path, numbers: a, b, s, text: text) { String($0) }
            return
        }
        guard let a = parseDuration(from) else { throw Self.error(text, "expected FROM..TO of whole numbers or durations (1..60, 0s..5s), got '\(from)' for FROM") }
        guard let b = parseDuration(to) else { throw Self.error(text, "expected FROM..TO of whole numbers or durations (1..60, 0s..5s), got '\(to)' for TO") }
        let s: Int
        if let step {
            guard let d = parseDuration(step), d.ms > 0 else { throw Self.error(text, "the step of a range of durations is a duration above 0 (500ms, 1s), got '\(step)'") }
            s = d.ms
        } else {
            s = a.ms % 1000 == 0 && b.ms % 1000 == 0 ? 1000 : 1
        }
        try self.init(path: path, numbers: a.ms, b.ms, s, text: text) { formatDuration(Millis($0)) }
    }

    private init(path: String, numbers a: Int, _ b: Int, _ s: Int, text: String, format: (Int) -> String) throws(ScenarioError) {
        guard !path.isEmpty else { throw Self.error(text, "expected PATH=FROM..TO[:STEP], got no path") }
        guard a <= b else { throw Self.error(text, "the range goes down (FROM above TO); write it from the smaller value") }
        let count = (b - a) / s + 1
        guard count <= Self.maxValues else {
            throw Self.error(text, "\(count) values; an axis has at most \(Self.maxValues): use a larger step")
        }
        let ns = (0..<count).map { a + $0 * s }
        self.path = path
        numbers = ns
        values = ns.map(format)
        isRange = true
    }

    /// `PATH=…` as a sweep's `--vary` would write it (the values, as a list).
    public var text: String { path + "=" + values.joined(separator: ",") }

    static func error(_ text: String, _ message: String) -> ScenarioError {
        ScenarioError(file: "--vary " + text, message: message)
    }

    /// Resolves every value of the axis against `loaded`, as `--set PATH=VALUE` would.
    func settings(in loaded: LoadedScenario) throws(ScenarioError) -> [ScenarioSetting] {
        var out: [ScenarioSetting] = []
        out.reserveCapacity(values.count)
        for v in values {
            let o = try Override(path: path, value: v)
            do {
                out.append(try ScenarioSetting(o, in: loaded))
            } catch {
                throw ScenarioError(file: "--vary " + path + "=" + v, message: error.message)
            }
        }
        return out
    }
}

extension String {
    var trimmingBlanks: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
