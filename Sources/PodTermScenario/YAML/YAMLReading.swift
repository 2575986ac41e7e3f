import Foundation
import Yams

/// Parses YAML text into a `SourceNode` tree, turning every Yams error into a located error.
enum YAMLReading {
    /// The document's root node; an empty document is an error.
    static func parse(_ yaml: String) throws -> SourceNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
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
        return try convert(root)
    }

    private static func origin(_ mark: Mark?) -> NodeOrigin {
        .file(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func convert(_ node: Node) throws -> SourceNode {
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
            throw LocatedError(origin(a.mark), "YAML aliases are not supported here; write the value out")
        }
    }

    private static func scalar(_ s: Node.Scalar, tag: Tag) -> SourceNode.Scalar {
        let kind: ScalarKind
        var custom: String?
        switch Tag.Name(rawValue: tag.rawValue) {
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

    // MARK: Errors

    private static func located(_ error: YamlError, yaml: String) -> LocatedError {
        switch error {
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
