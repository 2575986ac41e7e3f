import ArgumentParser
import PodTermBuiltins

/// `podterm` with no subcommand: the built-in scenarios and how to play one.
struct Overview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "Show the built-in scenarios and how to run them (what `podterm` alone does).",
        shouldDisplay: false
    )

    func run() throws {
        var out = "podterm: how Kubernetes and Linux stop containers, simulated.\n\n"
        out += ScenarioList.render()
        out += """

            Run one:        podterm run app-handles-sigterm
            With reasons:   podterm run app-handles-sigterm --explain
            As JSON:        podterm run app-handles-sigterm --format json
            What if:        podterm run app-handles-sigterm --set pod.terminationGracePeriodSeconds=5
            Check them all: podterm check

            """
        Terminal.write(out)
    }
}
