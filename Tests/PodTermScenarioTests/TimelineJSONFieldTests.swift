import Foundation
import PodTerm
import PodTermBuiltins
import PodTermScenario
import Testing

/// What `podterm.timeline/v2` says about events: the numbers and names of every event as typed
/// fields that agree with the engine, every key on every event, and a renderer that streams.
@Suite("JSON v2 typed fields")
struct TimelineJSONFieldTests {
    static func timeline(_ name: String) throws -> Timeline {
        let b = try #require(BuiltinScenarios.named(name))
        return try Simulator.run(try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName).scenario)
    }

    static func document(_ t: Timeline) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(TimelineJSON.render(t).utf8)) as? [String: Any])
    }

    static func events(_ doc: [String: Any]) -> [[String: Any]] { doc["events"] as? [[String: Any]] ?? [] }

    /// The events of `kind`.
    static func events(_ doc: [String: Any], kind: String) -> [[String: Any]] {
        events(doc).filter { $0["kind"] as? String == kind }
    }

    static func isNull(_ v: Any?) -> Bool { v is NSNull }

    @Test func pid1WithNoHandlerSaysItsGraceTimeoutDeadlineAndExitInFields() throws {
        let doc = try Self.document(try Self.timeline("pid1-no-handler"))
        let delete = try #require(Self.events(doc, kind: "pod.delete").first)
        #expect(delete["graceSeconds"] as? Int == 30)
        #expect(Self.isNull(delete["requestedGraceSeconds"]))
        #expect(delete["force"] as? Bool == false)
        #expect(delete["now"] as? Bool == false)
        let terminating = try #require(Self.events(doc, kind: "pod.terminating").first)
        #expect(terminating["t"] as? Int == 10_000)
        #expect(terminating["deadlineMs"] as? Int == 40_000)
        let stop = try #require(Self.events(doc, kind: "container.stop").first)
        #expect(stop["container"] as? String == "app")
        #expect(stop["timeoutSeconds"] as? Int == 30)
        #expect(stop["floored"] as? Bool == false)
        #expect(stop["deadlineMs"] as? Int == 40_000)
        // The runtime's SIGKILL comes exactly at the deadline the stop event announced.
        let kill = try #require(Self.events(doc, kind: "signal.sent").first { $0["signal"] as? String == "SIGKILL" })
        #expect(kill["t"] as? Int == stop["deadlineMs"] as? Int)
        #expect(kill["from"] as? String == "runtime")
        #expect(kill["process"] as? String == "app/server")
        #expect(kill["pid"] as? Int == 1)
        let discarded = try #require(Self.events(doc, kind: "signal.discarded").first)
        #expect(discarded["signal"] as? String == "SIGTERM")
        #expect(discarded["reason"] as? String == "pid1-default")
        let killed = try #require(Self.events(doc, kind: "process.killed").first)
        #expect(killed["exitCode"] as? Int == 137)
        #expect(killed["from"] as? String == "runtime")
        let exited = try #require(Self.events(doc, kind: "container.exited").first)
        #expect(exited["exitCode"] as? Int == 137)
        #expect(exited["reason"] as? String == "Error")
        // Fields that do not apply are there, as null.
        #expect(Self.isNull(exited["graceSeconds"]))
        #expect(Self.isNull(exited["from"]))
    }

    @Test func kubectlFlagsAndPreStopHooksAreFields() throws {
        let five = try #require(Self.events(try Self.document(try Self.timeline("grace-period-5")), kind: "pod.delete").first)
        #expect(five["requestedGraceSeconds"] as? Int == 5)
        #expect(five["graceSeconds"] as? Int == 5)
        let force = try #require(Self.events(try Self.document(try Self.timeline("force-delete")), kind: "pod.delete").first)
        #expect(force["force"] as? Bool == true)
        #expect(force["requestedGraceSeconds"] as? Int == 0)

        let doc = try Self.document(try Self.timeline("prestop-sleep"))
        let started = try #require(Self.events(doc, kind: "prestop.started").first)
        let hook = try #require(started["hook"] as? [String: Any])
        #expect(hook["type"] as? String == "sleep")
        #expect(hook["sleepSeconds"] as? Int == 5)
        #expect(Self.isNull(hook["command"]))
        let finished = try #require(Self.events(doc, kind: "prestop.finished").first)
        #expect(finished["succeeded"] as? Bool == true)
        #expect(finished["elapsedMs"] as? Int == 5_000)
        #expect(finished["graceLeftSeconds"] as? Int == 25)
        #expect((finished["message"] as? String)?.contains("25s of grace left") == true)
        let consumers = Self.events(doc, kind: "endpoint.consumer-stopped").compactMap { $0["consumer"] as? String }
        #expect(consumers == ["kube-proxy", "ingress-nginx"])
        #expect(doc["consumers"] as? [String] == ["kube-proxy", "ingress-nginx"])
    }

    @Test func dockerAndWorkloadNumbersAreFields() throws {
        let docker = try Self.document(try Self.timeline("stoppers/docker-stop"))
        let cmd = try #require(Self.events(docker, kind: "docker.command").first)
        #expect(cmd["command"] as? String == "stop")
        let timeout = try #require(cmd["timeoutSeconds"] as? Int)
        #expect(cmd["deadlineMs"] as? Int == (cmd["t"] as? Int ?? 0) + timeout * 1000)
        #expect(cmd["signal"] as? String != nil)

        let kafka = try Self.document(try Self.timeline("workloads/kafka-no-sigterm-handler"))
        let died = try #require(Self.events(kafka, kind: "workload.kafka-died").first)
        #expect((died["bufferedMessages"] as? Int ?? -1) >= 0)
        #expect(died["lost"] is Bool)
        #expect((died["sessionTimeoutMs"] as? Int ?? 0) > 0)
    }

    @Test func deletesThatAreIgnoredOrShortenAndTheHorizonAreFields() throws {
        let t = try #require(try RareKinds.timelines().first { $0.name == "rare-deletes" }?.timeline)
        let doc = try Self.document(t)
        let ignored = try #require(Self.events(doc, kind: "pod.delete-ignored").first)
        #expect(ignored["graceSeconds"] as? Int == 60)
        #expect(ignored["currentGraceSeconds"] as? Int == 30)
        let shortened = try #require(Self.events(doc, kind: "pod.deadline-shortened").first)
        #expect(shortened["graceSeconds"] as? Int == 10)
        // api.shorten-only: the first delete (1 s) plus the new grace, not "now + grace".
        #expect(shortened["deadlineMs"] as? Int == 11_000)
        let horizon = try #require(Self.events(doc, kind: "run.horizon").first)
        #expect(horizon["pendingEvents"] as? Int == 2)
        #expect(doc["hitHorizon"] as? Bool == true)
    }

    /// Every event of every built-in scenario has the same keys, its message as the text output
    /// says it, and ids that name a process of the document.
    @Test(arguments: BuiltinScenarios.all.map(\.name))
    func everyEventHasEveryKeyAndIdsResolve(_ name: String) throws {
        let t = try Self.timeline(name)
        let doc = try Self.document(t)
        let events = Self.events(doc)
        #expect(events.count == t.events.count)
        let keys = Set(events.first?.keys.map { $0 } ?? [])
        #expect(keys.count == 66)
        let processes = doc["processes"] as? [[String: Any]] ?? []
        let pidOf = Dictionary(uniqueKeysWithValues: processes.map { ($0["id"] as? String ?? "", $0["pid"] as? Int ?? -1) })
        #expect(pidOf.count == t.processes.count)
        let words = EventText(t)
        for (i, e) in events.enumerated() {
            #expect(Set(e.keys) == keys, "event \(i)")
            #expect(e["index"] as? Int == i)
            #expect(e["message"] as? String == words.message(t.events[i], atEvent: i))
            if let p = e["process"] as? String { #expect(e["pid"] as? Int == pidOf[p], "event \(i): \(p)") }
            for key in ["parent", "via"] {
                if let p = e[key] as? String { #expect(pidOf[p] != nil, "event \(i): \(key) \(p)") }
            }
            if let parent = e["parent"] as? String { #expect(e["parentPid"] as? Int == pidOf[parent]) }
            if let from = e["from"] as? String, !["runtime", "kernel", "oom-killer", "node", "timer"].contains(from) { #expect(pidOf[from] != nil) }
        }
    }

    @Test func theSameRunGivesTheSameBytes() throws {
        for b in BuiltinScenarios.all {
            let s = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName).scenario
            #expect(TimelineJSON.render(try Simulator.run(s)) == TimelineJSON.render(try Simulator.run(s)), "\(b.name)")
        }
    }

    /// A sink that keeps each chunk it is handed.
    struct ChunkSink: ByteSink {
        var chunks: [[UInt8]] = []
        mutating func write(_ bytes: UnsafeRawBufferPointer) { chunks.append(Array(bytes)) }
    }

    struct Refusal: Error {}

    /// A sink that refuses every write.
    struct RefusingSink: ByteSink {
        var calls = 0
        mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
            calls += 1
            throw Refusal()
        }
    }

    @Test func aLargeTimelineStreamsInChunksAndAFailingSinkStopsIt() throws {
        // PID 1 with 2,000 children: about 8,000 events and 2.7 MB of JSON.
        let yaml = GeneratedScenarios.wideTree(children: 2_000)
        let t = try Simulator.run(try ScenarioLoader.load(yaml: yaml, fileName: "tree.yaml").scenario)
        #expect(t.events.count > 8_000)
        var sink = ChunkSink()
        try TimelineJSON.write(t, to: &sink)
        #expect(sink.chunks.count > 20)
        // Each chunk is about 64 KiB: the renderer never holds the document.
        #expect(sink.chunks.allSatisfy { $0.count <= 80 * 1024 })
        #expect(sink.chunks.dropLast().allSatisfy { $0.count >= 64 * 1024 })
        #expect(String(decoding: sink.chunks.joined(), as: UTF8.self) == TimelineJSON.render(t))

        var refusing = RefusingSink()
        #expect(throws: Refusal.self) { try TimelineJSON.write(t, to: &refusing) }
        #expect(refusing.calls == 1)
    }

    @Test func stringsAreEscapedAndTheDocumentParses() throws {
        var s = try load(minimalYAML).scenario
        s.pod.containers[0].args = ["a\"b\\c\td\u{1}é"]
        let t = try Simulator.run(s)
        let text = TimelineJSON.render(t)
        #expect(text.contains(#"["/app/server", "a\"b\\c\td\u0001é"]"#))
        let doc = try Self.document(t)
        let argv = (doc["containers"] as? [[String: Any]])?.first?["argv"] as? [String]
        #expect(argv == ["/app/server", "a\"b\\c\td\u{1}é"])
    }
}
