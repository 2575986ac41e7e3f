import ArgumentParser

/// The `podterm` command: simulate how Kubernetes and Linux stop your containers.
@main
struct Podterm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podterm",
        abstract: "Simulate how Kubernetes and Linux stop containers: signals, grace periods, preStop hooks, PID 1, SIGKILL.",
        discussion: """
            A scenario file describes a pod (with Kubernetes' field names), how its programs react to \
            signals, and what stops it and when. podterm plays the kubelet's termination sequence and \
            the kernel's signal rules on virtual time and prints what happens, with the rule behind \
            every event.

            On a terminal, `podterm` alone opens the player on the built-in scenarios;             `podterm play <name>` opens one. Otherwise start with `podterm list`, then             `podterm run <name>` and `podterm run <name> --explain`.
            Exit status: 0 ok, 1 an expectation failed (check), the runs differ (diff), shutdown risks were found (lint) or no value satisfies (tune), 2 bad input (a scenario file, a manifest, a name, --set, --seed, \
            a folder with no scenario), 5 the event budget ran out, 6 the player needs a terminal, 64 a flag is wrong, \
            74 the output could not be written, 129/130/143 the player or verify was interrupted (SIGHUP, Ctrl-C, SIGTERM).
            """,
        version: "0.1.0",
        subcommands: [Overview.self, Run.self, Play.self, Check.self, Diff.self, List.self, Import.self, Lint.self, Schema.self, Verify.self, SweepCommand.self, TuneCommand.self, QuizCommand.self],
        defaultSubcommand: Overview.self
    )

    /// Makes a closed standard stream safe first (see `Terminal`), then runs the command.
    static func main() {
        Terminal.holdClosedStandardStreams()
        main(nil)
    }
}
