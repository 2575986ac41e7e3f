import Foundation
import PodTerm
import PodTermBuiltins
@testable import PodTermScenario
import Testing

/// Every number and duration has a documented range checked at load, so nothing the engine
/// computes from scenario or `--set` values can overflow (issue 8, item 5).
@Suite struct RangeTests {
    @Test func aHugeGracePeriodIsRefusedWhereItIsWritten() {
        let yaml = minimal(replacing: "pod:\n", with: "pod:\n  terminationGracePeriodSeconds: 9223372036854775807\n")
        expectError(yaml, at: "9223372036854775807",
                    contains: "pod.terminationGracePeriodSeconds: expected a whole number from 0 to 31536000, got '9223372036854775807'")
        // Beyond Int: still a range error, not "not a number".
        let beyond = minimal(replacing: "pod:\n", with: "pod:\n  terminationGracePeriodSeconds: 99999999999999999999\n")
        expectError(beyond, at: "99999999999999999999", contains: "expected a whole number from 0 to 31536000")
    }

    @Test func aHugeGracePeriodThroughSetIsRefusedAsTheSet() {
        for value in ["9223372036854775807", "99999999999999999999", "31536001"] {
            guard let e = loadError(minimalYAML, overrides: ["pod.terminationGracePeriodSeconds=\(value)"]) else { continue }
            #expect(e.description == "--set pod.terminationGracePeriodSeconds=\(value): pod.terminationGracePeriodSeconds: expected a whole number from 0 to 31536000, got '\(value)'")
        }
        guard let d = loadError(minimalYAML, overrides: ["stop.0.delete.gracePeriod=9223372036854775807"]) else { return }
        #expect(d.message.contains("stop.0.delete.gracePeriod: expected a whole number from 0 to 31536000"), "\(d)")
    }

    @Test func durationsAreAtMost365Days() throws {
        expectError("horizon: 99999999999h\n" + minimalYAML, at: "99999999999h",
                    contains: "horizon: expected a duration from 1ms to 8760h (365 days), got '99999999999h'")
        expectError("horizon: 8761h\n" + minimalYAML, at: "8761h", contains: "from 1ms to 8760h")
        expectError(minimal(replacing: "cleanup: 3s", with: "cleanup: 99999999999999999999999999h"), at: "99999999999999999999999999h",
                    contains: "programs./app/server.signals.SIGTERM.cleanup: expected a duration from 0s to 8760h (365 days)")
        expectError(minimal(replacing: "cleanup: 3s", with: "cleanup: 9223372036854775807"), at: "9223372036854775807",
                    contains: "expected a duration from 0s to 8760h")
        // The longest allowed loads.
        let s = try load("horizon: 8760h\n" + minimalYAML).scenario
        let year: Millis = 365 * 86_400_000
        #expect(s.horizon == year)
        guard let e = loadError(minimalYAML, overrides: ["stop.0.at=99999999999999999999999h"]) else { return }
        #expect(e.message.contains("stop.0.at: expected a duration from 0s to 8760h"), "\(e)")
    }

    @Test func countsAndRatesAreBounded() {
        let base = minimalYAML + "network:\n  consumers:\n    - {name: kube-proxy, delay: 1s}\n"
        expectError(base + "workloads:\n  - container: app\n    kafka: {rate: 10, batchSize: 4294967296}\n", at: "4294967296",
                    contains: "workloads.0.kafka.batchSize: expected a whole number from 1 to 1000000, got '4294967296'")
        expectError(base + "workloads:\n  - container: app\n    http: {rate: 1000001}\n", at: "1000001",
                    contains: "expected a whole number from 1 to 1000000")
        expectError(base + "workloads:\n  - container: app\n    http: {rate: 10, consumerRates: {kube-proxy: 2000000}}\n", at: "2000000",
                    contains: "consumerRates.kube-proxy: expected a whole number from 1 to 1000000")
        let many = minimalYAML + "network:\n  consumers:\n" + (0...100).map { "    - {name: c\($0)}\n" }.joined()
        expectError(many, at: "{name: c100}", contains: "network.consumers: at most 100 items")
    }

    @Test func secondsFieldsAreBounded() {
        expectError(minimal(replacing: "delete: {}", with: "dockerStop: {time: -2}"), at: "-2", contains: "from -1 to 31536000")
        let supervisord = minimal(replacing: "programs:\n", with: "programs:\n  supervisord:\n    supervisord:\n      programs:\n        - {name: w, command: [/app/server], stopwaitsecs: 99999999999}\n")
        expectError(supervisord, at: "99999999999", contains: "stopwaitsecs: expected a whole number from 0 to 31536000")
        let poll = minimal(replacing: "programs:\n", with: "programs:\n  supervisord:\n    supervisord:\n      pollPhase: 1500ms\n      programs: []\n")
        expectError(poll, at: "1500ms", contains: "pollPhase: expected a duration from 0s to 999ms (supervisord's loop polls every second)")
    }

