import Foundation
import PodTerm
import PodTermBuiltins
import PodTermScenario

/// The golden timelines of `Tests/Goldens/`: for each built-in scenario NAME, `NAME.txt` is
/// what `podterm run NAME` prints and `NAME.json` what `podterm run NAME --format json` prints
/// (podterm.timeline/v2); for a multi-pod one, the merged text and podterm.cluster/v1.
///
/// `PODTERM_UPDATE_GOLDENS=1 swift test --filter PodTermGoldenTests` rewrites them from the current
/// engine (and removes those of scenarios that are gone); review the change with `git diff`.
enum Goldens {
    /// The folder of the golden files.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Goldens")

    /// The one command that regenerates every golden file.
    static let updateCommand = "PODTERM_UPDATE_GOLDENS=1 swift test --filter PodTermGoldenTests"

    /// Whether this run rewrites the goldens instead of checking them.
    static var updating: Bool { ProcessInfo.processInfo.environment["PODTERM_UPDATE_GOLDENS"] == "1" }

    /// The two renderings of a scenario, as the command line makes them.
    enum Format: String, CaseIterable, Sendable {
        case text = "txt", json

        /// A multi-pod run: `ClusterText` and `podterm.cluster/v1`, as `podterm run` prints them.
        func render(_ t: ClusterTimeline, file: String) -> String {
            switch self {
            case .text: return ClusterText().render(t)
            case .json: return ClusterJSON.render(t, file: file)
            }
        }

        func render(_ t: Timeline, file: String) throws -> String {
            switch self {
            case .text:
                return TimelineText(explain: false, color: false).render(t)
            case .json:
                var buffer = ByteBuffer()
                try TimelineJSON.write(t, file: file, to: &buffer)
                return buffer.text
            }
        }
    }

    /// `Tests/Goldens/NAME.EXT`.
    static func url(_ name: String, _ format: Format) -> URL {
        folder.appendingPathComponent(name + "." + format.rawValue)
    }

    /// Loads and runs built-in scenario `name` as `podterm run` does, and renders it.
    static func render(_ name: String, _ format: Format) throws -> String {
        if let m = BuiltinScenarios.namedMultiPod(name) {
            let loaded = try ClusterLoader.load(yaml: m.yaml, fileName: m.fileName)
            return format.render(try ClusterSimulator.run(loaded.cluster), file: loaded.fileName)
        }
        let b = try require(BuiltinScenarios.named(name), "built-in scenario \(name)")
        let loaded = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
        return try format.render(try Simulator.run(loaded.scenario), file: loaded.fileName)
    }

    /// The golden files on disk, as `NAME.EXT` paths relative to the folder, sorted.
    static func filesOnDisk() -> [String] {
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var out: [String] = []
        for case let u as URL in e where u.pathExtension == "txt" || u.pathExtension == "json" {
            out.append(String(u.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)))
        }
        return out.sorted()
    }

    /// The golden files every built-in scenario should have, sorted.
    static func expectedFiles() -> [String] {
        (BuiltinScenarios.all + BuiltinScenarios.multiPod).flatMap { b in Format.allCases.map { b.name + "." + $0.rawValue } }.sorted()
    }
}

/// `#require` outside a test: a missing built-in is a thrown error here.
private func require<T>(_ value: T?, _ what: @autoclosure () -> String = "value") throws -> T {
    guard let value else { throw GoldenError(message: "missing \(what())") }
    return value
}

struct GoldenError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
