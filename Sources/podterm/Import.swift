import ArgumentParser
import Foundation
import PodTermScenario

/// `podterm import`: a Kubernetes manifest in, a scenario file out, with its guesses marked.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a Kubernetes manifest into a scenario file.",
        discussion: """
            FILE holds a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob (several \
            documents, a List, or `kubectl get -o yaml` output). The scenario's pod part is the \
            manifest's pod template; what a manifest cannot say (how the programs react to signals, \
            the image's shell, the consumers of endpoints, what stops the pod) is guessed, and each \
            guess has a `# guessed:` comment saying what to check. `podterm run FILE` imports in \
            memory and runs the result.
            """)

    @Argument(help: "A Kubernetes manifest (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "Of several workloads, the one with this name (or Kind/name).")
    var workload: String?

    @Option(help: "Of several workloads, the one with a container of this name; it also picks the container that serves traffic.")
    var container: String?

    @Option(name: .shortAndLong, help: "Write the scenario to this file instead of standard output.")
    var output: String?

    func run() throws {
        do {
            let text = try ScenarioSource.wrap { try ManifestImport.readFile(file) }
            let (_, imported) = try ScenarioSource.wrap {
                try ManifestImport.load(yaml: text, fileName: file, workload: workload, container: container)
            }
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: Data(imported.yaml.utf8)) else {
                    Terminal.fail("\(output): could not write the scenario", status: 74)
                }
                FileHandle.standardError.write(Data("podterm: wrote \(output) from \(imported.workload) (\(imported.guesses.count) guesses marked # guessed:)\n".utf8))
            } else {
                Terminal.write(imported.yaml)
            }
        } catch CLIError.input(let msg) {
            Terminal.fail(msg, status: 2)
        }
    }
}
