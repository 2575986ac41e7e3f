import Foundation
import PodTerm
@testable import PodTermScenario
import Testing

/// A small valid scenario; tests append to it or replace parts of it.
let minimalYAML = """
    summary: An app that handles SIGTERM.
    story: |
      The app drains for three seconds and exits 0.
    pod:
      containers:
        - name: app
          image: example/app:1.0
    images:
      example/app:1.0:
        entrypoint: ["/app/server"]
    programs:
      /app/server:
        signals:
          SIGTERM: {cleanup: 3s, exitCode: 0}
    stop:
      - at: 10s
        delete: {}

    """

/// Loads YAML that must load; records the error otherwise.
func load(_ yaml: String, file: String = "test.yaml", overrides: [String] = [],
          sourceLocation: SourceLocation = #_sourceLocation) throws -> LoadedScenario {
    let parsed = try overrides.map { try Override(parsing: $0) }
    do {
        return try ScenarioLoader.load(yaml: yaml, fileName: file, overrides: parsed)
    } catch {
        Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// The error loading YAML gives, or nil (recorded as an issue) when it loads.
func loadError(_ yaml: String, file: String = "test.yaml", overrides: [String] = [],
               sourceLocation: SourceLocation = #_sourceLocation) -> ScenarioError? {
    do {
        let parsed = try overrides.map { try Override(parsing: $0) }
        _ = try ScenarioLoader.load(yaml: yaml, fileName: file, overrides: parsed)
        Issue.record("expected an error, but the scenario loaded", sourceLocation: sourceLocation)
        return nil
    } catch let error as ScenarioError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Asserts an error's position and that its message contains `text`.
func expectError(_ yaml: String, line: Int, column: Int, contains text: String,
                 overrides: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
    guard let e = loadError(yaml, overrides: overrides, sourceLocation: sourceLocation) else { return }
    #expect(e.line == line, "line of: \(e)", sourceLocation: sourceLocation)
    #expect(e.column == column, "column of: \(e)", sourceLocation: sourceLocation)
    #expect(e.message.contains(text), "message of: \(e)", sourceLocation: sourceLocation)
    #expect(e.description.hasPrefix("test.yaml:\(line):\(column): "), "\(e)", sourceLocation: sourceLocation)
}

/// The 1-based line and column where `marker` first occurs in `text`.
func locate(_ marker: String, in text: String) -> (line: Int, column: Int) {
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if let r = line.range(of: marker) {
            return (i + 1, line.distance(from: line.startIndex, to: r.lowerBound) + 1)
        }
    }
    Issue.record("marker '\(marker)' not in the YAML")
    return (0, 0)
}

/// Asserts the error of `yaml` is where `marker` is, and its message contains `text`.
func expectError(_ yaml: String, at marker: String, contains text: String, overrides: [String] = [],
                 sourceLocation: SourceLocation = #_sourceLocation) {
    let (line, column) = locate(marker, in: yaml)
    expectError(yaml, line: line, column: column, contains: text, overrides: overrides, sourceLocation: sourceLocation)
}

/// `minimalYAML` with one piece of text replaced (which must be present).
func minimal(replacing old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    #expect(minimalYAML.contains(old), "'\(old)' is not in minimalYAML", sourceLocation: sourceLocation)
    return minimalYAML.replacingOccurrences(of: old, with: new)
}
