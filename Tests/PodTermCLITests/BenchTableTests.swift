import Foundation
import PodTermBuiltins
import Testing

/// `podterm-bench --scenarios` prints its table in the stable format the README describes
/// (the figures themselves are only meaningful in release builds; here only the shape counts).
@Suite("podterm-bench: the scenario table")
struct BenchTableTests {
    static func bench(_ args: [String]) throws -> PodtermBinary.Result {
        let p = Process()
        p.executableURL = PodtermBinary.url.deletingLastPathComponent().appendingPathComponent("podterm-bench")
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return .init(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test func oneLinePerScenarioWithMedianAndP90() throws {
        let r = try Self.bench(["--scenarios", "--samples", "2", "--filter", "pid1-no-handler"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("scenarios: ") })
        let chosen = BuiltinScenarios.all.filter { $0.name.contains("pid1-no-handler") }.map(\.name)
        #expect(lines[start] == "scenarios: \(chosen.count) of \(BuiltinScenarios.all.count) · 2 samples each · µs per operation, median/p90")
        let header = lines[start + 1].split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(header == ["scenario", "events", "load µs", "run µs", "outcome µs", "json µs", "sweep µs", "Mevents/s"])
        for (k, name) in chosen.enumerated() {
            let cells = lines[start + 2 + k].split(separator: " ").map(String.init)
            #expect(cells.count == 8 && cells[0] == name, "\(lines[start + 2 + k])")
            for cell in cells[2...6] {
                let parts = cell.split(separator: "/")
                #expect(parts.count == 2 && parts.allSatisfy { Double($0) != nil }, "\(cell)")
            }
        }
        #expect(lines[start + 2 + chosen.count].hasPrefix("median scenario"))
        #expect(lines[start + 3 + chosen.count].hasPrefix("all (sum of medians)"))
        let notes = lines[(start + 4 + chosen.count)...].prefix { $0.hasPrefix("* ") }
        #expect(notes.count == 3, "\(lines[(start + 4 + chosen.count)...])")
        #expect(notes.first?.hasPrefix("* outcome: Simulator.outcome") == true)
        let tree = try Self.bench(["--scenarios", "--samples", "1", "--filter", "generated/"])
        #expect(tree.stdout.contains("\ngenerated/wide-tree-1000  "), "\(tree.stdout)")
    }

    @Test func badSamplesAreRefused() throws {
        let r = try Self.bench(["--scenarios", "--samples", "0"])
        #expect(r.status == 2)
        #expect(r.stderr == "podterm-bench: --samples expects a whole number from 1 to 100000 (got 0)\n")
    }
}
