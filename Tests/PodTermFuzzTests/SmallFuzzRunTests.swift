import Foundation
import PodTermBuiltins
import Testing
@testable import PodTermFuzz

/// The small fuzz run that is part of `swift test`: a few hundred seeded inputs through the
/// real podterm binary. The large run is `swift run -c release podterm-fuzz` (README).
@Suite("Fuzzing")
struct SmallFuzzRunTests {
    static var podterm: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("podterm").path
    }

    static var maker: InputMaker {
        InputMaker(corpus: BuiltinScenarios.all.map { .init(name: $0.name, text: $0.yaml) }, seed: 20261202)
    }

    @Test("300 mutated scenarios: no crash, hang, unlocated error or memory hog")
    func smallRun() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.podterm), "podterm is not built next to the tests")
        var campaign = Campaign(podterm: Self.podterm, maker: Self.maker, count: 300)
        campaign.hangLimitMs = 20_000   // debug builds are many times slower than release
        let report = campaign.run()
        for f in report.findings {
            Issue.record("\(f.verdict.rawValue): \(f.input.summary)\n\(f.detail)")
        }
        #expect(report.inputs == 300)
        #expect(report.findings.isEmpty, "\(report.summaryLine)")
    }

    @Test("the same seed and index give the same input")
    func inputsAreDeterministic() {
        let a = Self.maker, b = Self.maker
        for i in [0, 1, 17, 299, 4_321] {
            #expect(a.input(i).bytes == b.input(i).bytes)
            #expect(a.input(i).arguments == b.input(i).arguments)
        }
        #expect(a.input(1).bytes != a.input(2).bytes)
    }

    @Test("a message counts as located only with file:line:column, a --set or a flag")
    func locationIsRecognised() {
        #expect(Verdict.isLocated("podterm: /tmp/x.yaml:3:10: malformed YAML"))
        #expect(Verdict.isLocated("podterm: --set pod.x=1: unknown key"))
        #expect(Verdict.isLocated("FAIL  x.yaml  (does not load)\n      x.yaml:4:2: unknown key"))
        #expect(!Verdict.isLocated("podterm: /tmp/x.yaml: cannot read the file as UTF-8 text"))
        #expect(!Verdict.isLocated("podterm: something went wrong"))
    }

    @Test("the verdict of a crash, a hang and a clean exit")
    func verdicts() {
        func run(_ e: ChildRun.Ending, rss: Int = 1000, err: String = "") -> ChildRun {
            ChildRun(ending: e, milliseconds: 1, maxRSSKiB: rss, stderr: err, stdoutBytes: 0)
        }
        #expect(Verdict.judge(run(.exited(0)), maxRSSKiB: 10_000) == .ok)
        #expect(Verdict.judge(run(.signalled(4)), maxRSSKiB: 10_000) == .crash)
        #expect(Verdict.judge(run(.exited(134)), maxRSSKiB: 10_000) == .crash)
        #expect(Verdict.judge(run(.timedOut), maxRSSKiB: 10_000) == .hang)
        #expect(Verdict.judge(run(.exited(0), rss: 20_000), maxRSSKiB: 10_000) == .memory)
        #expect(Verdict.judge(run(.exited(2), err: "podterm: f.yaml: no"), maxRSSKiB: 10_000) == .withoutLocation)
    }
}
