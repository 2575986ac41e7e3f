import Foundation
import PodTerm
import PodTermBuiltins
import PodTermScenario
import Testing

/// `podterm.diff/v1` documents against `schemas/podterm.diff.v1.schema.json` (issue 11).
@Suite struct DiffSchemaTests {
    static func run(_ name: String, _ sets: [(String, String)] = []) throws -> (Timeline, LoadedScenario) {
        let b = try #require(BuiltinScenarios.named(name))
        var loaded = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
        for (k, v) in sets { loaded = try loaded.setting(k, to: v) }
        return (try Simulator.run(loaded.scenario), loaded)
    }

    @Test(.enabled(if: SchemaValidator.hasPython, "needs /usr/bin/python3 (apt-get install python3)"),
          .enabled(if: SchemaValidator.hasJSONSchema, "needs the jsonschema module of /usr/bin/python3 (apt-get install python3-jsonschema)"))
    func diffDocumentsMatchTheSchema() throws {
        let pairs: [(String, [(String, String)], String, [(String, String)])] = [
            ("pid1-no-handler", [], "pid1-no-handler", []),
            ("pid1-no-handler", [], "pid1-no-handler", [("pod.terminationGracePeriodSeconds", "5")]),
            ("workloads/sidecar-proxy-exits-first", [], "workloads/sidecar-native-proxy", []),
            ("jvm/1-shell-form-cmd", [], "jvm/2-exec-form-cmd", []),
        ]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podterm-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        for (k, p) in pairs.enumerated() {
            let (ta, la) = try Self.run(p.0, p.1), (tb, lb) = try Self.run(p.2, p.3)
            let json = DiffRender(TimelineDiff(ta, tb), a: ta, b: tb,
                                  sideA: .init(label: la.scenario.name, file: la.fileName, settings: p.1.map { $0.0 + "=" + $0.1 }),
                                  sideB: .init(label: lb.scenario.name, file: lb.fileName, settings: p.3.map { $0.0 + "=" + $0.1 })).json()
            let f = dir.appendingPathComponent("\(k).json")
            try json.write(to: f, atomically: true, encoding: .utf8)
            files.append(f.path)
        }
        let check = """
            import json, sys
            from jsonschema import Draft202012Validator
            schema = json.load(open(sys.argv[1]))
            Draft202012Validator.check_schema(schema)
            bad = 0
            for f in sys.argv[2:]:
                for e in Draft202012Validator(schema).iter_errors(json.load(open(f))):
                    print(f, list(e.path), e.message); bad += 1
            sys.exit(1 if bad else 0)
            """
        let schema = SchemaValidator.root.appendingPathComponent("schemas/podterm.diff.v1.schema.json").path
        let r = try SchemaValidator.run(["-c", check, schema] + files)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        // And the schema refuses what it should: a removed event with a B side.
        let broken = dir.appendingPathComponent("broken.json")
        try """
            {"schema": "podterm.diff/v1", "a": {"scenario": "x", "file": "x", "set": []}, "b": {"scenario": "x", "file": "x", "set": []},
             "equal": false, "counts": {"moved": 0, "changed": 0, "removed": 1, "added": 0},
             "events": [{"change": "removed", "a": {"index": 0, "timeMs": 0, "who": "k", "container": "", "kind": "k", "rule": "r", "what": "w"},
                         "b": {"index": 0, "timeMs": 0, "who": "k", "container": "", "kind": "k", "rule": "r", "what": "w"}}], "figures": []}
            """.write(to: broken, atomically: true, encoding: .utf8)
        #expect(try SchemaValidator.run(["-c", check, schema, broken.path]).status == 1)
    }
}
