import Yams

/// A manifest's YAML as a small tree with lines: what the importer reads and re-writes.
///
/// Yams' `Node` is converted once so that filtering (keeping the fields a scenario reads) and
/// writing stay simple, and every node keeps the line it came from for messages and `lint`.
indirect enum ManifestNode: Sendable {
    /// A scalar: its text, whether it was written plain (unquoted), its line.
    case scalar(String, plain: Bool, line: Int)
    /// A mapping's entries in order, with the line of each key.
    case mapping([(key: String, value: ManifestNode, line: Int)], line: Int)
    /// A sequence's items.
    case sequence([ManifestNode], line: Int)

    /// The 1-based line the node starts on.
    var line: Int {
        switch self {
        case .scalar(_, _, let l), .mapping(_, let l), .sequence(_, let l): return l
        }
    }

    /// The value of `key` in a mapping.
    subscript(_ key: String) -> ManifestNode? {
        guard case .mapping(let entries, _) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// The line of `key` in a mapping.
    func keyLine(_ key: String) -> Int? {
        guard case .mapping(let entries, _) = self else { return nil }
        return entries.first { $0.key == key }?.line
    }

    /// The text of a scalar.
    var text: String? {
        if case .scalar(let s, _, _) = self { return s }
        return nil
    }

    /// The items of a sequence (empty otherwise).
    var items: [ManifestNode] {
        if case .sequence(let i, _) = self { return i }
        return []
    }

    /// A sequence of scalars as strings.
    var strings: [String]? {
        guard case .sequence(let items, _) = self else { return nil }
        return items.compactMap(\.text)
    }

    /// A mapping with only the entries whose key `keep` accepts.
    func filtered(_ keep: (String) -> Bool) -> ManifestNode {
        guard case .mapping(let entries, let line) = self else { return self }
        return .mapping(entries.filter { keep($0.key) }, line: line)
    }

    /// The keys of a mapping.
    var keys: [String] {
        guard case .mapping(let entries, _) = self else { return [] }
        return entries.map(\.key)
    }

    /// Parses every document of a file (`---`-separated); aliases are resolved by Yams.
    static func documents(_ yaml: String) throws -> [ManifestNode] {
        try Yams.compose_all(yaml: yaml, .basic).map(convert)
    }

    private static func convert(_ node: Node) -> ManifestNode {
        let line = node.mark?.line ?? 1
        switch node {
        case .scalar(let s):
            return .scalar(s.string, plain: s.style == .plain || s.style == .any, line: line)
        case .mapping(let m):
            return .mapping(m.map { (key: $0.key.string ?? "", value: convert($0.value), line: $0.key.mark?.line ?? line) }, line: line)
        case .sequence(let s):
            return .sequence(s.map(convert), line: line)
        case .alias:
            return .scalar("", plain: true, line: line)
        }
    }
}

/// Writes a `ManifestNode` as block YAML, scalars plain where that reads back the same and
/// double-quoted otherwise; lists of plain scalars in flow style, as manifests write argv.
enum ManifestWriter {
    static func write(_ node: ManifestNode, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch node {
        case .mapping(let entries, _):
            for e in entries {
                switch e.value {
                case .scalar:
                    out += "\(pad)\(key(e.key)): \(inline(e.value))\n"
                case .mapping(let inner, _) where inner.isEmpty:
                    out += "\(pad)\(key(e.key)): {}\n"
                case .sequence(let items, _) where items.allSatisfy({ if case .scalar = $0 { return true } else { return false } }):
                    out += "\(pad)\(key(e.key)): \(inline(e.value))\n"
                case .mapping:
                    out += "\(pad)\(key(e.key)):\n"
                    write(e.value, indent: indent + 2, into: &out)
                case .sequence:
                    out += "\(pad)\(key(e.key)):\n"
                    write(e.value, indent: indent, into: &out)
                }
            }
        case .sequence(let items, _):
            for item in items {
                var inner = ""
                write(item, indent: indent + 2, into: &inner)
                if case .scalar = item { inner = "\(pad)  \(inline(item))\n" }
                // The first line of the item goes after "- ".
                let trimmed = inner.drop(while: { $0 == " " })
                out += "\(pad)- " + trimmed
            }
        case .scalar:
            out += pad + inline(node) + "\n"
        }
    }

    /// A scalar or a list of scalars on one line.
    static func inline(_ node: ManifestNode) -> String {
        switch node {
        case .scalar(let s, let plain, _):
            return plain && isSafePlain(s) ? s : quote(s)
        case .sequence(let items, _):
            return "[" + items.map { if case .scalar(let s, _, _) = $0 { return quote(s) } else { return "null" } }.joined(separator: ", ") + "]"
        case .mapping(let e, _):
            return e.isEmpty ? "{}" : "{…}"
        }
    }

    static func key(_ k: String) -> String { isSafePlain(k) ? k : quote(k) }

    static func isSafePlain(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first else { return false }
        if "-?:,[]{}#&*!|>'\"%@`~ ".unicodeScalars.contains(first) { return false }
        if s.hasSuffix(" ") || s.contains(": ") || s.contains(" #") || s.hasSuffix(":") { return false }
        return s.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7f }
    }

    /// A JSON-style double-quoted string, which YAML reads back unchanged.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += "\\x" + String(u.value, radix: 16).leftPadded(2) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
