import Foundation
import PodTerm

/// Runs `schemas/validate.py` (JSON Schema draft 2020-12, with Debian's python3-jsonschema) on
/// rendered documents. `/usr/bin/python3` explicitly: the `python3` on PATH may be another
/// Python without the module.
enum SchemaValidator {
    static let python = "/usr/bin/python3"

    /// The package root.
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var script: URL { root.appendingPathComponent("schemas/validate.py") }
    static var schema: URL { root.appendingPathComponent("schemas/podterm.timeline.v2.schema.json") }

    /// Whether `/usr/bin/python3` exists.
    static let hasPython = FileManager.default.isExecutableFile(atPath: python)

    /// Whether that Python has the `jsonschema` module with a draft 2020-12 validator.
    static let hasJSONSchema: Bool = hasPython && ((try? run(["-c", "from jsonschema import Draft202012Validator"]).status) == 0)

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `python` with `arguments`; its output goes through files, so no pipe can fill up.
    static func run(_ arguments: [String]) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podterm-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = arguments
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return Result(status: p.terminationStatus,
                      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Writes each document to a temporary file named after it and validates them all in one run.
    static func validate(_ documents: [(name: String, json: String)], kinds: Bool = false) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podterm-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        for d in documents {
            let f = dir.appendingPathComponent(d.name.replacingOccurrences(of: "/", with: "_") + ".json")
            try d.json.write(to: f, atomically: true, encoding: .utf8)
            files.append(f.path)
        }
        return try run([script.path] + (kinds ? ["--kinds"] : []) + files)
    }
}
