import Foundation

/// How an expectation compares an outcome figure with what the file says.
///
/// Written in a scenario's `expect:` as a scalar: a bare value (`0`, `SIGTERM`, `30s`) means
/// equality; `== X`, `!= X`, `<= X`, `>= X`, `< X`, `> X` compare; `A..B` is an inclusive range;
/// a YAML list compares a list figure element by element. The operands stay text until the
/// check, where the figure's type says how to read them (a whole number, a duration, true or
/// false, a word, a list, or `none`).
///
/// In YAML, a value that starts with `>` or `!` must be quoted: `">= 5s"`, `"!= 0"`.
///
/// ```swift
/// Comparison(parsing: "<= 30s")   // .lessOrEqual("30s")
/// Comparison(parsing: "1..3")     // .range("1", "3")
/// Comparison(parsing: "SIGTERM")  // .equals("SIGTERM")
/// ```
public enum Comparison: Sendable, Equatable, CustomStringConvertible {
    /// Equal to the value.
    case equals(String)
    /// Not equal to the value.
    case notEquals(String)
    /// Strictly less (whole numbers and durations).
    case less(String)
    /// Less or equal (whole numbers and durations).
    case lessOrEqual(String)
    /// Strictly greater (whole numbers and durations).
    case greater(String)
    /// Greater or equal (whole numbers and durations).
    case greaterOrEqual(String)
    /// Between the bounds, both included (whole numbers and durations).
    case range(String, String)
    /// A list figure equal to these words, in this order.
    case list([String])

    /// Parses the scalar syntax; nil when an operator or a range bound has no value.
    public init?(parsing text: String) {
        guard case .success(let c) = Comparison.parse(text) else { return nil }
        self = c
    }

    /// The syntax as written: `0`, `!= 0`, `<= 30s`, `5s..10s`, `[SIGTERM, SIGKILL]`.
    public var description: String {
        switch self {
        case .equals(let v): return v
        case .notEquals(let v): return "!= " + v
        case .less(let v): return "< " + v
        case .lessOrEqual(let v): return "<= " + v
        case .greater(let v): return "> " + v
        case .greaterOrEqual(let v): return ">= " + v
        case .range(let lo, let hi): return lo + ".." + hi
        case .list(let l): return "[" + l.joined(separator: ", ") + "]"
        }
    }

    /// Parses the scalar syntax, with a message when it is incomplete.
    static func parse(_ raw: String) -> Result<Comparison, SyntaxError> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .failure(SyntaxError(message: "expected a value, got nothing")) }
        let operators: [(String, (String) -> Comparison)] = [
            ("==", Comparison.equals), ("!=", Comparison.notEquals), ("<=", Comparison.lessOrEqual),
            (">=", Comparison.greaterOrEqual), ("<", Comparison.less), (">", Comparison.greater),
        ]
        for (op, make) in operators where text.hasPrefix(op) {
            let operand = text.dropFirst(op.count).trimmingCharacters(in: .whitespaces)
            if operand.isEmpty { return .failure(SyntaxError(message: "expected a value after '\(op)' in '\(text)'")) }
            return .success(make(operand))
        }
        if let dots = text.range(of: "..") {
            let lo = text[..<dots.lowerBound].trimmingCharacters(in: .whitespaces)
            let hi = text[dots.upperBound...].trimmingCharacters(in: .whitespaces)
            if lo.isEmpty || hi.isEmpty || hi.hasPrefix(".") {
                return .failure(SyntaxError(message: "expected a range like 5s..10s or 1..3, got '\(text)'"))
            }
            return .success(.range(lo, hi))
        }
        return .success(.equals(text))
    }

    /// Why a comparison could not be parsed.
    struct SyntaxError: Error {
        var message: String
    }
}
