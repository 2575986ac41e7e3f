// readme-sweep-example:begin
import PodTerm
import PodTermScenario
import Testing

@Test func theIndexerNeedsLessThan45sOfGrace() async throws {
    // The indexer's SIGTERM handler takes 20 s to shut down: how much grace must the pod give?
    let loaded = try ScenarioLoader.load(file: "scenarios/workloads/kafka-sigterm-flush-close.yaml")
        .setting("programs./app/indexer.signals.SIGTERM.cleanup", to: "20s")
    let tune = Tune(loaded,
                    minimize: try SweepAxis(parsing: "pod.terminationGracePeriodSeconds=1..120"),
                    subjectTo: [try Constraint(parsing: "containers.indexer.sigkilled == false"),
                                try Constraint(parsing: "kafka.lost == 0")])
    let answer = try await tune.run()
    #expect(answer.monotone)
    #expect(try #require(answer.number) < 45)
    #expect(answer.value == "20")   // a cleanup of exactly the grace is in time

    // What a shorter grace buys: the pod goes at the SIGKILL, 10 s after the delete.
    let sweep = try await Sweep(loaded, vary: [try SweepAxis(parsing: "pod.terminationGracePeriodSeconds=10,20,30")]).run()
    #expect(sweep.stats(0, "pod.deleteToGone")?.max == 10_000)   // ms
    #expect(sweep.stats(0, "outcome.sigkilled")?.max == 1)
    #expect(sweep.stats(2, "pod.deleteToGone")?.max == 20_000)
}
// readme-sweep-example:end

import Foundation

@Test func readmeSweepExampleMatchesThisFile() throws {
    let here = URL(fileURLWithPath: #filePath)
    let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let mine = try String(contentsOf: here, encoding: .utf8)
    let fromReadme = try #require(readme.components(separatedBy: "<!-- readme-sweep-example:begin -->\n```swift\n").dropFirst().first?
        .components(separatedBy: "```\n<!-- readme-sweep-example:end -->").first)
    let fromTest = try #require(mine.components(separatedBy: "// readme-sweep-example:begin\n").dropFirst().first?
        .components(separatedBy: "\n// readme-sweep-example:end").first)
    #expect(fromTest.trimmingCharacters(in: .whitespacesAndNewlines) == fromReadme.trimmingCharacters(in: .whitespacesAndNewlines))
}
