import Foundation
import PodTerm
@testable import PodTermScenario
import Testing

/// Versions outside the modelled ones, and empty names, are refused with their place
/// (issue 8, item 12).
@Suite struct NameAndVersionTests {
    @Test func aVersionOutsideTheModelledOnesListsThem() throws {
        let supported = "1.22, 1.23, 1.24, 1.25, 1.26, 1.27, 1.28, 1.29, 1.30, 1.31, 1.32, 1.33, 1.34"
        // `1.3` unquoted is read as written (1.3, not the float 1.30), and refused.
        for v in ["1.99", "1.21", "2.0", "1.35", "1.3"] {
            expectError("kubernetes: \"\(v)\"\n" + minimalYAML, line: 1, column: 13,
                        contains: "kubernetes: version \(KubernetesVersion(parsing: v)!) is not modelled; expected one of \(supported)")
        }
        for v in ["1.22", "1.27", "1.34", "v1.28.3"] {
            #expect(try load("kubernetes: \"\(v)\"\n" + minimalYAML).scenario.kubernetesVersion == KubernetesVersion(parsing: v))
        }
    }

    @Test func emptyNamesAreRefusedWhereTheyAreWritten() {
        expectError(minimal(replacing: "image: example/app:1.0\n", with: "image: \"\"\n"), at: "\"\"",
                    contains: "pod.containers.app.image must not be empty")
        expectError(minimal(replacing: "    - name: app\n", with: "    - name: \"\"\n"), at: "\"\"",
                    contains: "container name '' is not a valid name")
        expectError(minimal(replacing: "pod:\n", with: "pod:\n  metadata: {name: \"\"}\n"), at: "\"\"}",
                    contains: "pod.metadata.name must not be empty")
        expectError("name: \" \"\n" + minimalYAML, at: "\" \"", contains: "name must not be empty")
        expectError(minimal(replacing: "  /app/server:\n", with: "  \"\":\n"), at: "\"\":",
                    contains: "programs: a name must not be empty")
        expectError(minimal(replacing: "  example/app:1.0:\n", with: "  \"\":\n"), at: "\"\":",
                    contains: "images: a name must not be empty")
        let workloads = minimalYAML + "network:\n  consumers:\n    - {name: kube-proxy}\nworkloads:\n  - {name: \"\", container: app, http: {rate: 1}}\n"
        expectError(workloads, at: "\"\",", contains: "workloads.0.name must not be empty")
        expectError(minimalYAML + "network:\n  consumers:\n    - {name: \"\"}\n", at: "\"\"}", contains: "network.consumers.0.name must not be empty")
        expectError(minimal(replacing: "delete: {}", with: "oomKill: {container: app, process: \"\"}"), at: "\"\"}",
                    contains: "stop.0.oomKill.process must not be empty")
        expectError(minimal(replacing: "      image: example/app:1.0\n", with: "      image: example/app:1.0\n      command: [\"\"]\n"),
                    at: "\"\"]", contains: "pod.containers.app.command.0: the program to run must not be empty")
    }

    @Test func aSeedIsAWholeNumberUpTo2To64() throws {
        #expect(try load("seed: 18446744073709551615\n" + minimalYAML).scenario.seed == UInt64.max)
        expectError("seed: -1\n" + minimalYAML, at: "-1", contains: "seed: expected a whole number from 0 to 18446744073709551615 (2^64−1), got '-1'")
        expectError("seed: 18446744073709551616\n" + minimalYAML, at: "18446744073709551616", contains: "from 0 to 18446744073709551615")
    }
}
