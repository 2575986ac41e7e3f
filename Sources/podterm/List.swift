import ArgumentParser
import PodTermBuiltins
import PodTermScenario

/// `podterm list`: the built-in scenarios with their summaries.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the built-in scenarios with their one-line summaries.")

    func run() throws {
        Terminal.write(ScenarioList.render())
    }
}

/// The table of built-in scenarios.
enum ScenarioList {
    static func render() -> String {
        var rows: [(String, String)] = []
        for b in BuiltinScenarios.all {
            let summary: String
            if let loaded = try? ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName) {
                summary = loaded.scenario.summary
            } else {
                summary = "(does not load: run `podterm check \(b.fileName)`)"
            }
            rows.append((b.name, summary))
        }
        for b in BuiltinScenarios.multiPod {
            let summary = (try? ClusterLoader.load(yaml: b.yaml, fileName: b.fileName)).map { "(\($0.cluster.pods.count) pods) " + $0.cluster.summary }
                ?? "(does not load: run `podterm check \(b.fileName)`)"
            rows.append((b.name, summary))
        }
        if rows.isEmpty { return "No built-in scenarios.\n" }
        let width = rows.map(\.0.count).max() ?? 0
        var out = "Built-in scenarios (\(rows.count)):\n"
        for (name, summary) in rows {
            out += "  " + name + String(repeating: " ", count: width - name.count) + "  " + summary + "\n"
        }
        return out
    }
}
