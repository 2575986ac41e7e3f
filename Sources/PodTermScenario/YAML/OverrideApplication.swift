/// Applies `--set` overrides to the scenario tree before it is decoded: how `--set` worked
/// before typed settings (`ScenarioSetting`). The loader no longer uses it; it is kept as the
/// oracle `SettingTests` holds every typed setting of every built-in scenario against.
///
/// Every node an override creates or replaces is marked with the override's text, so an
/// error inside it is reported as `--set KEY=VALUE: …` rather than at a line of the file.
enum OverrideApplication {
    static func apply(_ overrides: [Override], to root: inout SourceNode) throws {
        for o in overrides {
            let parts = o.path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let kind: ScalarKind = Int(o.value) != nil ? .int : .string
            let value = SourceNode.overrideScalar(o.value, kind: kind, override: o.text)
            try set(&root, parts, to: value, override: o.text)
        }
    }

    /// One step down the tree: the node left, and where in it the walk went.
    private struct Step {
        var node: SourceNode
        /// The index of the entry (mapping) or item (list) the walk went into.
        var index: Int
    }

    /// Sets the node at `parts` below `root` to `value`, creating mappings for missing keys.
    ///
    /// A loop, not a recursion, so no path length can exhaust the stack: it walks down
    /// recording each step, builds what is missing from the bottom up, then puts the changed
    /// nodes back from the bottom up. Each level costs the length of the keys it compares, so
    /// a path of n parts costs O(n) plus the size of the mappings it passes through.
    private static func set(_ root: inout SourceNode, _ parts: [String], to value: SourceNode, override: String) throws {
        var steps: [Step] = []
        var walked: [String] = []
        func here() -> String { walked.isEmpty ? "the top level" : walked.joined(separator: ".") }
        var node = root
        var from = 0
        var grew = false
        // Walk down through what exists.
        while from < parts.count {
            if node.isNull { node = SourceNode(content: .mapping([]), origin: .override(override)) }
            var found: (index: Int, used: Int)?
            switch node.content {
            case .mapping(let entries):
                // The longest run of parts that is a key present here wins (keys may contain dots).
                for (i, e) in entries.enumerated() {
                    if let used = matchLength(of: e.key, in: parts, from: from), used > (found?.used ?? 0) { found = (i, used) }
                }
                guard let (i, used) = found else {
                    // Missing from here down: build it bottom-up, add it, stop walking.
                    var child = value
                    for part in parts[(from + 1)...].reversed() {
                        let keyNode = SourceNode.overrideScalar(part, kind: .string, override: override)
                        child = SourceNode(content: .mapping([SourceNode.Entry(key: part, keyNode: keyNode, value: child)]),
                                           origin: .override(override))
                    }
                    var grown = entries
                    grown.append(SourceNode.Entry(
                        key: parts[from], keyNode: SourceNode.overrideScalar(parts[from], kind: .string, override: override),
                        value: child))
                    node.content = .mapping(grown)
                    grew = true
                    from = parts.count
                    continue
                }
                walked.append(entries[i].key)
                steps.append(Step(node: node, index: i))
                node = entries[i].value
                from += used
            case .sequence(let items):
                let first = parts[from]
                if let n = Int(first) {
                    guard n >= 0, n < items.count else {
                        throw LocatedError(
                            .override(override),
                            "\(here()) has \(items.count) item\(items.count == 1 ? "" : "s") (0 to \(items.count - 1)); there is no item \(n)")
                    }
                    found = (n, 1)
                } else {
                    let names = items.map(itemName)
                    for (i, name) in names.enumerated() {
                        if let name, let used = matchLength(of: name, in: parts, from: from), used > (found?.used ?? 0) { found = (i, used) }
                    }
                    if found == nil {
                        let known = names.compactMap { $0 }
                        let list = known.isEmpty ? "its items have no names; use an index" : "it has: \(known.joined(separator: ", "))"
                        throw LocatedError(
                            .override(override),
                            "\(here()) has no item named '\(first)'\(Suggestions.hint(first, in: known)); \(list)")
                    }
                }
                let (i, used) = found!
                walked.append(parts[from..<(from + used)].joined(separator: "."))
                steps.append(Step(node: node, index: i))
                node = items[i]
                from += used
            case .scalar(let s):
                throw LocatedError(
                    .override(override),
                    "\(here()) is a value ('\(s.text)'), not a mapping or a list, so it has no '\(parts[from])'")
            }
        }
        // The walk ended on the existing node the value replaces, or on the one it grew.
        if !grew { node = value }
        // Put the changed nodes back, bottom-up.
        while var step = steps.popLast() {
            switch step.node.content {
            case .mapping(var entries):
                entries[step.index].value = node
                step.node.content = .mapping(entries)
            case .sequence(var items):
                items[step.index] = node
                step.node.content = .sequence(items)
            case .scalar:
                break
            }
            node = step.node
        }
        root = node
    }

    /// How many parts from `from` on the dotted `key` spells, or nil if it does not start them.
    /// Costs the length of `key`, whatever the number of parts.
    private static func matchLength(of key: String, in parts: [String], from: Int) -> Int? {
        var used = 0
        for piece in key.split(separator: ".", omittingEmptySubsequences: false) {
            guard from + used < parts.count, parts[from + used] == piece else { return nil }
            used += 1
        }
        return used
    }

    /// The `name` of a list item, if it is a mapping with one.
    private static func itemName(_ item: SourceNode) -> String? {
        guard case .mapping(let entries) = item.content,
              case .scalar(let s)? = entries.first(where: { $0.key == "name" })?.value.content
        else { return nil }
        return s.text
    }
}
