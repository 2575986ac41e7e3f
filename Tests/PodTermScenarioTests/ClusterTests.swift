import Foundation
import PodTerm
import PodTermBuiltins
@testable import PodTermScenario
import Testing

/// Multi-pod scenarios: decoding, the coordinator's decisions, the traffic split, outputs.
@Suite("Several pods in one scenario")
struct ClusterTests {
    /// A pod entry: one container running `program`, with `extra` lines under `pod:`.
    static func pod(_ name: String, program: String = "/app/server", grace: Int = 30, extra: String = "", entry: String = "") -> String {
        """
          - \(entry.isEmpty ? "" : entry + "\n    ")pod:
              metadata: {name: \(name)}
              terminationGracePeriodSeconds: \(grace)
        \(extra.isEmpty ? "" : "      " + extra + "\n")      containers:
                - name: app
                  image: example/app:1
                  command: ["\(program)"]

        """
    }

    static func cluster(_ body: String, programs: String = "", pods: [String]) -> String {
        """
        summary: test
        story: test
        horizon: 2m
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 3s, exitCode: 0}
          /app/slow:
            signals:
              SIGTERM: {cleanup: 50s, exitCode: 0}
          /app/quick:
            signals:
              SIGTERM: {cleanup: 1s, exitCode: 0}
        \(programs)
        pods:
        \(pods.joined())\(body)
        """
    }

    static func run(_ yaml: String) throws -> (LoadedCluster, ClusterTimeline) {
        let loaded = try ClusterLoader.load(yaml: yaml, fileName: "test.yaml")
        return (loaded, try ClusterSimulator.run(loaded.cluster))
    }

    @Test func theBuiltInMultiPodScenariosMeetTheirExpectations() throws {
        #expect(BuiltinScenarios.multiPod.map(\.name).contains("stoppers/node-shutdown-priority-groups"))
        #expect(BuiltinScenarios.multiPod.map(\.name).contains("workloads/rollout-surge-overlap"))
        #expect(!BuiltinScenarios.all.contains { $0.name == "workloads/rollout-surge-overlap" })
        for b in BuiltinScenarios.multiPod {
            let loaded = try ClusterLoader.load(yaml: b.yaml, fileName: b.fileName)
            let report = loaded.check(try ClusterSimulator.run(loaded.cluster))
            #expect(report.allPassed, "\(b.name): \(report.failures.map(\.message))")
            #expect(report.results.count >= 10)
        }
    }

    @Test func aGroupThatStopsEarlyStartsTheNextAtOnceAndOneThatDoesNotWaitsItsPeriod() throws {
        let yaml = Self.cluster("""
            nodeShutdown:
              at: 10s
              shutdownGracePeriodByPodPriority:
                - {priority: 0, shutdownGracePeriodSeconds: 20}
                - {priority: 500, shutdownGracePeriodSeconds: 40}
                - {priority: 900, shutdownGracePeriodSeconds: 5}
                - {priority: 1000, shutdownGracePeriodSeconds: 30}
            """, pods: [
                Self.pod("quick", program: "/app/quick"),
                Self.pod("low", program: "/app/quick", extra: "priority: -5"),
                Self.pod("slow", program: "/app/slow", grace: 60, extra: "priority: 700"),
                Self.pod("top", program: "/app/server", extra: "priority: 5000"),
            ])
        let (_, run) = try Self.run(yaml)
        let o = run.outcome
        // quick and low (below the lowest group: the lowest) stop in 1 s: the next group starts at 11 s, not 30 s.
        #expect(o["nodeShutdown.groups.0.startedAt"] == .duration(10_000))
        #expect(o["nodeShutdown.groups.0.pods"] == .int(2))
        #expect(o["nodeShutdown.groups.0.doneAt"] == .duration(11_000))
        // slow (700) belongs to group 500: grace 40 (its own 60 capped), SIGKILL at 51 s; the group ends at 51 s.
        #expect(o["nodeShutdown.groups.500.startedAt"] == .duration(11_000))
        #expect(o["pods.slow.pod.effectiveGrace"] == .int(40))
        #expect(o["pods.slow.containers.app.sigkillAt"] == .duration(51_000))
        #expect(o["nodeShutdown.groups.500.doneAt"] == .duration(51_000))
        // No pod has a priority in [900, 1000): that group is skipped.
        #expect(o["nodeShutdown.groups.900.startedAt"] == nil)
        #expect(o["nodeShutdown.groups.1000.startedAt"] == .duration(51_000))
        #expect(o["pods.top.pod.effectiveGrace"] == .int(30))
        #expect(o["pods.top.containers.app.stopSignalAt"] == .duration(51_000))
        #expect(o["total.sigkilled"] == .int(1))
        #expect(o["total.pods"] == .int(4))
        let done = run.clusterEvents.compactMap { e -> Bool? in if case .shutdownGroupDone(_, let all, _) = e.kind { return all } else { return nil } }
        #expect(done == [true, false, true])
    }

