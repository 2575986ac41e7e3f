import Foundation
import PodTerm
import PodTermBuiltins
import PodTermScenario

/// Finds a scenario by file path or built-in name and loads it; turns every failure into a
/// message and exit status 2.
enum ScenarioSource {
    static func load(_ nameOrPath: String, overrides: [Override]) throws -> LoadedScenario {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: nameOrPath, isDirectory: &isDir) {
            if isDir.boolValue {
                throw CLIError.input("\(nameOrPath): is a directory; `podterm run` takes one scenario file (use `podterm check \(nameOrPath)` for a folder)")
            }
            return try wrap {
                let text = try ManifestImport.readFile(nameOrPath)
                if ManifestImport.looksLikeManifest(text) {
                    return try ManifestImport.load(yaml: text, fileName: nameOrPath, overrides: overrides).0
                }
                return try ScenarioLoader.load(yaml: text, fileName: nameOrPath, overrides: overrides)
            }
        }
        let name = nameOrPath.hasSuffix(".yaml") ? String(nameOrPath.dropLast(5)) : nameOrPath
        if let m = multiPodBuiltin(name) {
            throw CLIError.input("\(m.fileName): \(ClusterLoader.notSinglePod)")
        }
        // A built-in by its name, its name under scenarios/, or its bare name when only one folder has it.
        let bare = BuiltinScenarios.all.filter { $0.name.split(separator: "/").last.map(String.init) == name }
        if let b = BuiltinScenarios.named(name) ?? BuiltinScenarios.named(name.replacingOccurrences(of: "scenarios/", with: ""))
            ?? (bare.count == 1 ? bare[0] : nil) {
            return try wrap { try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName, overrides: overrides) }
        }
        if bare.count > 1 {
            throw CLIError.input("\(nameOrPath): several built-in scenarios have that name: \(bare.map(\.name).joined(separator: ", ")); give the folder too")
        }
        var msg = "\(nameOrPath): no such file, and no built-in scenario of that name"
        let every = BuiltinScenarios.all + BuiltinScenarios.multiPod
        let candidates = every.map(\.name) + every.compactMap { $0.name.split(separator: "/").last.map(String.init) }
        if let near = nearest(name, in: candidates) { msg += " (did you mean '\(near)'?)" }
        msg += "; `podterm list` shows the built-in scenarios"
        throw CLIError.input(msg)
    }

    /// The multi-pod built-in called `name` (its name, its name under scenarios/, or its bare name).
    static func multiPodBuiltin(_ name: String) -> BuiltinScenario? {
        let bare = BuiltinScenarios.multiPod.filter { $0.name.split(separator: "/").last.map(String.init) == name }
        return BuiltinScenarios.namedMultiPod(name) ?? BuiltinScenarios.namedMultiPod(name.replacingOccurrences(of: "scenarios/", with: ""))
            ?? (bare.count == 1 ? bare[0] : nil)
    }

    /// The multi-pod scenario `nameOrPath` names (a file or a built-in), loaded; nil when it
    /// names something else (a single-pod scenario, a manifest, nothing), which `load` handles.
    static func cluster(_ nameOrPath: String) throws -> LoadedCluster? {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: nameOrPath, isDirectory: &isDir) {
            guard !isDir.boolValue, let data = FileManager.default.contents(atPath: nameOrPath),
                  ClusterLoader.isMultiPod(yaml: String(decoding: data, as: UTF8.self)) else { return nil }
            return try wrap { try ClusterLoader.load(file: nameOrPath) }
        }
        let name = nameOrPath.hasSuffix(".yaml") ? String(nameOrPath.dropLast(5)) : nameOrPath
        guard let b = multiPodBuiltin(name) else { return nil }
        return try wrap { try ClusterLoader.load(yaml: b.yaml, fileName: b.fileName) }
    }

    /// The text of the scenario `nameOrPath` names (a file or a built-in), for the player's
    /// what-if; nil when it cannot be read (the what-if is then off).
    static func text(_ nameOrPath: String) -> (yaml: String, fileName: String)? {
        if FileManager.default.fileExists(atPath: nameOrPath) {
            guard let data = FileManager.default.contents(atPath: nameOrPath) else { return nil }
            return (String(decoding: data, as: UTF8.self), nameOrPath)
        }
        let name = nameOrPath.hasSuffix(".yaml") ? String(nameOrPath.dropLast(5)) : nameOrPath
        let bare = BuiltinScenarios.all.filter { $0.name.split(separator: "/").last.map(String.init) == name }
        guard let b = BuiltinScenarios.named(name) ?? BuiltinScenarios.named(name.replacingOccurrences(of: "scenarios/", with: ""))
            ?? (bare.count == 1 ? bare[0] : nil) else { return nil }
        return (b.yaml, b.fileName)
    }

    /// `--seed N`: a whole number from 0 to 2^64−1 (bad input, exit status 2, otherwise).
    static func parseSeed(_ text: String?) throws -> UInt64? {
        guard let text else { return nil }
        guard let n = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
            throw CLIError.input("--seed \(text): a seed is a whole number from 0 to 18446744073709551615 (2^64−1), e.g. --seed 42")
        }
        return n
    }

    /// The scenario with its random fields drawn for `--seed` (already drawn for the file's own seed).
    static func drawing(_ loaded: LoadedScenario, seed: UInt64?) throws -> Scenario {
        guard let seed, !loaded.randomFields.isEmpty else { return loaded.scenario }
        return try wrap { try loaded.drawing(loaded.scenario, seed: seed) }
    }

    static func parseOverrides(_ texts: [String]) throws -> [Override] {
        try texts.map { t in try wrap { try Override(parsing: t) } }
    }

    static func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as ScenarioError {
            throw CLIError.input(e.description)
        }
    }

    /// The candidate closest to `word` by edit distance, if close enough to be a likely typo.
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        var best: (String, Int)?
        for c in candidates {
            let d = editDistance(word.lowercased(), c.lowercased())
            if d <= max(2, word.count / 3), best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}

/// A failure the CLI reports as one message with a distinct exit status.
enum CLIError: Error {
    /// Bad input: a scenario file, a name, a --set. Exit status 2.
    case input(String)
}
