import Foundation
import PodTermBuiltins
@testable import PodTermScenario
import Testing
import Yams

/// A YAML document as JSON text, as an editor's YAML language server sees it.
func jsonText(ofYAML yaml: String) throws -> String {
    func plain(_ v: Any?) -> Any {
        switch v {
        case let d as [AnyHashable: Any]:
            var out: [String: Any] = [:]
            for (k, value) in d { out["\(k.base)"] = plain(value) }
            return out
        case let a as [Any?]: return a.map(plain)
        case nil: return NSNull()
        case let v?: return v
        }
    }
    let data = try JSONSerialization.data(withJSONObject: plain(try Yams.load(yaml: yaml)), options: [.fragmentsAllowed])
    return String(decoding: data, as: UTF8.self)
}

@Suite("The scenario file's JSON Schema")
struct ScenarioSchemaTests {
    static var committed: URL { SchemaValidator.root.appendingPathComponent("schemas/podterm.scenario.schema.json") }

    @Test func everyKeyOfTheDecoderHasAShape() {
        #expect(ScenarioSchema.missingShapes.isEmpty, "\(ScenarioSchema.missingShapes)")
    }

    @Test func theCommittedFileIsTheGeneratedOne() throws {
        let file = try String(contentsOf: Self.committed, encoding: .utf8)
        #expect(file == ScenarioSchema.json, "schemas/podterm.scenario.schema.json is stale: run swift run podterm schema > schemas/podterm.scenario.schema.json")
    }

    /// Validates each document with python3-jsonschema; returns the problems printed.
    func validate(_ docs: [(String, String)]) throws -> SchemaValidator.Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podterm-scenario-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        for (name, yaml) in docs {
            let f = dir.appendingPathComponent(name.replacingOccurrences(of: "/", with: "_") + ".json")
            try jsonText(ofYAML: yaml).write(to: f, atomically: true, encoding: .utf8)
            files.append(f.path)
        }
        let code = """
            import json, sys
            from jsonschema import Draft202012Validator
            schema = json.load(open(sys.argv[1]))
            Draft202012Validator.check_schema(schema)
            v = Draft202012Validator(schema)
            bad = 0
            for name in sys.argv[2:]:
                for e in v.iter_errors(json.load(open(name))):
                    bad += 1
                    print("%s: %s: %s" % (name.rsplit("/", 1)[-1], "/".join(map(str, e.absolute_path)), e.message[:200]))
            sys.exit(1 if bad else 0)
            """
        return try SchemaValidator.run(["-c", code, Self.committed.path] + files)
    }

    @Test(.enabled(if: SchemaValidator.hasJSONSchema, "needs the jsonschema module of /usr/bin/python3 (apt-get install python3-jsonschema)"))
    func everyBuiltinScenarioIsValidAndAnUnknownKeyIsNot() throws {
        let builtins = BuiltinScenarios.all.map { ($0.name, $0.yaml) }
        #expect(builtins.count > 50)
        let good = try validate(builtins)
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        let typo = minimalYAML.replacingOccurrences(of: "    delete: {}", with: "    delete: {gracePeriode: 5}")
        let unknownTop = minimalYAML + "colour: blue\n"
        let wrongType = minimalYAML.replacingOccurrences(of: "cleanup: 3s", with: "cleanup: soon")
        for (name, yaml) in [("typo", typo), ("unknown-top", unknownTop), ("wrong-type", wrongType)] {
            // The decoder refuses each, and so does the schema.
            #expect(throws: ScenarioError.self) { try ScenarioLoader.load(yaml: yaml, fileName: name) }
            let r = try validate([(name, yaml)])
            #expect(r.status == 1, "\(name) passed the schema")
        }
        #expect(try validate([("typo", typo)]).stdout.contains("gracePeriode"))
        // A value drawn per run is valid where a --set could set the field.
        let random = minimalYAML.replacingOccurrences(of: "cleanup: 3s", with: "cleanup: \"uniform(1s, 3s)\"")
        _ = try ScenarioLoader.load(yaml: random, fileName: "random.yaml")
        let r = try validate([("random", random)])
        #expect(r.status == 0, "\(r.stdout)")
    }
}
