import Foundation
import PodTerm

/// What is wrong with a value, before anyone knows where it came from (a node of the file or
/// a `--set`).
struct ValueProblem: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Typed readers for scalar nodes, each with a message that says what was expected. Each
/// reader has a text form (`text:`) that `--set` settings share, so a value is judged the same
/// way whether it is written in the file or after `--set`.
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
        return try located(node) { () throws(ValueProblem) in try int(text: s.text, what, range, got: node.shortDescription) }
    }

    /// A whole number from the text of a scalar; `got` is how messages quote it.
    static func int(text: String, _ what: String, _ range: ValueRange, got: String) throws(ValueProblem) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let n = Int(trimmed) else {
            if looksLikeWholeNumber(trimmed) {
                throw ValueProblem("\(what): expected a whole number \(range.explained), got '\(text)'")
            }
            throw ValueProblem("\(what): expected a whole number, got \(got)")
        }
        guard range.contains(n) else {
            throw ValueProblem("\(what): expected a whole number \(range.explained), got '\(text)'")
        }
        return n
    }

    /// Runs a text reader and puts its problem at `node`.
    static func located<T>(_ node: SourceNode, _ read: () throws(ValueProblem) -> T) throws -> T {
        do { return try read() } catch { throw LocatedError(at: node, error.message) }
    }

    /// How a message quotes the text of a `--set` value: `'5s'`, or `nothing` when empty.
    static func got(_ text: String) -> String { text.isEmpty ? "nothing" : "'\(text)'" }

    /// A seed: a whole number from 0 to 2^64−1.
    static func seed(_ node: SourceNode, _ what: String) throws -> UInt64 {
        let text: String? = if case .scalar(let s) = node.content { s.text } else { nil }
        return try located(node) { () throws(ValueProblem) in try seed(text: text ?? "", what, got: node.shortDescription, valid: text != nil) }
    }

    /// A seed from text.
    static func seed(text: String, _ what: String, got: String, valid: Bool = true) throws(ValueProblem) -> UInt64 {
        guard valid, let n = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
            throw ValueProblem("\(what): expected a whole number from 0 to 18446744073709551615 (2^64−1), got \(got)")
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
        let text: String? = if case .scalar(let s) = node.content { s.text } else { nil }
        return try located(node) { () throws(ValueProblem) in
            try duration(text: text ?? "", what, range, got: node.shortDescription, valid: text != nil)
        }
    }

    /// A duration from text.
    static func duration(
        text: String, _ what: String, _ range: ValueRange = ValueRanges.duration, got: String, valid: Bool = true
    ) throws(ValueProblem) -> Millis {
        guard valid, let ms = Scalars.parseDurationText(text, saturating: true) else {
            throw ValueProblem("\(what): expected a duration like 500ms, 5s or 2m, got \(got)")
        }
        guard range.contains(ms) else {
            throw ValueProblem("\(what): expected a duration \(range.explained), got '\(text)'")
        }
        return ms
    }

    /// `parseDuration`, plus bare decimal seconds (`2.5` is 2.5s). With `saturating`, a
    /// well-formed duration too large for `Millis` gives `Millis.max` instead of nil.
    static func parseDurationText(_ text: String, saturating: Bool = false) -> Millis? {
        // Foundation's trimming is slow, and a random field's draws come through here per run:
        // ends that are no whitespace of any kind need none (the same result, faster).
        let t = (text.first?.isWhitespace ?? true) || (text.last?.isWhitespace ?? true) ? text.trimmingCharacters(in: .whitespaces) : text
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
        let text: String? = if case .scalar(let s) = node.content { s.text } else { nil }
        return try located(node) { () throws(ValueProblem) in try bool(text: text ?? "", what, got: node.shortDescription) }
    }

    /// true or false from text.
    static func bool(text: String, _ what: String, got: String) throws(ValueProblem) -> Bool {
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw ValueProblem("\(what): expected true or false, got \(got)")
        }
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
        try located(node) { () throws(ValueProblem) in try signal(text: text, what) }
    }

    /// A signal from text.
    static func signal(text: String, _ what: String) throws(ValueProblem) -> Signal {
        if let sig = Signal(parsing: text) { return sig }
        let upper = text.uppercased()
        let candidate = upper.hasPrefix("SIG") ? upper : "SIG" + upper
        let suggestion = Suggestions.hint(candidate, in: Signal.allNames)
        throw ValueProblem(
            "\(what): unknown signal '\(text)'\(suggestion); expected a name like SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1 or a number from 1 to 31")
    }

    /// One of a fixed set of words (case-sensitive, as Kubernetes is).
    static func oneOf<T>(_ node: SourceNode, _ what: String, _ choices: [(String, T)]) throws -> T {
        let text: String? = if case .scalar(let s) = node.content { s.text } else { nil }
        return try located(node) { () throws(ValueProblem) in
            try oneOf(text: text, what, choices, got: node.shortDescription)
        }
    }

    /// One of a fixed set of words from text (nil: not a scalar, so no suggestion).
    static func oneOf<T>(text: String?, _ what: String, _ choices: [(String, T)], got: String) throws(ValueProblem) -> T {
        let names = choices.map(\.0)
        if let text, let hit = choices.first(where: { $0.0 == text }) { return hit.1 }
        let suggestion = text.map { Suggestions.hint($0, in: names) } ?? ""
        throw ValueProblem("\(what): expected one of \(names.joined(separator: ", ")), got \(got)\(suggestion)")
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
