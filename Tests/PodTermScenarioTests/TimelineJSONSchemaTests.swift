import Foundation
import PodTerm
import PodTermBuiltins
import PodTermScenario
import Testing

/// The v2 JSON of every built-in scenario, checked by a real JSON Schema validator against
/// `schemas/podterm.timeline.v2.schema.json`; and broken documents, which it must reject.
@Suite("JSON v2 schema")
struct TimelineJSONSchemaTests {
    /// Every built-in scenario's JSON, then the rare timelines'.
    static func documents() throws -> [(name: String, json: String)] {
        var docs: [(String, String)] = []
        for b in BuiltinScenarios.all {
            let loaded = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
            docs.append((b.name, TimelineJSON.render(try Simulator.run(loaded.scenario), file: b.fileName)))
        }
        for (name, t) in try RareKinds.timelines() { docs.append((name, TimelineJSON.render(t, file: name + ".yaml"))) }
        return docs
    }

    /// The event kinds the schema lists.
    static func schemaKinds() throws -> Set<String> {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: SchemaValidator.schema)) as? [String: Any]
        let defs = schema?["$defs"] as? [String: Any]
        let event = defs?["event"] as? [String: Any]
        let properties = event?["properties"] as? [String: Any]
        let kind = properties?["kind"] as? [String: Any]
        return Set(kind?["enum"] as? [String] ?? [])
    }

    @Test(.enabled(if: SchemaValidator.hasPython, "needs /usr/bin/python3 (apt-get install python3)"),
          .enabled(if: SchemaValidator.hasJSONSchema, "needs the jsonschema module of /usr/bin/python3 (apt-get install python3-jsonschema)"))
    func everyBuiltinScenarioMatchesTheSchema() throws {
        let docs = try Self.documents()
        #expect(docs.count == BuiltinScenarios.all.count + 4)
        let r = try SchemaValidator.validate(docs, kinds: true)
        let problems = r.stdout.split(separator: "\n").filter { !$0.hasPrefix("kinds: ") }
        #expect(r.status == 0, "\(problems.prefix(20).joined(separator: "\n"))\n\(r.stderr)")
        #expect(problems.isEmpty)
        // Every kind the schema knows was seen, so every per-kind rule was exercised.
        let seen = Set((r.stdout.split(separator: "\n").first { $0.hasPrefix("kinds: ") } ?? "").split(separator: " ").dropFirst().map(String.init))
        let kinds = try Self.schemaKinds()
        #expect(kinds.count > 50)
        #expect(kinds.subtracting(seen).sorted() == [], "kinds no document shows")
    }

    /// Ways to break a valid document, each of which the schema (or the checker) must catch.
    static let breakages: [(name: String, from: String, to: String)] = [
        ("typed-field-that-does-not-apply", "\"kind\": \"process.started\"", "\"kind\": \"process.started\", \"graceSeconds\": 30"),
        ("unknown-kind", "\"kind\": \"container.stop\"", "\"kind\": \"container.halt\""),
        ("number-as-string", "\"timeoutSeconds\": 30", "\"timeoutSeconds\": \"30\""),
        ("null-where-it-applies", "\"timeoutSeconds\": 30", "\"timeoutSeconds\": null"),
        ("missing-key", ", \"deadlineMs\": 40000", ""),
        ("extra-key", "\"index\": 0,", "\"index\": 0, \"note\": \"hi\","),
        ("keys-out-of-order", "\"index\": 0, \"t\": 0,", "\"t\": 0, \"index\": 0,"),
        ("index-not-its-position", "\"index\": 1,", "\"index\": 7,"),
        ("wrong-schema-id", "\"podterm.timeline/v2\"", "\"podterm.timeline/v1\""),
        ("bad-fate", "\"fate\": \"discarded\"", "\"fate\": \"dropped\""),
        ("growth-where-it-does-not-apply", "\"growth\": null}", "\"growth\": {\"law\": \"none\", \"rates\": null, \"rate\": null, \"accepted\": null, \"batchSize\": null, \"flushIntervalMs\": null, \"next\": null, \"nextFlushMs\": null, \"okFromMs\": null}}"),
    ]

    /// Replaces the first `from` in `text` by `to`; nil when `from` does not occur.
    static func replacingFirst(_ from: String, with to: String, in text: String) -> String? {
        guard let r = text.range(of: from) else { return nil }
        return text.replacingCharacters(in: r, with: to)
    }

    @Test(.enabled(if: SchemaValidator.hasPython, "needs /usr/bin/python3 (apt-get install python3)"),
          .enabled(if: SchemaValidator.hasJSONSchema, "needs the jsonschema module of /usr/bin/python3 (apt-get install python3-jsonschema)"))
    func aBrokenDocumentFailsTheSchema() throws {
        let b = try #require(BuiltinScenarios.named("pid1-no-handler"))
        let good = TimelineJSON.render(try Simulator.run(try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName).scenario))
        var docs: [(name: String, json: String)] = [("intact", good)]
        for k in Self.breakages {
            let broken = try #require(Self.replacingFirst(k.from, with: k.to, in: good), "\(k.name): '\(k.from)' is not in the document")
            docs.append((k.name, broken))
        }
        docs.append(("not-json", String(good.dropLast(3))))
        let r = try SchemaValidator.validate(docs)
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(!lines.contains { $0.contains("intact.json") }, "the intact document has problems: \(r.stdout)")
        for name in Self.breakages.map(\.name) + ["not-json"] {
            #expect(lines.contains { $0.contains("/\(name).json: ") }, "\(name) passed the schema")
        }
    }

    /// The README's table of kinds and their fields is the schema's, kind for kind.
    @Test func theReadmeListsEveryKindOfTheSchema() throws {
        let readme = try String(contentsOf: SchemaValidator.root.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `") && $0.contains(".") }
        let listed = Set(rows.compactMap { row -> String? in
            let cells = row.split(separator: "|", omittingEmptySubsequences: true)
            guard let first = cells.first?.trimmingCharacters(in: .whitespaces), first.hasPrefix("`"), first.hasSuffix("`") else { return nil }
            return String(first.dropFirst().dropLast())
        })
        let kinds = try Self.schemaKinds()
        #expect(kinds.subtracting(listed).sorted() == [], "kinds the README does not list")
    }
}