    @Test func theTwoGroupFormGivesRegularPodsTheDifference() throws {
        let yaml = Self.cluster("""
            nodeShutdown: {at: 10s, shutdownGracePeriod: 30s, shutdownGracePeriodCriticalPods: 10s}
            """, pods: [
                Self.pod("app", program: "/app/slow"),
                Self.pod("agent", program: "/app/slow", extra: "priorityClassName: system-cluster-critical"),
            ])
        let (_, run) = try Self.run(yaml)
        let o = run.outcome
        #expect(o["pods.app.pod.effectiveGrace"] == .int(20))
        #expect(o["pods.app.containers.app.sigkillAt"] == .duration(30_000))
        #expect(o["pods.agent.pod.effectiveGrace"] == .int(10))
        #expect(o["pods.agent.containers.app.stopSignalAt"] == .duration(30_000))
        #expect(o["pods.agent.containers.app.sigkillAt"] == .duration(40_000))
    }

    @Test func withMaxSurge0TheNewPodIsCreatedWhenTheOldOneIsDeleted() throws {
        let yaml = Self.cluster("""
            rollout: {at: 10s, old: [a1, b1], new: [a2, b2], maxSurge: 0, maxUnavailable: 1}
            """, pods: [Self.pod("a1"), Self.pod("b1"), Self.pod("a2", entry: "readyAfter: 4s"), Self.pod("b2", entry: "readyAfter: 4s")])
        let (_, run) = try Self.run(yaml)
        let o = run.outcome
        #expect(o["pods.a1.pod.deletedAt"] == .duration(10_000))
        #expect(o["pods.a2.startsAt"] == .duration(10_000))
        #expect(o["pods.a2.readyAt"] == .duration(14_000))
        // b1 goes only when a2 is ready (maxUnavailable 1), and b2 takes its place at once.
        #expect(o["pods.b1.pod.deletedAt"] == .duration(14_000))
        #expect(o["pods.b2.startsAt"] == .duration(14_000))
        #expect(o["rollout.doneAt"] == .duration(14_000))
        // A later pod's own events are on its clock, shifted in the merged order.
        let a2 = try #require(run.pod(named: "a2"))
        #expect(a2.timeline.events.first?.time == 0)
        #expect(run.order.contains { $0.pod == 2 && $0.time == 10_000 })
    }

    @Test func withMaxSurge1TheOldPodGoesWhenTheNewIsReady() throws {
        let yaml = Self.cluster("""
            rollout: {at: 5s, old: [old], new: [new], maxSurge: 1, maxUnavailable: 0}
            """, pods: [Self.pod("old"), Self.pod("new", entry: "readyAfter: 7s")])
        let (_, run) = try Self.run(yaml)
        #expect(run.outcome["pods.new.startsAt"] == .duration(5_000))
        #expect(run.outcome["pods.old.pod.deletedAt"] == .duration(12_000))
    }

    /// One pod deleted with kube-proxy 1 s behind: no other endpoint, so kube-proxy keeps
    /// sending to the terminating pod while it serves, then has none.
    @Test func aConsumerWithNoReadyEndpointUsesTheTerminatingOneThenRefuses() throws {
        let body = """
            network:
              consumers:
                - {name: kube-proxy, delay: 1s}
            traffic: {rate: 10, serviceTime: 50ms, terminatingFallback: FALLBACK}
            """
        let pods = [Self.pod("web", entry: "stop: [{at: 10s, delete: {}}]")]
        let (_, with) = try Self.run(Self.cluster(body.replacingOccurrences(of: "FALLBACK", with: "true"), pods: pods))
        let (_, without) = try Self.run(Self.cluster(body.replacingOccurrences(of: "FALLBACK", with: "false"), pods: pods))
        // SIGTERM at 10 s closes the listener, kube-proxy takes the pod out of its ready set at
        // 11 s, the server exits at 13 s and the run ends there: 130 requests.
        #expect(with.outcome["traffic.requests"] == .int(130))
        #expect(with.outcome["traffic.served"] == .int(100))
        // With the fallback, kube-proxy still sends to the terminating pod, whose listener is closed.
        #expect(with.outcome["pods.web.traffic.refused"] == .int(30))
        #expect(with.outcome["traffic.noEndpoint"] == .int(0))
        // Without it kube-proxy has no endpoint from 11 s.
        #expect(without.outcome["pods.web.traffic.requests"] == .int(110))
        #expect(without.outcome["pods.web.traffic.refused"] == .int(10))
        #expect(without.outcome["traffic.noEndpoint"] == .int(20))
        let routes = with.clusterEvents.compactMap { e -> Bool? in if case .routes(_, _, let t) = e.kind { return t } else { return nil } }
        #expect(routes == [false, true])
    }

