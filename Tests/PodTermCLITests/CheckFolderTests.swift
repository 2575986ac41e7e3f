import Foundation
import Testing

/// `check` on folders: no scenario is bad input, `.yml` and upper-case `.YAML` count, and a
/// file that does not load is bad input too (status 2), after the others were checked
/// (issue 8, item 11).
@Suite("podterm command line: check on folders")
struct CheckFolderTests {
    func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podterm-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            let f = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: f.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: f, atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    @Test func aFolderWithNoScenarioIsBadInput() throws {
        let empty = try folder([:])
        let r = try PodtermBinary.run(["check", empty])
        #expect(r.status == 2)
        #expect(r.stderr == "podterm: \(empty): no scenario found (no .yaml or .yml file in it or its subfolders)\n")
        #expect(!r.stdout.contains("0 passed"))
        let notes = try folder(["README.md": "# notes\n", "sub/notes.txt": "x\n"])
        #expect(try PodtermBinary.run(["check", notes]).status == 2)
    }

    @Test func ymlAndUpperCaseYAMLFilesAreChecked() throws {
        let dir = try folder(["a.yml": goodScenario, "B.YAML": goodScenario, "sub/c.Yaml": goodScenario, "skip.txt": "x"])
        let r = try PodtermBinary.run(["check", dir])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("PASS  \(dir)/B.YAML"))
        #expect(r.stdout.contains("PASS  \(dir)/a.yml"))
        #expect(r.stdout.contains("PASS  \(dir)/sub/c.Yaml"))
        #expect(r.stdout.hasSuffix("3 passed, 0 failed\n"))
    }

    @Test func aBrokenFileIsBadInputAndTheOthersAreStillChecked() throws {
        let broken = goodScenario.replacingOccurrences(of: "cleanup: 1s", with: "cleanup: soon")
        let failing = goodScenario.replacingOccurrences(of: "containers.app.exitCode: 0", with: "containers.app.exitCode: 1")
        let dir = try folder(["a.yaml": goodScenario, "b.yaml": broken, "c.yaml": failing])
        let r = try PodtermBinary.run(["check", dir])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stdout.contains("PASS  \(dir)/a.yaml"))
        #expect(r.stdout.contains("FAIL  \(dir)/b.yaml  (does not load)\n      \(dir)/b.yaml:11:26: "))
        #expect(r.stdout.contains("FAIL  \(dir)/c.yaml  (1 of 1 expectations failed)"))
        #expect(r.stdout.hasSuffix("1 passed, 2 failed (1 does not load)\n"))
        // Without the broken file, a failed expectation alone is status 1.
        let onlyFailing = try folder(["a.yaml": goodScenario, "c.yaml": failing])
        #expect(try PodtermBinary.run(["check", onlyFailing]).status == 1)
    }
}

/// `--seed` says what a seed may be (issue 8, item 12).
@Suite("podterm command line: seeds")
struct SeedTests {
    @Test(arguments: [["--seed", "-1"], ["--seed=-1"], ["--seed", "abc"], ["--seed", "18446744073709551616"]])
    func aBadSeedSaysWhatASeedIs(flag: [String]) throws {
        let r = try PodtermBinary.run(["run", "pid1-no-handler"] + flag)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("a seed is a whole number from 0 to 18446744073709551615 (2^64−1)"), "\(r.stderr)")
        #expect(!r.stderr.contains("Missing value"))
        #expect(r.stdout.isEmpty)
    }

    @Test func theLargestSeedRuns() throws {
        let r = try PodtermBinary.run(["run", "pid1-no-handler", "--seed", "18446744073709551615"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("seed 18446744073709551615"))
    }
}
