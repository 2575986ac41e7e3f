import PodTerm

/// A condition on one outcome figure that a tuned value must meet: `kafka.lost == 0`,
/// `traffic.refused <= 10`, `pod.deleteToGone < 30s`, `containers.app.sigkilled == false`.
///
/// The operators are those of `expect:` (`==`, `!=`, `<=`, `<`, `>=`, `>`, and `A..B`), and
/// the value is read by the figure's type exactly as an expectation's is.
public struct Constraint: Sendable, Equatable, CustomStringConvertible {
    /// The figure's name, e.g. `kafka.lost`.
    public let figure: String
    /// How it is compared.
    public let comparison: Comparison

    /// Parses `FIGURE OP VALUE` (spaces around the operator optional).
    public init(parsing text: String) throws(ScenarioError) {
        let t = text.trimmingBlanks
        let ops = ["==", "!=", "<=", ">=", "<", ">"]
        var cut: (String.Index, String)?
        for op in ops {
            if let r = t.range(of: op), cut == nil || r.lowerBound < cut!.0 { cut = (r.lowerBound, op) }
        }
        let name: String, rest: String
        if let (at, _) = cut {
            name = String(t[..<at]).trimmingBlanks
            rest = String(t[at...])
        } else if let sp = t.firstIndex(of: " ") {
            name = String(t[..<sp])
            rest = String(t[sp...]).trimmingBlanks
            guard rest.contains("..") else {
                throw ScenarioError(file: "--subject-to " + text, message: "expected FIGURE OP VALUE with OP one of == != <= < >= > (e.g. 'kafka.lost == 0'), or FIGURE A..B")
            }
        } else {
            throw ScenarioError(file: "--subject-to " + text, message: "expected FIGURE OP VALUE with OP one of == != <= < >= > (e.g. 'kafka.lost == 0')")
        }
        guard !name.isEmpty, !name.contains(" ") else {
            throw ScenarioError(file: "--subject-to " + text, message: "expected a figure name before the operator (e.g. kafka.lost), got '\(name)'")
        }
        switch Comparison.parse(rest) {
        case .success(let c): self.init(figure: name, comparison: c)
        case .failure(let e): throw ScenarioError(file: "--subject-to " + text, message: e.message)
        }
    }

    /// A constraint from its parts.
    public init(figure: String, comparison: Comparison) {
        self.figure = figure
        // A bare value is equality: `== 0` and `0` mean the same.
        self.comparison = comparison
    }

    /// `kafka.lost == 0`.
    public var description: String {
        switch comparison {
        case .equals(let v): return "\(figure) == \(v)"
        case .range: return "\(figure) \(comparison)"
        default: return "\(figure) \(comparison)"
        }
    }

    /// Whether `outcome` meets it; a figure the run does not have does not.
    public func holds(in outcome: Outcome) -> Bool {
        Expectation(figure: figure, comparison: comparison).evaluate(outcome).passed
    }

    /// Why the constraint cannot apply to `outcome` (no such figure), or nil.
    func problem(in outcome: Outcome) -> String? {
        if outcome[figure] != nil { return nil }
        let hint = Suggestions.hint(figure, in: outcome.names)
        return "the runs have no figure '\(figure)'\(hint)"
    }
}
