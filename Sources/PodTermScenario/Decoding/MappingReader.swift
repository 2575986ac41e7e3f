import Foundation
import PodTerm

/// Reads one YAML mapping: checks that it is a mapping, rejects unknown keys (with a
/// suggestion for near misses), and hands out values by key.
///
/// `path` is the mapping's place in the file written the way `--set` writes it
/// (`pod.containers.app.lifecycle`), the empty string for the top level.
struct MappingReader {
    let node: SourceNode
    let path: String
    let entries: [SourceNode.Entry]

    /// - Parameters:
    ///   - known: the keys this mapping models, in the order messages list them.
    ///   - ignored: keys accepted and ignored (real manifest fields that do not affect stopping).
    ///   - hints: a message to give instead of the generic one for particular unknown keys.
    init(
        _ node: SourceNode, path: String, known: [String], ignored: [String] = [], hints: [String: String] = [:]
    ) throws {
        self.node = node
        self.path = path
        switch node.content {
        case .mapping(let e):
            entries = e
        case .scalar(let s) where s.kind == .null:
            entries = []
        default:
            let keys = known.prefix(6).joined(separator: ", ")
            throw LocatedError(
                at: node,
                "expected a mapping at \(MappingReader.place(path)) (keys like \(keys)), got \(node.shortDescription)")
        }
        let accepted = known + ignored
        for e in entries where !accepted.contains(e.key) {
            if let hint = hints[e.key] {
                throw LocatedError(at: e.keyNode, "unknown key '\(e.key)' in \(MappingReader.place(path)): \(hint)")
            }
            let suggestion = Suggestions.hint(e.key, in: accepted)
            throw LocatedError(
                at: e.keyNode,
                "unknown key '\(e.key)' in \(MappingReader.place(path))\(suggestion); expected one of: \(known.joined(separator: ", "))")
        }
    }

    /// `pod` or `the top level`.
    static func place(_ path: String) -> String { path.isEmpty ? "the top level" : path }

    /// `path.key`, or `key` at the top level.
    func childPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Whether the key is present (even with a null value).
    func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// The key's entry, null values included.
    func entry(_ key: String) -> SourceNode.Entry? { entries.first { $0.key == key } }

    /// The key's value; nil when absent or null.
    func value(_ key: String) -> SourceNode? {
        guard let v = entry(key)?.value, !v.isNull else { return nil }
        return v
    }

    /// The key's value, or an error at this mapping saying it is missing.
    func required(_ key: String, _ why: String = "") throws -> SourceNode {
        guard let v = value(key) else {
            if let e = entry(key) {
                throw LocatedError(at: e.keyNode, "\(childPath(key)) has no value\(why)")
            }
            throw LocatedError(at: node, "missing key '\(key)' in \(MappingReader.place(path))\(why)")
        }
        return v
    }

    // MARK: Typed values

    func string(_ key: String) throws -> String? {
        try value(key).map { try Scalars.string($0, childPath(key)) }
    }

    /// The key's string, which must not be empty or blank when present.
    func nonEmptyString(_ key: String) throws -> String? {
        guard let node = value(key) else { return nil }
        let s = try Scalars.string(node, childPath(key))
        if s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw LocatedError(at: node, "\(childPath(key)) must not be empty")
        }
        return s
    }

    func requiredString(_ key: String, nonEmpty: Bool = true) throws -> String {
        let node = try required(key)
        let s = try Scalars.string(node, childPath(key))
        if nonEmpty, s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw LocatedError(at: node, "\(childPath(key)) must not be empty")
        }
        return s
    }

    func int(_ key: String, _ range: ValueRange) throws -> Int? {
        try value(key).map { try Scalars.int($0, childPath(key), range) }
    }

    func duration(_ key: String, _ range: ValueRange = ValueRanges.duration) throws -> Millis? {
        try value(key).map { try Scalars.duration($0, childPath(key), range) }
    }

    func bool(_ key: String) throws -> Bool? {
        try value(key).map { try Scalars.bool($0, childPath(key)) }
    }

    func stringList(_ key: String, nonEmpty: Bool = false) throws -> [String]? {
        try value(key).map { try Scalars.stringList($0, childPath(key), nonEmpty: nonEmpty) }
    }

    func signal(_ key: String) throws -> Signal? {
        try value(key).map { try Scalars.signal($0, childPath(key)) }
    }

    func oneOf<T>(_ key: String, _ choices: [(String, T)]) throws -> T? {
        try value(key).map { try Scalars.oneOf($0, childPath(key), choices) }
    }
}
