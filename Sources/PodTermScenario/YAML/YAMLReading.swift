import Foundation
import Yams

/// Parses YAML text into a `SourceNode` tree, turning every Yams error into a located error.
enum YAMLReading {
    /// Counts the parses of the current task, when a test sets one (to prove that applying
    /// settings and running never parse YAML).
    final class ParseCount: @unchecked Sendable {
        var value = 0
    }

    @TaskLocal static var parseCount: ParseCount?

    /// The document's root node; an empty document is an error.
    static func parse(_ yaml: String) throws -> SourceNode {
        parseCount?.value += 1
        try refuseAliases(yaml)
        let root: Node?
        // The parser holds the anchors: a node's `anchor` is a weak reference that is only
        // set while the parser lives, so it must outlive `convert`.
        let parser: Parser
        do {
            // `.basic`: no regular expressions. Yams' default resolver compiles its rules with
            // NSRegularExpression on first use, which starts ICU's regex engine: about a third of
            // `podterm run NAME`'s own time. The decoder only needs to know which plain scalars
            // are null (and, for messages, which look like numbers): `plainKind` types them by hand,
            // with the default resolver's rules.
            parser = try Parser(yaml: yaml, resolver: .basic)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw located(error, yaml: yaml)
        } catch {
            throw LocatedError(.file(line: 1, column: 1), "malformed YAML: \(error)")
        }
        guard let root else {
            throw LocatedError(
                .file(line: 1, column: 1),
                "the file is empty; a scenario needs at least summary, story and pod")
        }
        return try withExtendedLifetime(parser) { try convert(root) }
    }

