import Foundation
import PodTerm
@testable import PodTermScenario
import Testing

/// The `workloads:` section: decoding, defaults and errors at file:line:column.
@Suite("workloads section")
struct WorkloadDecodingTests {
    let consumers = """
        network:
          consumers:
            - {name: kube-proxy, delay: 1s}

        """

    @Test func decodesEachKindWithDefaults() throws {
        let yaml = minimalYAML + consumers + """
            workloads:
              - name: web
                container: app
                http: {rate: 100}
              - container: app
                program: server
                kafka: {rate: 200, commit: autoBeforeProcessing, onStop: nothing, sessionTimeout: 10s}
              - container: app
                outbound: {rate: 5, via: app2}

            """
        let withSecond = yaml.replacingOccurrences(of: "      image: example/app:1.0\n", with: "      image: example/app:1.0\n    - name: app2\n      image: example/app:1.0\n")
        let w = try load(withSecond).scenario.workloads
        #expect(w.count == 3)
        #expect(w[0] == WorkloadSpec(name: "web", container: "app", kind: .http(HTTPWorkload(rate: 100, serviceTime: 50, keepServing: 0))))
        #expect(w[1] == WorkloadSpec(name: "kafka", container: "app", program: "server", kind: .kafka(KafkaWorkload(
            rate: 200, batchSize: 500, flushInterval: 1_000, commit: .autoBeforeProcessing, onStop: .nothing, sessionTimeout: 10_000))))
        #expect(w[2].kind == .outbound(OutboundWorkload(rate: 5, via: "app2")))
    }

    @Test func errorsPointAtTheField() {
        let base = minimalYAML + consumers
        expectError(base + "workloads:\n  - container: apx\n    http: {rate: 1}\n", at: "apx", contains: "no container named 'apx'")
        expectError(base + "workloads:\n  - container: app\n    http: {rat: 1}\n", at: "rat:", contains: "unknown key 'rat'")
        expectError(base + "workloads:\n  - container: app\n    http: {rate: 00}\n", at: "00}", contains: "expected a whole number from 1")
        expectError(base + "workloads:\n  - container: app\n    kafka: {rate: 5, commit: sometimes}\n", at: "sometimes", contains: "expected one of autoBeforeProcessing, afterBulkWrite")
        expectError(base + "workloads:\n  - container: app\n    http: {rate: 1}\n    kafka: {rate: 1}\n", at: "kafka:", contains: "exactly one of http, kafka, outbound")
        expectError(minimalYAML + "workloads:\n  - container: app\n    http: {rate: 1}\n", at: "http:", contains: "add network.consumers")
        expectError(base + "workloads:\n  - container: app\n    outbound: {rate: 1, via: app}\n", at: "app}", contains: "another container")
    }

    @Test func consumerRatesNameRealConsumers() throws {
        let yaml = """
            summary: s
            story: s
            pod:
              containers:
                - {name: app, image: x, command: [/app/server]}
            programs:
              /app/server: {}
            network:
              consumers:
                - {name: kube-proxy, delay: 1s}
            workloads:
              - container: app
                http: {rate: 100, consumerRates: {kube-proxi: 10}, closeKeepAlive: false}

            """
        #expect {
            try ScenarioLoader.load(yaml: yaml, fileName: "w.yaml")
        } throws: { e in
            let d = String(describing: e)
            return d.hasPrefix("w.yaml:13:") && d.contains("no consumer named 'kube-proxi'") && d.contains("kube-proxy")
        }
        let fixed = yaml.replacingOccurrences(of: "kube-proxi:", with: "kube-proxy:")
        let w = try ScenarioLoader.load(yaml: fixed, fileName: "w.yaml").scenario.workloads
        #expect(w.first?.kind == .http(HTTPWorkload(rate: 100, consumerRates: ["kube-proxy": 10], closeKeepAlive: false)))
    }
}
