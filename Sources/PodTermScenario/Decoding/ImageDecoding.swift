import Foundation
import PodTerm

/// A decoded image, with the nodes later checks point at.
struct DecodedImage {
    var spec: ImageSpec
    var node: SourceNode
    var keyNode: SourceNode
    var entrypointNode: SourceNode?
    var cmdNode: SourceNode?
}

/// Decodes `images:`: image name → what its Dockerfile says (ENTRYPOINT, CMD, STOPSIGNAL).
enum ImageDecoding {
    static let keys = ["entrypoint", "cmd", "stopSignal", "shell"]

    static func decode(_ node: SourceNode?) throws -> [String: DecodedImage] {
        guard let node else { return [:] }
        let images = try entries(node, path: "images", example: "example/app:1.0: {entrypoint: [/app/server]}")
        var out: [String: DecodedImage] = [:]
        for e in images {
            let path = "images.\(e.key)"
            let i = try MappingReader(e.value, path: path, known: keys)
            var spec = ImageSpec(
                entrypoint: try i.value("entrypoint").map { try Scalars.command($0, path + ".entrypoint") },
                cmd: try i.value("cmd").map { try Scalars.command($0, path + ".cmd") },
                stopSignal: try i.signal("stopSignal"))
            // Which /bin/sh the image has: dash (Debian, Ubuntu), bash, or busybox (Alpine).
            spec.shell = try i.oneOf("shell", ShellFlavor.allCases.map { ($0.rawValue, $0) })
            out[e.key] = DecodedImage(
                spec: spec, node: e.value, keyNode: e.keyNode,
                entrypointNode: i.value("entrypoint"), cmdNode: i.value("cmd"))
        }
        return out
    }

    /// The entries of a mapping whose keys are names chosen by the user (no unknown-key check);
    /// an empty or blank name is refused.
    static func entries(_ node: SourceNode, path: String, example: String) throws -> [SourceNode.Entry] {
        switch node.content {
        case .mapping(let e):
            if let blank = e.first(where: { $0.key.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                throw LocatedError(at: blank.keyNode, "\(path): a name must not be empty; expected entries like \(example)")
            }
            return e
        case .scalar(let s) where s.kind == .null: return []
        default:
            throw LocatedError(at: node, "\(path): expected a mapping like \(example), got \(node.shortDescription)")
        }
    }
}
