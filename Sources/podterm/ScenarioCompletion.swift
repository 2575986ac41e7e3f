import ArgumentParser
import Foundation
import PodTermBuiltins

/// Shell completion of a SCENARIO argument: the built-in scenarios' names, then scenario files
/// and folders under the word typed so far.
enum ScenarioCompletion {
    /// The completion kind for a SCENARIO argument.
    static let kind = CompletionKind.custom { _, _, prefix in candidates(prefix) }

    /// Built-in names starting with `prefix`, and `.yaml`/`.yml` files and folders matching it.
    static func candidates(_ prefix: String) -> [String] {
        var out = (BuiltinScenarios.all + BuiltinScenarios.multiPod).map(\.name).filter { $0.hasPrefix(prefix) }
        let dir: String, stem: String
        if let slash = prefix.lastIndex(of: "/") {
            dir = String(prefix[...slash])
            stem = String(prefix[prefix.index(after: slash)...])
        } else {
            dir = ""
            stem = prefix
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? []
        for e in entries.sorted() where e.hasPrefix(stem) && !e.hasPrefix(".") {
            var isDir: ObjCBool = false
            let path = dir + e
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if isDir.boolValue { out.append(path + "/") } else if e.hasSuffix(".yaml") || e.hasSuffix(".yml") { out.append(path) }
        }
        return out
    }
}
