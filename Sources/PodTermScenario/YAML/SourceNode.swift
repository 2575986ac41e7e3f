/// Where a node of the scenario tree came from: a place in the file, or a `--set` override.
enum NodeOrigin: Sendable, Equatable {
    /// Line and column in the file, both 1-based.
    case file(line: Int, column: Int)
    /// Created or replaced by the override whose text (`KEY=VALUE`) is given.
    case override(String)
}

/// A YAML node with its origin: the tree the decoder reads.
///
/// Yams' `Node` is converted into this so that `--set` overrides can add and replace nodes
/// while every node still knows whether an error inside it belongs to the file (line and
/// column) or to an override.
struct SourceNode: Sendable {
    /// The node's content.
    indirect enum Content: Sendable {
        case scalar(Scalar)
        case mapping([Entry])
        case sequence([SourceNode])
    }

    /// A scalar's text and how YAML resolved it.
    struct Scalar: Sendable {
        /// The text exactly as written (after YAML unquoting), e.g. `1.30`, not 1.3.
        var text: String
        /// What YAML's resolver made of it.
        var kind: ScalarKind
        /// An explicit non-standard tag, e.g. `!=` when someone wrote `!= 5` unquoted.
        var customTag: String?
    }

    /// One key and its value in a mapping.
    struct Entry: Sendable {
        var key: String
        var keyNode: SourceNode
        var value: SourceNode
    }

    var content: Content
    var origin: NodeOrigin

    /// Whether this node is a YAML null (`~`, `null` or nothing at all).
    var isNull: Bool {
        if case .scalar(let s) = content, s.kind == .null { return true }
        return false
    }

    /// A short description of the node for "got …" in messages.
    var shortDescription: String {
        switch content {
        case .scalar(let s): return s.kind == .null ? "nothing" : "'\(s.text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// A plain scalar created by an override.
    static func overrideScalar(_ text: String, kind: ScalarKind, override: String) -> SourceNode {
        SourceNode(content: .scalar(Scalar(text: text, kind: kind, customTag: nil)), origin: .override(override))
    }
}

/// How YAML's resolver typed a scalar.
enum ScalarKind: Sendable, Equatable {
    case null, bool, int, float, string
}

extension SourceNode {
    /// Where the node at a dotted path came from (list items by index or `name`; the longest
    /// key present wins), or nil when the tree has no such node.
    func origin(atPath path: String) -> NodeOrigin? {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var node = self
        var i = 0
        func length(_ key: String) -> Int? {
            var used = 0
            for piece in key.split(separator: ".", omittingEmptySubsequences: false) {
                guard i + used < parts.count, parts[i + used] == piece else { return nil }
                used += 1
            }
            return used
        }
        while i < parts.count {
            var best: (SourceNode, Int)?
            switch node.content {
            case .mapping(let entries):
                for e in entries { if let n = length(e.key), n > (best?.1 ?? 0) { best = (e.value, n) } }
            case .sequence(let items):
                if let n = Int(parts[i]), items.indices.contains(n) { best = (items[n], 1) }
                for item in items {
                    guard case .mapping(let entries) = item.content,
                          case .scalar(let s)? = entries.first(where: { $0.key == "name" })?.value.content,
                          let n = length(s.text), n > (best?.1 ?? 0) else { continue }
                    best = (item, n)
                }
            case .scalar:
                return nil
            }
            guard let (next, used) = best else { return nil }
            node = next
            i += used
        }
        return node.origin
    }
}