    private static func origin(_ mark: Mark?) -> NodeOrigin {
        .file(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func convert(_ node: Node) throws -> SourceNode {
        // Yams resolves an alias to the anchored node itself, so the first anchored node met in
        // document order is the anchor's own place.
        if let anchor = node.anchor {
            throw LocatedError(origin(node.mark), "YAML anchors (&\(anchor.rawValue)) and aliases are not supported; write the value out")
        }
        switch node {
        case .scalar(let s):
            return SourceNode(content: .scalar(scalar(s, tag: node.tag)), origin: origin(s.mark))
        case .sequence(let seq):
            return SourceNode(content: .sequence(try seq.map(convert)), origin: origin(seq.mark))
        case .mapping(let map):
            var entries: [SourceNode.Entry] = []
            for (k, v) in map {
                guard case .scalar(let ks) = k else {
                    throw LocatedError(origin(k.mark), "a mapping key must be a word or a string, not \(k.mapping != nil ? "a mapping" : "a list")")
                }
                entries.append(SourceNode.Entry(
                    key: ks.string, keyNode: try convert(k), value: try convert(v)))
            }
            return SourceNode(content: .mapping(entries), origin: origin(map.mark))
        case .alias(let a):
            throw LocatedError(origin(a.mark), "YAML aliases (*name) are not supported; write the value out")
        }
    }

    private static func scalar(_ s: Node.Scalar, tag: Tag) -> SourceNode.Scalar {
        let kind: ScalarKind
        var custom: String?
        switch Tag.Name(rawValue: tag.rawValue) {
        case .str where s.style == .plain: kind = plainKind(s.string)
        case .null: kind = .null
        case .bool: kind = .bool
        case .int: kind = .int
        case .float: kind = .float
        case .str, .implicit, .nonSpecific: kind = .string
        default:
            kind = .string
            if !tag.rawValue.hasPrefix("tag:yaml.org,2002:") { custom = tag.rawValue }
        }
        return SourceNode.Scalar(text: s.string, kind: kind, customTag: custom)
    }

    /// What Yams' default resolver (YAML 1.1: its rules bool, int, float, then null, in that
    /// order) makes of a plain scalar, without regular expressions. Timestamps, `<<` and `=` are
    /// strings to the decoder, as before.
    static func plainKind(_ t: String) -> ScalarKind {
        switch t {
        case "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
             "on", "On", "ON", "off", "Off", "OFF":
            return .bool
        case "", "~", "null", "Null", "NULL":
            return .null
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return .float
        default: break
        }
        var u = Substring(t).utf8[...]
        var signed = false
        if let f = u.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { u = u.dropFirst(); signed = true }
        guard let first = u.first else { return .string }
        // Sexagesimal: 1:30 (int), 1:30.5 (float).
        if u.contains(58) {
            let parts = Substring(u).split(separator: ":", omittingEmptySubsequences: false)
            guard let head = parts.first, let h = head.utf8.first, (48...57).contains(h),
                  head.utf8.allSatisfy({ (48...57).contains($0) || $0 == 95 }) else { return .string }
            var last = Substring(parts[parts.count - 1])
            var isFloat = false
            if let dot = last.firstIndex(of: ".") {
                guard last[last.index(after: dot)...].utf8.allSatisfy({ (48...57).contains($0) || $0 == 95 }) else { return .string }
                last = last[..<dot]
                isFloat = true
            }
            let middle = parts.dropFirst().dropLast().map(Substring.init) + [last]
            for m in middle {
                guard (1...2).contains(m.count), m.utf8.allSatisfy({ (48...57).contains($0) }),
                      m.count == 1 || (48...53).contains(m.utf8.first!) else { return .string }
            }
            return isFloat ? .float : (h == 48 ? .string : .int)
        }
        func all(_ s: Substring.UTF8View.SubSequence, _ ok: (UInt8) -> Bool) -> Bool { !s.isEmpty && s.allSatisfy(ok) }
        let digit: (UInt8) -> Bool = { (48...57).contains($0) || $0 == 95 }
        if first == 48, u.count > 1 {
            let rest = u.dropFirst(2)
            switch u.dropFirst().first {
            case UInt8(ascii: "b"): if all(rest, { $0 == 48 || $0 == 49 || $0 == 95 }) { return .int }
            case UInt8(ascii: "x"): if all(rest, { digit($0) || (65...70).contains($0) || (97...102).contains($0) }) { return .int }
            case UInt8(ascii: "o"): if all(rest, { (48...55).contains($0) || $0 == 95 }) { return .int }
            default: if all(u.dropFirst(), { (48...55).contains($0) || $0 == 95 }) { return .int }
            }
        }
        if all(u, digit), first != 95 { return first == 48 && u.count > 1 ? .float : .int }
        // Floats: digits, an optional fraction, an optional exponent; or .digits.
        var i = u.startIndex
        var sawDigits = false
        while i < u.endIndex, digit(u[i]) { sawDigits = true; i = u.index(after: i) }
        if i < u.endIndex, u[i] == 46 {
            i = u.index(after: i)
            let fracStart = i
            while i < u.endIndex, digit(u[i]) { i = u.index(after: i) }
            if !sawDigits && i == fracStart { return .string }
        } else if !sawDigits || i == u.endIndex {
            return .string
        }
        // `.5` takes no sign, and its exponent needs one (the rule `\.[0-9_]+([eE][-+][0-9]+)?`).
        if !sawDigits && signed { return .string }
        if sawDigits, first == 95 { return .string }
        if i < u.endIndex, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
            i = u.index(after: i)
            if i < u.endIndex, u[i] == 43 || u[i] == 45 { i = u.index(after: i) } else if !sawDigits { return .string }
            let expStart = i
            while i < u.endIndex, (48...57).contains(u[i]) { i = u.index(after: i) }
            if i == expStart { return .string }
        }
        return i == u.endIndex ? .float : .string
    }

    // MARK: Aliases

    /// Refuses the first alias (`*name`) with its place, before anything is expanded.
    ///
    /// Yams resolves an alias to the anchored node while composing, so a few hundred bytes of
    /// nested aliases (a "billion laughs") would become billions of nodes for the decoder, and
    /// a mapping key that is an alias is hashed in full. So the text is first composed with
    /// every anchor (`&name`) blanked out: each alias is then undefined, Yams stops at the
    /// first with its line and column, and nothing is ever expanded. Blanking keeps every
    /// other byte in place. A text without both `&` and `*` needs no such pass: with no
    /// anchor, an alias is undefined in the real pass too.
    static func refuseAliases(_ yaml: String) throws {
        let bytes = Array(yaml.utf8)
        guard bytes.contains(UInt8(ascii: "&")), bytes.contains(UInt8(ascii: "*")) else { return }
        var blanked = bytes
        var i = 0
        while i < blanked.count {
            if blanked[i] == UInt8(ascii: "&") {
                // The anchor and its name: every byte up to a space, a line break or a flow indicator.
                repeat {
                    blanked[i] = UInt8(ascii: " ")
                    i += 1
                } while i < blanked.count && !endsAnchorName(blanked[i])
            } else {
                i += 1
            }
        }
        do {
            _ = try Yams.compose(yaml: String(decoding: blanked, as: UTF8.self), .basic)
        } catch let error as YamlError {
            if case .composer(_, let problem, let mark, _) = error, problem.contains("undefined alias") {
                throw aliasError(at: mark, yaml: yaml)
            }
            // Any other error: the real pass reports it (or, if blanking caused it, looks again).
        } catch {}
    }

    private static func endsAnchorName(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
            || b == UInt8(ascii: ",") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]")
            || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
    }

