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

    /// A whole number, written in decimal, within `range`.
    static func int(_ node: SourceNode, _ what: String, _ range: ValueRange) throws -> Int {
        guard case .scalar(let s) = node.content else {
            throw LocatedError(at: node, "\(what): expected a whole number, got \(node.shortDescription)")
        }
        let text = s.text.trimmingCharacters(in: .whitespaces)
        guard let n = Int(text) else {
            if looksLikeWholeNumber(text) {
                throw LocatedError(at: node, "\(what): expected a whole number \(range.explained), got '\(s.text)'")
            }
            throw LocatedError(at: node, "\(what): expected a whole number, got \(node.shortDescription)")
        }
        guard range.contains(n) else {
            throw LocatedError(at: node, "\(what): expected a whole number \(range.explained), got '\(s.text)'")
        }
        return n
    }

    /// A seed: a whole number from 0 to 2^64−1.
    static func seed(_ node: SourceNode, _ what: String) throws -> UInt64 {
        guard case .scalar(let s) = node.content, let n = UInt64(s.text.trimmingCharacters(in: .whitespaces)) else {
            throw LocatedError(at: node, "\(what): expected a whole number from 0 to 18446744073709551615 (2^64−1), got \(node.shortDescription)")
        }
        return n
    }

    /// Digits with an optional sign: a whole number, even if too large for `Int`.
    static func looksLikeWholeNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A duration within `range`: `500ms`, `5s`, `2.5s`, `2m`, `1m30s`, or a bare number of seconds.
    static func duration(_ node: SourceNode, _ what: String, _ range: ValueRange = ValueRanges.duration) throws -> Millis {
        guard case .scalar(let s) = node.content, let ms = Scalars.parseDurationText(s.text, saturating: true) else {
            throw LocatedError(at: node, "\(what): expected a duration like 500ms, 5s or 2m, got \(node.shortDescription)")
        }
        guard range.contains(ms) else {
            throw LocatedError(at: node, "\(what): expected a duration \(range.explained), got '\(s.text)'")
        }
        return ms
    }

    /// `parseDuration`, plus bare decimal seconds (`2.5` is 2.5s). With `saturating`, a
    /// well-formed duration too large for `Millis` gives `Millis.max` instead of nil.
    static func parseDurationText(_ text: String, saturating: Bool = false) -> Millis? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parse = saturating ? parseDurationSaturating : parseDuration
        if let ms = parse(t) { return ms }
        if let first = t.first, first.isASCII, first.isNumber || first == ".",
           t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            return parse(t + "s")
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
        let strings = try items.enumerated().map { i, item in
            guard case .scalar(let s) = item.content, s.kind != .null else {
                throw LocatedError(at: item, "\(what).\(i): expected a string, got \(item.shortDescription)")
            }
            return s.text
        }
        if nonEmpty, strings[0].trimmingCharacters(in: .whitespaces).isEmpty {
            throw LocatedError(at: items[0], "\(what).0: the program to run must not be empty")
        }
        return strings
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

    /// Refuses a list longer than `range` allows, at its first item too many.
    static func checkCount(_ items: [SourceNode], _ range: ValueRange, _ what: String) throws {
        guard items.count > range.max else { return }
        throw LocatedError(
            at: items[range.max],
            "\(what): at most \(range.max) items (\(range.note ?? "a documented range")), got \(items.count)")
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
