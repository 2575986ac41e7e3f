import Foundation
import PodTerm
@testable import PodTermScenario
import Testing

/// `livenessProbe.terminationGracePeriodSeconds` and `startupProbe`'s mean what they mean in
/// Kubernetes (`kubelet.probe-grace`): the grace of the restart after that probe fails, even
/// above the pod's; the `probeFailure` stop's own value overrides it (issue 8, item 1).
@Suite struct ProbeGraceTests {
    /// A stuck PID 1 (no handler: SIGTERM is discarded), so SIGKILL comes exactly at the grace.
    static func scenario(probes: String, stop: String = "{container: app, probe: liveness}") -> String {
        """
        summary: A stuck server whose probe fails.
        story: It ignores SIGTERM, so SIGKILL comes at the end of the grace.
        pod:
          terminationGracePeriodSeconds: 60
          containers:
            - name: app
              image: example/app:1.0
              command: ["/app/server"]
        \(probes.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
        programs:
          /app/server: {}
        stop:
          - at: 20s
            probeFailure: \(stop)

        """
    }

    static func sigkillAt(_ yaml: String) throws -> FigureValue? {
        try Simulator.run(try load(yaml).scenario).outcome["containers.app.sigkillAt"]
    }

    @Test func theLivenessProbesGraceIsUsedWithoutRepeatingItInTheStop() throws {
        let yaml = Self.scenario(probes: "livenessProbe:\n  httpGet: {path: /healthz, port: 8080}\n  terminationGracePeriodSeconds: 3")
        #expect(try load(yaml).scenario.pod.containers[0].probeGracePeriodSeconds == [.liveness: 3])
        #expect(try Self.sigkillAt(yaml) == .duration(23_000))
    }

    @Test func aProbesGraceLargerThanThePodsIsUsedToo() throws {
        let yaml = Self.scenario(
            probes: "startupProbe:\n  exec: {command: [cat, /ready]}\n  terminationGracePeriodSeconds: 90",
            stop: "{container: app, probe: startup}")
        #expect(try Self.sigkillAt(yaml) == .duration(110_000))
    }

    @Test func eachProbeHasItsOwnGraceAndWithoutOneThePodsApplies() throws {
        // The liveness probe's grace does not apply to a startup probe's failure.
        let yaml = Self.scenario(
            probes: "livenessProbe:\n  terminationGracePeriodSeconds: 3",
            stop: "{container: app, probe: startup}")
        #expect(try Self.sigkillAt(yaml) == .duration(80_000))
        let none = Self.scenario(probes: "livenessProbe:\n  httpGet: {path: /healthz, port: 8080}")
        #expect(try Self.sigkillAt(none) == .duration(80_000))
    }

    @Test func theStopsOwnValueOverridesTheProbesField() throws {
        let yaml = Self.scenario(
            probes: "livenessProbe:\n  terminationGracePeriodSeconds: 3",
            stop: "{container: app, probe: liveness, terminationGracePeriodSeconds: 7}")
        #expect(try Self.sigkillAt(yaml) == .duration(27_000))
        // And through --set, for what-if runs.
        let set = try load(yaml, overrides: ["pod.containers.app.livenessProbe.terminationGracePeriodSeconds=5",
                                             "stop.0.probeFailure.terminationGracePeriodSeconds=9"]).scenario
        #expect(try Simulator.run(set).outcome["containers.app.sigkillAt"] == .duration(29_000))
        let probeOnly = try load(Self.scenario(probes: "livenessProbe:\n  terminationGracePeriodSeconds: 3"),
                                 overrides: ["pod.containers.app.livenessProbe.terminationGracePeriodSeconds=5"]).scenario
        #expect(try Simulator.run(probeOnly).outcome["containers.app.sigkillAt"] == .duration(25_000))
    }

    @Test(arguments: [
        ("abc", "pod.containers.app.livenessProbe.terminationGracePeriodSeconds: expected a whole number, got 'abc'"),
        ("-5", "pod.containers.app.livenessProbe.terminationGracePeriodSeconds: expected a whole number from 1 to 31536000, got '-5'"),
        ("0", "expected a whole number from 1 to 31536000, got '0'"),
        ("[1]", "pod.containers.app.livenessProbe.terminationGracePeriodSeconds: expected a whole number, got a list"),
        ("9223372036854775807", "expected a whole number from 1 to 31536000"),
    ])
    func badProbeGracesAreRefusedWhereTheyAreWritten(value: String, message: String) {
        let yaml = Self.scenario(probes: "livenessProbe:\n  periodSeconds: 5\n  terminationGracePeriodSeconds: \(value)")
        let key = "terminationGracePeriodSeconds: "
        let (line, column) = locate(key + value, in: yaml)
        expectError(yaml, line: line, column: column + key.count, contains: message)
    }

    @Test func aReadinessProbeMayNotHaveAGrace() {
        let yaml = Self.scenario(probes: "readinessProbe:\n  terminationGracePeriodSeconds: 3")
        expectError(yaml, at: "terminationGracePeriodSeconds: 3",
                    contains: "readinessProbe.terminationGracePeriodSeconds: must not be set for a readiness probe")
    }

    @Test func aMistypedProbeFieldIsNamed() {
        let yaml = Self.scenario(probes: "livenessProbe:\n  terminationGracePeriod: 3")
        expectError(yaml, at: "terminationGracePeriod:", contains: "unknown key 'terminationGracePeriod' in pod.containers.app.livenessProbe (did you mean 'terminationGracePeriodSeconds'?)")
    }
}