    @Test func requestsAreSplitRoundRobinOverTheReadyEndpoints() throws {
        let yaml = Self.cluster("""
            network:
              consumers:
                - {name: kube-proxy, delay: 1s}
            traffic: {rate: 9}
            """, pods: [Self.pod("a"), Self.pod("b"), Self.pod("c")])
        let (_, run) = try Self.run(yaml)
        // 120 s × 9/s, the three pods ready all along until the horizon.
        for p in ["a", "b", "c"] { #expect(run.outcome["pods.\(p).traffic.requests"] == .int(360)) }
    }

    @Test func sameScenarioSameBytesAndTheOrderIsTimePodSequence() throws {
        let b = try #require(BuiltinScenarios.namedMultiPod("workloads/rollout-surge-overlap"))
        let l = try ClusterLoader.load(yaml: b.yaml, fileName: b.fileName)
        let one = try ClusterSimulator.run(l.cluster), two = try ClusterSimulator.run(l.cluster)
        #expect(one == two)
        #expect(ClusterJSON.render(one, file: "f") == ClusterJSON.render(two, file: "f"))
        #expect(ClusterText().render(one) == ClusterText().render(two))
        for (x, y) in zip(one.order, one.order.dropFirst()) {
            #expect((x.time, x.pod ?? -1, x.index) < (y.time, y.pod ?? -1, y.index))
        }
        // Another seed gives each pod another seed, derived per pod.
        let other = try ClusterSimulator.run(l.cluster, seed: 7)
        #expect(other.pods[0].seed == ClusterSimulator.podSeed(7, pod: 0))
        #expect(other.pods[0].seed != other.pods[1].seed)
        let json = ClusterJSON.render(one, file: "f")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(doc["schema"] as? String == "podterm.cluster/v1")
        let pods = try #require(doc["pods"] as? [[String: Any]])
        #expect((pods[0]["timeline"] as? [String: Any])?["schema"] as? String == "podterm.timeline/v2")
        #expect((doc["order"] as? [Any])?.count == one.order.count)
    }

    @Test(arguments: [
        ("pods:\n  - {pod: {metadata: {name: a}, containers: [{name: app, image: x, command: [/app/server]}]}, colour: red}\n", 6, "unknown key 'colour' in pods.0"),
        ("pods:\n  - {pod: {metadata: {name: a}, containers: [{name: app, image: x, command: [/app/server]}]}}\n  - {pod: {metadata: {name: a}, containers: [{name: app, image: x, command: [/app/server]}]}}\n", 7, "listed twice"),
        ("pods:\n  - {pod: {metadata: {name: a}, containers: [{name: app, image: x, command: [/app/server]}]}}\nrollout: {at: 1s, old: [a], new: [b]}\n", 7, "no pod called b"),
        ("pods:\n  - {pod: {metadata: {name: a}, containers: [{name: app, image: x, command: [/app/server]}]}}\ntraffic: {rate: 5}\n", 7, "consumers of endpoints"),
        ("pods:\n  - {pod: {metadata: {name: a}, containers: [{name: app, image: x, command: [/app/server]}]}, stop: [{at: 1s, delete: {gracePeriod: -1}}]}\n", 6, "gracePeriod"),
        ("pod: {containers: []}\npods: []\n", 5, "lists its pods under pods:"),
    ] as [(String, Int, String)])
    func aWrongFileIsRefusedAtItsLine(tail: String, line: Int, words: String) throws {
        let yaml = "summary: s\nstory: s\nprograms:\n  /app/server: {}\n" + tail
        do {
            _ = try ClusterLoader.load(yaml: yaml, fileName: "bad.yaml")
            Issue.record("loaded")
        } catch {
            #expect(error.description.hasPrefix("bad.yaml:\(line):"), "\(error.description)")
            #expect(error.description.contains(words), "\(error.description)")
        }
    }

    @Test func moreThanSixteenPodsIsRefusedAtTheSeventeenth() throws {
        let entries = (1...17).map { Self.pod("p\($0)") }
        do {
            _ = try ClusterLoader.load(yaml: Self.cluster("", pods: entries), fileName: "many.yaml")
            Issue.record("loaded")
        } catch {
            #expect(error.description.contains("at most 16 items"), "\(error.description)")
            #expect(error.line != nil)
        }
    }

    @Test func theSinglePodLoaderSaysWhereToRunAMultiPodFile() throws {
        let yaml = Self.cluster("", pods: [Self.pod("a")])
        do {
            _ = try ScenarioLoader.load(yaml: yaml, fileName: "multi.yaml")
            Issue.record("loaded")
        } catch {
            #expect(error.description.contains("multi-pod scenario (pods:)"))
            let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("pods:") }! + 1
            #expect(error.line == line)
        }
        #expect(ClusterLoader.isMultiPod(yaml: yaml))
        #expect(!ClusterLoader.isMultiPod(yaml: BuiltinScenarios.all[0].yaml))
    }

