import Foundation
import Testing

/// Multi-pod scenarios on the command line: run (text, JSON, one pod), check, list, and the
/// commands that take one pod refusing them with a message and their exit status.
@Suite("podterm command line: several pods")
struct MultiPodCLITests {
    static let shutdown = "scenarios/stoppers/node-shutdown-priority-groups.yaml"

    @Test func runPrintsEveryPodInOneTimeline() throws {
        let r = try PodtermBinary.run(["run", "node-shutdown-priority-groups"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("podterm · node-shutdown-priority-groups · seed 1 · Kubernetes 1.33 · 3 pods\n"))
        #expect(r.stdout.contains("28.000s  cluster    kubelet                  node shutdown: priority group 2000000000 (log-agent)"))
        #expect(r.stdout.contains("total: pods 3, sigkilled 1"))
        let explained = try PodtermBinary.run(["run", Self.shutdown, "--explain"])
        #expect(explained.stdout.contains("↳ node.shutdown-groups: "))
    }

    @Test func jsonIsTheClusterSchemaWithEachPodsOwnDocument() throws {
        let r = try PodtermBinary.run(["run", "workloads/rollout-surge-overlap", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(doc["schema"] as? String == "podterm.cluster/v1")
        let outcome = try #require(doc["outcome"] as? [String: Any])
        #expect(outcome["traffic.refused"] as? Int == 300)
        #expect(outcome["pods.web-2.startsAt"] as? Int == 10_000)
    }

    @Test func podPicksOnePodInAnyFormat() throws {
        let text = try PodtermBinary.run(["run", Self.shutdown, "--pod", "web"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("podterm · web · seed "))
        #expect(text.stdout.contains("20.000s  kubelet"))
        let svg = try PodtermBinary.run(["run", Self.shutdown, "--pod", "web", "--format", "svg"])
        #expect(svg.status == 0)
        #expect(svg.stdout.contains("<svg"))
        let missing = try PodtermBinary.run(["run", Self.shutdown, "--pod", "nope"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("its pods: batch, web, log-agent"))
        let wholeSVG = try PodtermBinary.run(["run", Self.shutdown, "--format", "svg"])
        #expect(wholeSVG.status == 64)
        #expect(wholeSVG.stderr.contains("add --pod NAME"))
        let single = try PodtermBinary.run(["run", "pid1-no-handler", "--pod", "web"])
        #expect(single.status == 2)
    }

    @Test func checkAndListKnowBothKinds() throws {
        let c = try PodtermBinary.run(["check", Self.shutdown, "scenarios/workloads/rollout-surge-overlap.yaml", "scenarios/grace-period-5.yaml"])
        #expect(c.status == 0, "\(c.stdout)")
        #expect(c.stdout.contains("PASS  \(Self.shutdown)  (16 expectations)"))
        #expect(c.stdout.hasSuffix("3 passed, 0 failed\n"))
        let l = try PodtermBinary.run(["list"])
        #expect(l.stdout.split(separator: "\n").contains { $0.contains("stoppers/node-shutdown-priority-groups ") && $0.hasSuffix("(3 pods) Graceful node shutdown by pod priority: three pods stopped one priority group after another, each group waiting for the one before.") })
    }

    @Test func theCommandsForOnePodRefuseAMultiPodFile() throws {
        let play = try PodtermBinary.run(["play", Self.shutdown])
        #expect(play.status == 2)
        #expect(play.stderr.contains("plays one pod at a time: add --pod NAME (batch, web, log-agent)"))
        // With a pod it runs, then needs a terminal (none here).
        let noTTY = try PodtermBinary.run(["play", Self.shutdown, "--pod", "web"])
        #expect(noTTY.status == 6, "\(noTTY.stderr)")
        let lint = try PodtermBinary.run(["sweep", "rollout-surge-overlap", "--vary", "pod.terminationGracePeriodSeconds=1..2"])
        #expect(lint.status == 2)
        #expect(lint.stderr.contains("this is a multi-pod scenario (pods:)"), "\(lint.stderr)")
        let file = try PodtermBinary.run(["diff", Self.shutdown])
        #expect(file.status == 2)
        #expect(file.stderr.contains("\(Self.shutdown):24:1: this is a multi-pod scenario (pods:)"), "\(file.stderr)")
    }
}
