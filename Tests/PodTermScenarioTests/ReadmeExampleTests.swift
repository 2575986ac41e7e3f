// The README's library example, verbatim between the markers below; the last test checks
// that it still matches the README.
// readme-example:begin
import PodTerm
import PodTermScenario
import Testing

@Test func preStopSleepOutlastsTheIngress() throws {
    let yaml = """
        summary: A web server behind a 5 s preStop sleep.
        story: The ingress needs 3 s to stop routing to the pod; SIGTERM must come later.
        pod:
          containers:
            - name: web
              image: example/web:1.0
              command: ["/app/server"]
              lifecycle:
                preStop:
                  sleep: {seconds: 5}
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 2s, exitCode: 0}
        network:
          consumers:
            - {name: ingress-nginx, delay: 3s}
        stop:
          - at: 0s
            delete: {}
        expect:
          containers.web.exitCode: 0
        """
    let loaded = try ScenarioLoader.load(
        yaml: yaml, fileName: "web.yaml",
        overrides: [Override(parsing: "pod.terminationGracePeriodSeconds=10")])
    let timeline = try Simulator.run(loaded.scenario)
    let outcome = timeline.outcome

    // SIGTERM comes after the ingress stopped routing, and nothing was SIGKILLed.
    #expect(outcome["endpoints.ingress-nginx.stoppedRoutingAt"] == .duration(3_000))
    #expect(outcome["containers.web.stopSignalAt"] == .duration(5_000))
    #expect(outcome["outcome.sigkilled"] == .bool(false))
    #expect(timeline.pod.effectiveGrace == 10)
    // And the file's own expectations hold.
    #expect(loaded.check(timeline).allPassed)
}

// readme-example:end

import Foundation

@Test func readmeExampleMatchesThisFile() throws {
    let here = URL(fileURLWithPath: #filePath)
    let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let mine = try String(contentsOf: here, encoding: .utf8)
    let fromReadme = try #require(readme.components(separatedBy: "<!-- readme-example:begin -->\n```swift\n").last?
        .components(separatedBy: "```\n<!-- readme-example:end -->").first)
    let fromTest = try #require(mine.components(separatedBy: "// readme-example:begin\n").last?
        .components(separatedBy: "\n// readme-example:end").first)
    #expect(fromTest.trimmingCharacters(in: .whitespacesAndNewlines) == fromReadme.trimmingCharacters(in: .whitespacesAndNewlines))
}
