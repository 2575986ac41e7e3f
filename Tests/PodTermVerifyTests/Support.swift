import Foundation
import Glibc
import PodTerm
import PodTermScenario
@testable import PodTermVerify
import Testing

/// The package root, for `scenarios/`.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The battery: every scenario of `scenarios/process-trees/`, by file name.
enum Battery {
    static let directory = packageRoot + "/scenarios/process-trees"

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") }
            .sorted()
    }

    static func load(_ file: String) throws -> LoadedScenario {
        try ScenarioLoader.load(file: directory + "/" + file)
    }

    /// The pods that share one PID namespace (`shareProcessNamespace: true`), verified with
    /// the probe as pause for PID 1 and each container's command started inside it.
    static let sandboxDirectory = packageRoot + "/scenarios/sandbox"

    static var sandboxFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sandboxDirectory)) ?? [])
            .filter { $0.hasSuffix(".yaml") }
            .sorted()
    }
}

/// The built probe (it sits next to the test bundle); fails the test with a hint otherwise.
func probePath() throws -> String {
    do {
        return try Verifier.findProbe(VerifyOptions())
    } catch {
        Issue.record("\(error)")
        throw error
    }
}

/// A scratch directory, removed by the caller.
func scratchDirectory(_ label: String) throws -> String {
    let dir = NSTemporaryDirectory() + "podterm-verify-test-\(label)-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Host PIDs of live processes whose environment names `dir` (our probes and their trees).
func processesUsing(_ dir: String) -> [Int32] {
    var out: [Int32] = []
    for pid in Sys.allPids() where pid != getpid() {
        guard let env = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ")) else { continue }
        let text = String(decoding: env, as: UTF8.self)
        if text.contains("PODTERM_PROBE_DIR=\(dir)") || text.contains("PODTERM_PROBE_LOG=\(dir)") { out.append(pid) }
    }
    return out
}

/// Polls `condition` every 5 ms for up to `ms`.
func eventually(_ ms: Int, _ condition: () -> Bool) -> Bool {
    let deadline = Sys.monoNanos() + Int64(ms) * 1_000_000
    while Sys.monoNanos() < deadline {
        if condition() { return true }
        Sys.sleep(ms: 5)
    }
    return condition()
}
