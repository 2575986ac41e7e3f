import Foundation
import PodTermBuiltins
import Testing

/// `podterm run --format json` (podterm.timeline/v2, streamed) and `--format json-v1`, and what
/// happens when standard output cannot take the JSON.
@Suite("podterm command line: JSON output")
struct JSONOutputTests {
    /// A scenario whose JSON is far larger than a pipe's buffer (PID 1 with 500 children).
    static func bigScenario() throws -> String {
        try PodtermBinary.tempScenario(GeneratedScenarios.wideTree(children: 500), name: "tree.yaml")
    }

    /// Runs podterm with standard output sent to `stdout`; returns its status, how it ended and its standard error.
    static func run(_ args: [String], stdout: Any, whileRunning: (() -> Void)? = nil) throws -> (status: Int32, reason: Process.TerminationReason, stderr: String) {
        let p = Process()
        p.executableURL = PodtermBinary.url
        p.arguments = args
        p.currentDirectoryURL = PodtermBinary.root
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = stdout
        let err = Pipe()
        p.standardError = err
        try p.run()
        whileRunning?()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, p.terminationReason, String(decoding: e, as: UTF8.self))
    }

    @Test func jsonIsV2AndJsonV1IsStillThere() throws {
        let v2 = try PodtermBinary.run(["run", "pid1-no-handler", "--format", "json"])
        let v1 = try PodtermBinary.run(["run", "pid1-no-handler", "--format", "json-v1"])
        #expect(v2.status == 0 && v1.status == 0)
        #expect(v2.stdout.hasPrefix("{\n  \"schema\": \"podterm.timeline/v2\","))
        #expect(v2.stdout.contains("\"timeoutSeconds\": 30"))
        #expect(v1.stdout.contains("\"schema\" : \"podterm.timeline/v1\""))
        #expect(!v1.stdout.contains("timeoutSeconds"))
        #expect(v2.stdout.hasSuffix("}\n") && v1.stdout.hasSuffix("}\n"))
    }

    @Test func aFullDiskIsStatus74WithAMessage() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let r = try Self.run(["run", try Self.bigScenario(), "--format", "json"], stdout: full)
        #expect(r.reason == .exit)
        #expect(r.status == 74, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("podterm: cannot write the output: "), "\(r.stderr)")
    }

    @Test func aReaderThatGoesAwayEndsTheRunQuietly() throws {
        let out = Pipe()
        let file = try Self.bigScenario()
        let r = try Self.run(["run", file, "--format", "json"], stdout: out) {
            // Read a little, like `| head -c 100`, then go away.
            _ = out.fileHandleForReading.readData(ofLength: 100)
            try? out.fileHandleForReading.close()
        }
        #expect(r.reason == .exit, "killed by signal \(r.status)")
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }
}