    @Test func malformedNumbersNeverTrap() {
        // Long fractions and huge parts: a duration that is too fine or too large, never a crash.
        for text in ["1.0000000000000000000000000001s", "1.00000000000000000000000s", "999999999999999999999999.5s",
                     "5ms99999999999999999999h", "1.5.5s", "٣s"] {
            _ = Scalars.parseDurationText(text)
            _ = Scalars.parseDurationText(text, saturating: true)
            _ = parseDuration(text)
        }
        #expect(parseDuration("1.000000000000000000000s") == 1000)
        #expect(parseDuration("99999999999999999999h") == nil)
        #expect(parseDurationSaturating("99999999999999999999h") == Millis.max)
        #expect(parseDuration("2.5s") == 2500)
        #expect(parseDuration("1m30s") == 90_000)
    }

    @Test func hugeCoreutilsDurationsAreClampedNotTrapped() throws {
        // `sleep 1e300` waits "forever" in coreutils; it used to trap converting to Int.
        for argv in [#"["sleep", "1e300"]"#, #"["sleep", "99999999999999999999d"]"#,
                     #"["timeout", "-k", "1e300", "1e300", "/app/server"]"#] {
            let yaml = minimal(replacing: "      image: example/app:1.0\n", with: "      image: example/app:1.0\n      command: \(argv)\n")
            let timeline = try Simulator.run(try load(yaml).scenario)
            #expect(timeline.containers.count == 1)
        }
    }

    /// The extremes together: the longest horizon, the most consumers and workloads, the
    /// highest rates, the longest session timeout; every sum stays in range.
    @Test func theLargestValuesTogetherDoNotOverflow() throws {
        var yaml = minimal(replacing: "at: 10s", with: "at: 8759h")
        yaml = "horizon: 8760h\n" + yaml.replacingOccurrences(of: "SIGTERM: {cleanup: 3s, exitCode: 0}", with: "SIGTERM: {cleanup: 8760h, exitCode: 0}")
        yaml = yaml.replacingOccurrences(of: "pod:\n", with: "pod:\n  terminationGracePeriodSeconds: 31536000\n")
        yaml += "network:\n  consumers:\n" + (0..<100).map { "    - {name: c\($0), delay: 8760h}\n" }.joined()
        yaml += "workloads:\n"
        // Constant arrivals are counted arithmetically, so the largest rates cost no events; a
        // Kafka consumer writes once per batch, so its rate is kept low to keep the run short.
        for i in 0..<99 { yaml += "  - {name: h\(i), container: app, http: {rate: 1000000, serviceTime: 8760h, keepServing: 8760h}}\n" }
        yaml += "  - {name: k, container: app, kafka: {rate: 1, batchSize: 1000000, flushInterval: 8760h, sessionTimeout: 8760h}}\n"
        let timeline = try Simulator.run(try load(yaml).scenario)
        #expect(timeline.endedAt <= 365 * 86_400_000)
        // 100 consumers × 99 workloads × 10⁶/s for about a year: near 3·10¹⁷, counted exactly.
        guard case .int(let n)? = timeline.outcome["traffic.requests"] else {
            Issue.record("no traffic.requests figure")
            return
        }
        #expect(n > 100_000_000_000_000_000, "\(n)")
    }

    /// Every number and duration of every built-in scenario, set to extremes through `--set`:
    /// the loader refuses the value or the engine runs it, and nothing traps.
    @Test func extremeSetValuesOnEveryBuiltinNeverTrap() throws {
        let values = ["9223372036854775807", "-1", "99999999999999999999", "99999999999h", "31536000", "8760h"]
        var checked = 0
        // Poisson arrivals are generated one by one up to the last consumer's stop, so a delay of
        // 365 days would generate billions: that is issue 8 item 7 (the arrival model), not a
        // range; include them again once arrivals are counted per interval.
        for b in BuiltinScenarios.all where !b.yaml.contains("arrivals: poisson") {
            let root = try YAMLReading.parse(b.yaml)
            for path in numericPaths(root, prefix: "") where !path.hasSuffix("horizon") {
                for v in values {
                    guard let o = try? Override(parsing: "\(path)=\(v)") else { continue }
                    guard let loaded = try? ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName, overrides: [o]) else { continue }
                    _ = try? Simulator.run(loaded.scenario)
                    checked += 1
                }
            }
        }
        #expect(checked > 0)
    }

    @Test func theReadmeListsEveryRange() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(ValueRanges.markdownTable), "README's Ranges table differs from ValueRanges.markdownTable:\n\(ValueRanges.markdownTable)")
    }
}

/// The dotted paths of the scalars that read as whole numbers or durations, list items by index.
private func numericPaths(_ node: SourceNode, prefix: String) -> [String] {
    func join(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }
    switch node.content {
    case .scalar(let s):
        guard !prefix.isEmpty, !prefix.hasPrefix("expect"), Int(s.text) != nil || parseDuration(s.text) != nil else { return [] }
        return [prefix]
    case .mapping(let entries):
        return entries.flatMap { numericPaths($0.value, prefix: join($0.key)) }
    case .sequence(let items):
        return items.enumerated().flatMap { numericPaths($0.element, prefix: join(String($0.offset))) }
    }
}