    /// The error for an alias at `mark`, naming it as written.
    private static func aliasError(at mark: Mark, yaml: String) -> LocatedError {
        var name = ""
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        if mark.line >= 1, mark.line <= lines.count {
            let scalars = Array(lines[mark.line - 1].unicodeScalars)
            if mark.column >= 1, mark.column <= scalars.count, scalars[mark.column - 1] == "*" {
                var j = mark.column
                while j < scalars.count, scalars[j].isASCII, !endsAnchorName(UInt8(scalars[j].value)) {
                    name.unicodeScalars.append(scalars[j])
                    j += 1
                }
            }
        }
        let what = name.isEmpty ? "aliases (*name)" : "aliases (*\(name))"
        return LocatedError(
            .file(line: mark.line, column: mark.column),
            "YAML \(what) and anchors are not supported; write the value out")
    }

    // MARK: Errors

    private static func located(_ error: YamlError, yaml: String) -> LocatedError {
        switch error {
        case .composer(_, let problem, let mark, _) where problem.contains("undefined alias"):
            return aliasError(at: mark, yaml: yaml)
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "malformed YAML: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            message += hint(line: mark.line, yaml: yaml)
            return LocatedError(.file(line: mark.line, column: mark.column), message)
        case .reader(let problem, let offset, _, _):
            let (line, column) = lineAndColumn(ofCharacter: offset ?? 0, in: yaml)
            return LocatedError(.file(line: line, column: column), "malformed YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? "?"
            let (line, column) = secondOccurrence(of: key, after: context.mark, in: yaml)
            return LocatedError(
                .file(line: line, column: column),
                "duplicate key '\(key)' (first at line \(context.mark.line)): a key may appear only once in a mapping")
        default:
            return LocatedError(.file(line: 1, column: 1), "malformed YAML: \(error)")
        }
    }

    /// A hint for the commonest cause of a YAML error in scenario files: an unquoted comparison.
    private static func hint(line: Int, yaml: String) -> String {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return "" }
        let text = lines[line - 1]
        guard let colon = text.range(of: ": ") else { return "" }
        let value = text[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        if value.hasPrefix(">") || value.hasPrefix("!") || value.hasPrefix("%") || value.hasPrefix("@") || value.hasPrefix("`") {
            return "; a value starting with '\(value.prefix(1))' must be quoted, e.g. \"\(value)\""
        }
        return ""
    }

    private static func lineAndColumn(ofCharacter offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for (i, ch) in text.enumerated() {
            if i >= offset { break }
            if ch == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// Yams reports a duplicate key at its first occurrence; the error belongs on the second.
    /// Looks for the same key at the same column on a later line (block mappings); falls back
    /// to the first occurrence.
    private static func secondOccurrence(of key: String, after mark: Mark, in yaml: String) -> (Int, Int) {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return (mark.line, mark.column) }
        let indent = mark.column - 1
        for n in mark.line..<lines.count {
            let text = Array(lines[n])
            guard text.count > indent else { continue }
            let leading = text.prefix(indent)
            if !leading.allSatisfy({ $0 == " " || $0 == "-" }) {
                // A line less indented than the key ends its mapping.
                if let first = text.firstIndex(where: { $0 != " " }), first < indent, text[first] != "#" { break }
                continue
            }
            let rest = String(text[indent...])
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate + ":") {
                return (n + 1, mark.column)
            }
        }
        return (mark.line, mark.column)
    }
}
