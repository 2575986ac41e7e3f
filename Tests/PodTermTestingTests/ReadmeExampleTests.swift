// The README's library example, verbatim between the markers below; the last test checks
// that it still matches the README.
// readme-example:begin
import PodTerm
import PodTermScenario
import PodTermTesting
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

    // SIGTERM comes after the ingress stopped routing, and nothing was SIGKILLed.
    expectOutcome(timeline, "endpoints.ingress-nginx.stoppedRoutingAt", .duration(3_000))
    expectOutcome(timeline, "containers.web.stopSignalAt", "5s")
    expectOutcome(timeline, "pod.deleteToGone", "<= 10s")
    expectTimeline(timeline, .kind("endpoint.consumer-stopped"), before: .signal(.term, sentTo: .pid1(of: "web")))
    expectTimeline(timeline, containsNo: .signal(.kill, sentTo: .any))
    #expect(timeline.pod.effectiveGrace == 10)
    // And the file's own expectations hold.
    expectOutcome(timeline, meets: loaded)
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
