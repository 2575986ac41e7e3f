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
        if PlayerLauncher.isTerminal {
            PlayerLauncher.launch(entries: PlayerLauncher.builtinEntries(), initial: nil)
        }
        Terminal.write(Self.text())
    }

    /// What `podterm` prints when it is not on a terminal: short enough for one screen.
    static func text() -> String {
        var out = "podterm: how Kubernetes and Linux stop containers, simulated.\n\n"
        let folders = PlayerLauncher.builtinEntries().reduce(into: [(String, Int)]()) { acc, e in
            if acc.last?.0 == e.folder { acc[acc.count - 1].1 += 1 } else { acc.append((e.folder, 1)) }
        }
        let total = folders.map(\.1).reduce(0, +)
        out += "\(total) built-in scenarios: " + folders.map { "\($0.1) in \($0.0)" }.joined(separator: ", ") + ".\n"
        out += "`podterm list` shows them all with their summaries.\n"
        out += """

            On a terminal:  podterm                      (the player, on the built-in scenarios)
                            podterm play pid1-no-handler (the player, on one scenario)
            Run one:        podterm run app-handles-sigterm
            With reasons:   podterm run app-handles-sigterm --explain
            As JSON:        podterm run app-handles-sigterm --format json
            What if:        podterm run app-handles-sigterm --set pod.terminationGracePeriodSeconds=5
            Check them all: podterm check

            """
        return out
    }
}
