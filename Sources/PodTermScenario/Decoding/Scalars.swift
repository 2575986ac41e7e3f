import Foundation
import PodTerm

/// Typed readers for scalar nodes, each with a message that says what was expected.
enum Scalars {
    /// The text of a scalar (any scalar: `name: 123` is the string "123").
    static func string(_ node: SourceNode, _ what: String) throws -> String {
        guard case .scalar(let s) = node.content, s.kind != .null else {
            throw LocatedError(at: node, "\(what): expected a string, got \(node.shortDescription)")
        }
        return s.text
    }

    /// A whole number, written in decimal, within bounds.
    static func int(_ node: SourceNode, _ what: String, min: Int? = 0, max: Int? = nil) throws -> Int {
        guard case .scalar(let s) = node.content, let n = Int(s.text.trimmingCharacters(in: .whitespaces)) else {
            throw LocatedError(at: node, "\(what): expected a whole number, got \(node.shortDescription)")
        }
        if let min, n < min {
            let range = max.map { " from \(min) to \($0)" } ?? " ≥ \(min)"
            throw LocatedError(at: node, "\(what): expected a whole number\(range), got '\(s.text)'")
        }
        if let max, n > max {
            let range = min.map { " from \($0) to \(max)" } ?? " ≤ \(max)"
            throw LocatedError(at: node, "\(what): expected a whole number\(range), got '\(s.text)'")
        }
        return n
    }

    /// A duration: `500ms`, `5s`, `2.5s`, `2m`, `1m30s`, or a bare number of seconds.
    static func duration(_ node: SourceNode, _ what: String) throws -> Millis {
        guard case .scalar(let s) = node.content, let ms = Scalars.parseDurationText(s.text) else {
            throw LocatedError(at: node, "\(what): expected a duration like 500ms, 5s or 2m, got \(node.shortDescription)")
        }
        return ms
    }

    /// `parseDuration`, plus bare decimal seconds (`2.5` is 2.5s).
    static func parseDurationText(_ text: String) -> Millis? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let ms = parseDuration(t) { return ms }
        if let first = t.first, first.isNumber || first == ".", t.allSatisfy({ $0.isNumber || $0 == "." }) {
            return parseDuration(t + "s")
        }
        return nil
    }

    /// true or false (YAML's yes/no/on/off too).
    static func bool(_ node: SourceNode, _ what: String) throws -> Bool {
        if case .scalar(let s) = node.content {
            switch s.text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        throw LocatedError(at: node, "\(what): expected true or false, got \(node.shortDescription)")
    }

    /// A list of strings (exec form).
    static func stringList(_ node: SourceNode, _ what: String, nonEmpty: Bool = false) throws -> [String] {
        guard case .sequence(let items) = node.content else {
            throw LocatedError(
                at: node,
                "\(what): expected a list of strings, like [\"/app/server\", \"--port\", \"8080\"], got \(node.shortDescription)")
        }
        if nonEmpty, items.isEmpty {
            throw LocatedError(at: node, "\(what): expected at least one string (the program to run), got an empty list")
        }
        return try items.enumerated().map { i, item in
            guard case .scalar(let s) = item.content, s.kind != .null else {
                throw LocatedError(at: item, "\(what).\(i): expected a string, got \(item.shortDescription)")
            }
            return s.text
        }
    }

    /// A list of strings (exec form), or one string (shell form, run by `/bin/sh -c`).
    static func command(_ node: SourceNode, _ what: String) throws -> [String] {
        if case .scalar(let s) = node.content, s.kind != .null { return ["/bin/sh", "-c", s.text] }
        return try stringList(node, what)
    }

    /// A signal by name (`SIGTERM`, `TERM`) or number.
    static func signal(_ node: SourceNode, _ what: String) throws -> Signal {
        guard case .scalar(let s) = node.content else {
            throw LocatedError(at: node, "\(what): expected a signal name like SIGTERM, got \(node.shortDescription)")
        }
        return try signal(named: s.text, at: node, what)
    }

    /// A signal from text, with an error at `node`.
    static func signal(named text: String, at node: SourceNode, _ what: String) throws -> Signal {
        if let sig = Signal(parsing: text) { return sig }
        let upper = text.uppercased()
        let candidate = upper.hasPrefix("SIG") ? upper : "SIG" + upper
        let suggestion = Suggestions.hint(candidate, in: Signal.allNames)
        throw LocatedError(
            at: node,
            "\(what): unknown signal '\(text)'\(suggestion); expected a name like SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1 or a number from 1 to 31")
    }

    /// One of a fixed set of words (case-sensitive, as Kubernetes is).
    static func oneOf<T>(_ node: SourceNode, _ what: String, _ choices: [(String, T)]) throws -> T {
        let names = choices.map(\.0)
        if case .scalar(let s) = node.content, let hit = choices.first(where: { $0.0 == s.text }) {
            return hit.1
        }
        var suggestion = ""
        if case .scalar(let s) = node.content { suggestion = Suggestions.hint(s.text, in: names) }
        throw LocatedError(
            at: node,
            "\(what): expected one of \(names.joined(separator: ", ")), got \(node.shortDescription)\(suggestion)")
    }

    /// The items of a list node.
    static func list(_ node: SourceNode, _ what: String, example: String) throws -> [SourceNode] {
        switch node.content {
        case .sequence(let items): return items
        case .scalar(let s) where s.kind == .null: return []
        default:
            throw LocatedError(at: node, "\(what): expected a list (\(example)), got \(node.shortDescription)")
        }
    }
}
