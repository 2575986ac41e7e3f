import Foundation
import PodTerm

/// Decodes `expect:`: figure name → expected value, nested mappings flattened with `.`.
enum ExpectationDecoding {
    static func decode(_ node: SourceNode?) throws -> [Expectation] {
        guard let node else { return [] }
        var out: [Expectation] = []
        var firstLine: [String: Int] = [:]
        try flatten(node, prefix: "", keyNode: nil, into: &out, firstLine: &firstLine)
        return out
    }

    private static func flatten(
        _ node: SourceNode, prefix: String, keyNode: SourceNode?,
        into out: inout [Expectation], firstLine: inout [String: Int]
    ) throws {
        if case .mapping(let entries) = node.content {
            if entries.isEmpty, !prefix.isEmpty {
                throw LocatedError(at: node, "expect.\(prefix): expected a value or a mapping of figures, got an empty mapping")
            }
            for e in entries {
                guard !e.key.isEmpty else { throw LocatedError(at: e.keyNode, "expect: a figure name cannot be empty") }
                try flatten(e.value, prefix: prefix.isEmpty ? e.key : prefix + "." + e.key, keyNode: e.keyNode,
                            into: &out, firstLine: &firstLine)
            }
            return
        }
        guard let keyNode else {
            throw LocatedError(
                at: node,
                "expect: expected a mapping of figure names to values, like containers.app.exitCode: 0, got \(node.shortDescription)")
        }
        let comparison = try self.comparison(node, figure: prefix, keyNode: keyNode)
        let (line, column): (Int, Int)
        switch keyNode.origin {
        case .file(let l, let c): (line, column) = (l, c)
        case .override: (line, column) = (0, 0)
        }
        if let first = firstLine[prefix] {
            throw LocatedError(at: keyNode, "expect: \(prefix) is given twice (first at line \(first))")
        }
        firstLine[prefix] = line
        out.append(Expectation(figure: prefix, comparison: comparison, line: line, column: column))
    }

    private static func comparison(_ node: SourceNode, figure: String, keyNode: SourceNode) throws -> Comparison {
        switch node.content {
        case .sequence(let items):
            return .list(try items.map { item in
                guard case .scalar(let s) = item.content, s.kind != .null else {
                    throw LocatedError(at: item, "expect.\(figure): a list holds plain values, got \(item.shortDescription)")
                }
                return s.text
            })
        case .scalar(let s):
            if s.kind == .null {
                throw LocatedError(
                    at: keyNode, "expect.\(figure): no expected value; write one (e.g. 0, 30s, SIGTERM), or none for a thing that never happened")
            }
            var text = s.text
            // `!= 5` unquoted is YAML for the tag `!=` on the value 5: read it as meant.
            if let tag = s.customTag, tag.hasPrefix("!=") { text = tag + " " + text }
            switch Comparison.parse(text) {
            case .success(let c): return c
            case .failure(let e): throw LocatedError(at: node, "expect.\(figure): \(e.message)")
            }
        case .mapping:
            throw LocatedError(at: node, "expect.\(figure): expected a value")
        }
    }
}
