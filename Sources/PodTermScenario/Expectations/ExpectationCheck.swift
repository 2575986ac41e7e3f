import Foundation
import PodTerm

/// Compares one expectation with an outcome figure, by the figure's type.
enum ExpectationCheck {
    static func evaluate(_ e: Expectation, _ outcome: Outcome) -> ExpectationResult {
        guard let actual = outcome[e.figure] else {
            let names = outcome.names
            let suggestion = Suggestions.hint(e.figure, in: names, maxDistance: max(2, e.figure.count / 5))
            let container = containerHint(e.figure, names)
            return ExpectationResult(
                expectation: e, passed: false, actual: nil,
                message: "no figure \(e.figure)\(suggestion)\(container)")
        }
        let verdict = compare(actual, e.comparison)
        let shown = "\(e.figure): expected \(e.comparison), got \(show(actual))"
        switch verdict {
        case .passed: return ExpectationResult(expectation: e, passed: true, actual: actual, message: shown)
        case .failed: return ExpectationResult(expectation: e, passed: false, actual: actual, message: shown)
        case .invalid(let why):
            return ExpectationResult(expectation: e, passed: false, actual: actual, message: "\(shown): \(why)")
        }
    }

    /// When the figure names a container or process that does not exist, list those that do.
    private static func containerHint(_ figure: String, _ names: [String]) -> String {
        for prefix in ["containers.", "processes."] where figure.hasPrefix(prefix) {
            var seen: [String] = []
            for n in names where n.hasPrefix(prefix) {
                let rest = n.dropFirst(prefix.count)
                guard let dot = rest.lastIndex(of: ".") else { continue }
                let thing = String(rest[..<dot])
                if !seen.contains(thing) { seen.append(thing) }
            }
            if !seen.isEmpty {
                return "; the run has \(prefix.dropLast()): \(seen.joined(separator: ", "))"
            }
        }
        return ""
    }

    private static func show(_ v: FigureValue) -> String {
        if case .text(let s) = v { return s }
        return v.description
    }

    enum Verdict: Equatable {
        case passed, failed
        /// The comparison cannot apply to this figure (wrong type, unreadable value).
        case invalid(String)
    }

    /// An operand read the way the figure's type says.
    private enum Operand: Equatable {
        case none, number(Int), bool(Bool), text(String), list([String])
    }

    static func compare(_ actual: FigureValue, _ c: Comparison) -> Verdict {
        switch c {
        case .list(let words):
            switch actual {
            case .list(let l): return l == words ? .passed : .failed
            case .none: return .failed
            default: return .invalid("a list compares only with a list figure; this one is \(kind(actual))")
            }
        case .equals(let t), .notEquals(let t):
            let wantEqual: Bool
            if case .equals = c { wantEqual = true } else { wantEqual = false }
            let operand: Operand
            switch read(t, as: actual) {
            case .success(let o): operand = o
            case .failure(let why): return .invalid(why.message)
            }
            let equal = value(actual) == operand
            return equal == wantEqual ? .passed : .failed
        case .less(let t), .lessOrEqual(let t), .greater(let t), .greaterOrEqual(let t):
            guard isOrdered(actual) || actual == .none else {
                return .invalid("\(c.operatorName) needs a whole number or a duration; \(kind(actual)) compares only with == or !=")
            }
            if t == "none" { return .invalid("\(c.operatorName) cannot compare with none") }
            guard case .number(let a) = value(actual) else { return .failed }  // the figure is none
            let b: Int
            switch read(t, as: actual) {
            case .success(.number(let n)): b = n
            case .success: return .invalid("'\(t)' is not a number")
            case .failure(let why): return .invalid(why.message)
            }
            switch c {
            case .less: return a < b ? .passed : .failed
            case .lessOrEqual: return a <= b ? .passed : .failed
            case .greater: return a > b ? .passed : .failed
            default: return a >= b ? .passed : .failed
            }
        case .range(let lt, let ht):
            guard isOrdered(actual) || actual == .none else {
                return .invalid("a range needs a whole number or a duration; \(kind(actual)) compares only with == or !=")
            }
            guard case .number(let a) = value(actual) else { return .failed }
            var bounds: [Int] = []
            for t in [lt, ht] {
                switch read(t, as: actual) {
                case .success(.number(let n)): bounds.append(n)
                case .success: return .invalid("a range bound cannot be '\(t)'")
                case .failure(let why): return .invalid(why.message)
                }
            }
            if bounds[0] > bounds[1] { return .invalid("the range \(lt)..\(ht) is empty: its low end is above its high end") }
            return (bounds[0]...bounds[1]).contains(a) ? .passed : .failed
        }
    }

    private static func isOrdered(_ v: FigureValue) -> Bool {
        switch v {
        case .int, .duration: return true
        default: return false
        }
    }

    private static func kind(_ v: FigureValue) -> String {
        switch v {
        case .int: return "a whole number"
        case .duration: return "a duration"
        case .bool: return "true or false"
        case .text: return "a word"
        case .list: return "a list"
        case .none: return "none"
        }
    }

    private static func value(_ v: FigureValue) -> Operand {
        switch v {
        case .int(let n): return .number(n)
        case .duration(let ms): return .number(ms.ms)
        case .bool(let b): return .bool(b)
        case .text(let s): return .text(s)
        case .list(let l): return .list(l)
        case .none: return .none
        }
    }

    private struct Unreadable: Error { var message: String }

    /// Reads an operand's text as the figure's type. `none` is always none; against a figure
    /// that is none, a value is read as whatever it looks like (it can only be unequal).
    private static func read(_ text: String, as actual: FigureValue) -> Result<Operand, Unreadable> {
        if text == "none" { return .success(.none) }
        switch actual {
        case .int:
            guard let n = Int(text) else { return .failure(Unreadable(message: "'\(text)' is not a whole number, and the figure is one")) }
            return .success(.number(n))
        case .duration:
            guard let ms = Scalars.parseDurationText(text) else {
                return .failure(Unreadable(message: "'\(text)' is not a duration like 500ms, 30s or 2m, and the figure is one"))
            }
            return .success(.number(ms.ms))
        case .bool:
            switch text.lowercased() {
            case "true": return .success(.bool(true))
            case "false": return .success(.bool(false))
            default: return .failure(Unreadable(message: "'\(text)' is not true or false, and the figure is one"))
            }
        case .text:
            return .success(.text(text))
        case .list:
            if text.hasPrefix("["), text.hasSuffix("]") {
                let inner = text.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                if inner.isEmpty { return .success(.list([])) }
                return .success(.list(inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }))
            }
            return .failure(Unreadable(message: "the figure is a list; write the expected list as a YAML list, e.g. [SIGTERM]"))
        case .none:
            if let n = Int(text) { return .success(.number(n)) }
            if let ms = Scalars.parseDurationText(text) { return .success(.number(ms.ms)) }
            return .success(.text(text))
        }
    }
}

extension Comparison {
    /// `<=`, `a range`… for messages.
    var operatorName: String {
        switch self {
        case .less: return "<"
        case .lessOrEqual: return "<="
        case .greater: return ">"
        case .greaterOrEqual: return ">="
        case .range: return "a range"
        case .equals: return "=="
        case .notEquals: return "!="
        case .list: return "a list"
        }
    }
}