    @Test func onePodAsASinglePodScenarioCarriesTheCoordinatorsDecisions() throws {
        let b = try #require(BuiltinScenarios.namedMultiPod("stoppers/node-shutdown-priority-groups"))
        let l = try ClusterLoader.load(yaml: b.yaml, fileName: b.fileName)
        let run = try ClusterSimulator.run(l.cluster)
        let web = try l.single(pod: "web", of: run)
        #expect(web.scenario.actions == [StopAction(at: 20_000, .nodeShutdown(gracePeriod: 20, criticalPodsGracePeriod: 0))])
        #expect(try Simulator.run(web.scenario) == run.pod(named: "web")!.timeline)
        #expect(throws: ScenarioError.self) { try l.single(pod: "nope", of: run) }
    }

    @Test(.enabled(if: SchemaValidator.hasJSONSchema, "needs the jsonschema module of /usr/bin/python3 (apt-get install python3-jsonschema)"))
    func theSchemaTakesTheMultiPodBuiltInsAndRefusesATypoInAPodEntry() throws {
        let good = try ScenarioSchemaTests().validate(BuiltinScenarios.multiPod.map { ($0.name, $0.yaml) })
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        let b = try #require(BuiltinScenarios.namedMultiPod("workloads/rollout-surge-overlap"))
        let typo = b.yaml.replacingOccurrences(of: "  - readyAfter: 5s", with: "  - readyAftr: 5s")
        #expect(throws: ScenarioError.self) { try ClusterLoader.load(yaml: typo, fileName: "typo.yaml") }
        let bad = try ScenarioSchemaTests().validate([("typo", typo)])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("readyAftr"), "\(bad.stdout)")
    }

    @Test(.enabled(if: SchemaValidator.hasJSONSchema, "needs the jsonschema module of /usr/bin/python3 (apt-get install python3-jsonschema)"))
    func theClusterJSONMatchesItsSchemaAndEachPodsDocumentTheV2One() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podterm-cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        var pods: [(name: String, json: String)] = []
        for b in BuiltinScenarios.multiPod {
            let l = try ClusterLoader.load(yaml: b.yaml, fileName: b.fileName)
            let run = try ClusterSimulator.run(l.cluster)
            let f = dir.appendingPathComponent(b.name.replacingOccurrences(of: "/", with: "_") + ".json")
            try ClusterJSON.render(run, file: b.fileName).write(to: f, atomically: true, encoding: .utf8)
            files.append(f.path)
            for p in run.pods { pods.append((b.name + "-" + p.name, TimelineJSON.render(p.timeline, file: b.fileName))) }
        }
        let code = """
            import json, sys
            from jsonschema import Draft202012Validator
            v = Draft202012Validator(json.load(open(sys.argv[1])))
            bad = 0
            for name in sys.argv[2:]:
                for e in v.iter_errors(json.load(open(name))):
                    bad += 1
                    print("%s: %s: %s" % (name, "/".join(map(str, e.absolute_path)), e.message[:200]))
            sys.exit(1 if bad else 0)
            """
        let schema = SchemaValidator.root.appendingPathComponent("schemas/podterm.cluster.v1.schema.json").path
        let r = try SchemaValidator.run(["-c", code, schema] + files)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let v2 = try SchemaValidator.validate(pods)
        #expect(v2.status == 0, "\(v2.stdout)\(v2.stderr)")
        // A document with an unknown cluster event kind is refused.
        let broken = dir.appendingPathComponent("broken.json")
        try (try String(contentsOfFile: files[0], encoding: .utf8)).replacingOccurrences(of: "\"kind\": \"shutdownGroupStarted\"", with: "\"kind\": \"meteor\"")
            .write(to: broken, atomically: true, encoding: .utf8)
        #expect(try SchemaValidator.run(["-c", code, schema, broken.path]).status == 1)
    }
}
