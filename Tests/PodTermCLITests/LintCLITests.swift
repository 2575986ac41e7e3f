import Foundation
import Testing

@Suite("podterm lint", .serialized)
struct LintCLITests {
    static let risky = deployManifest.replacingOccurrences(of: "command: [\"/app/server\"]", with: "command: [\"sh\", \"-c\", \"/app/server --port 8080\"]")

    @Test func textNamesTheLineTheCheckAndTheFixAndExitsOne() throws {
        let path = try PodtermBinary.tempScenario(Self.risky, name: "deploy.yaml")
        let r = try PodtermBinary.run(["lint", path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("deploy.yaml:12: warning: [shell-form-pid1]"), "\(r.stdout)")
        #expect(r.stdout.contains("fix: use the exec form"))
        #expect(r.stdout.contains("rule: sh.dash-no-exec"))
    }

    @Test func githubAndJSONFormats() throws {
        let path = try PodtermBinary.tempScenario(Self.risky, name: "deploy.yaml")
        let gh = try PodtermBinary.run(["lint", path, "--format", "github"])
        #expect(gh.status == 1)
        #expect(gh.stdout.hasPrefix("::warning file=\(path),line=12,title=podterm shell-form-pid1::container app"))
        let js = try PodtermBinary.run(["lint", path, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(js.stdout.utf8)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]]
        #expect(findings?.first?["check"] as? String == "shell-form-pid1")
        #expect(findings?.first?["line"] as? Int == 12)
    }

    @Test func aCleanScenarioIsZeroAndABadFileTwo() throws {
        let clean = try PodtermBinary.run(["lint", "scenarios/app-handles-sigterm.yaml"])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("no shutdown risks found in 1 file"))
        let bad = try PodtermBinary.tempScenario("summary: x\n", name: "bad.yaml")
        let r = try PodtermBinary.run(["lint", bad])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.yaml"))
    }
}
