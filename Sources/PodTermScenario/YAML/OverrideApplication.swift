/// Applies `--set` overrides to the scenario tree before it is decoded.
///
/// Every node an override creates or replaces is marked with the override's text, so an
/// error inside it is reported as `--set KEY=VALUE: …` rather than at a line of the file.
enum OverrideApplication {
    static func apply(_ overrides: [Override], to root: inout SourceNode) throws {
        for o in overrides {
            let parts = o.path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let kind: ScalarKind = Int(o.value) != nil ? .int : .string
            let value = SourceNode.overrideScalar(o.value, kind: kind, override: o.text)
            try set(&root, parts[...], to: value, walked: [], override: o.text)
        }
    }

    private static func set(
        _ node: inout SourceNode, _ parts: ArraySlice<String>, to value: SourceNode, walked: [String], override: String
    ) throws {
        if node.isNull { node = SourceNode(content: .mapping([]), origin: .override(override)) }
        let here = walked.isEmpty ? "the top level" : walked.joined(separator: ".")
        switch node.content {
        case .mapping(var entries):
            // The longest run of parts that is a key present here wins (keys may contain dots).
            var found: (index: Int, used: Int)?
            for used in stride(from: parts.count, through: 1, by: -1) {
                let key = parts.prefix(used).joined(separator: ".")
                if let i = entries.firstIndex(where: { $0.key == key }) { found = (i, used); break }
            }
            if let (i, used) = found {
                let rest = parts.dropFirst(used)
                let key = entries[i].key
                if rest.isEmpty {
                    entries[i].value = value
                } else {
                    try set(&entries[i].value, rest, to: value, walked: walked + [key], override: override)
                }
            } else {
                let key = parts[parts.startIndex]
                let rest = parts.dropFirst()
                let keyNode = SourceNode.overrideScalar(key, kind: .string, override: override)
                var child = rest.isEmpty ? value : SourceNode(content: .mapping([]), origin: .override(override))
                if !rest.isEmpty { try set(&child, rest, to: value, walked: walked + [key], override: override) }
                entries.append(SourceNode.Entry(key: key, keyNode: keyNode, value: child))
            }
            node.content = .mapping(entries)
        case .sequence(var items):
            var found: (index: Int, used: Int)?
            let first = parts[parts.startIndex]
            if let n = Int(first) {
                guard n >= 0, n < items.count else {
                    throw LocatedError(
                        .override(override),
                        "\(here) has \(items.count) item\(items.count == 1 ? "" : "s") (0 to \(items.count - 1)); there is no item \(n)")
                }
                found = (n, 1)
            } else {
                let names = items.map(itemName)
                for used in stride(from: parts.count, through: 1, by: -1) {
                    let name = parts.prefix(used).joined(separator: ".")
                    if let i = names.firstIndex(of: name) { found = (i, used); break }
                }
                if found == nil {
                    let known = names.compactMap { $0 }
                    let list = known.isEmpty ? "its items have no names; use an index" : "it has: \(known.joined(separator: ", "))"
                    throw LocatedError(
                        .override(override),
                        "\(here) has no item named '\(first)'\(Suggestions.hint(first, in: known)); \(list)")
                }
            }
            if let (i, used) = found {
                let rest = parts.dropFirst(used)
                let label = parts.prefix(used).joined(separator: ".")
                if rest.isEmpty {
                    items[i] = value
                } else {
                    try set(&items[i], rest, to: value, walked: walked + [label], override: override)
                }
            }
            node.content = .sequence(items)
        case .scalar(let s):
            throw LocatedError(
                .override(override),
                "\(here) is a value ('\(s.text)'), not a mapping or a list, so it has no '\(parts[parts.startIndex])'")
        }
    }

    /// The `name` of a list item, if it is a mapping with one.
    private static func itemName(_ item: SourceNode) -> String? {
        guard case .mapping(let entries) = item.content,
              case .scalar(let s)? = entries.first(where: { $0.key == "name" })?.value.content
        else { return nil }
        return s.text
    }
}
