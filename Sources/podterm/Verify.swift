import ArgumentParser
import Foundation
import PodTerm
import PodTermScenario
import PodTermVerify

/// `podterm verify`: the reality check. Runs a scenario's process tree for real in a PID
/// namespace and compares what happened with the simulation.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run a scenario's process tree for real in a PID namespace and compare it with the simulation.",
        discussion: """
            Builds the container's process tree for real inside a fresh PID namespace — the real \
            sh, bash, busybox, tini, dumb-init and supervisord where the scenario names them, and a \
            probe program standing in for each app of `programs:` with its dispositions, cleanup \
            times and children — then plays the runtime's part from outside: the stop signal and \
            SIGKILL (and exec hooks) at the moments the simulated runtime sent them. The kernel's own trace events \
            say what really happened to every process. Both are printed side by side, every \
            difference marked: signals received (in order, with their fate and sender), how each \
            process ended, PID 1's exit status, zombies left. Order and outcomes must agree \
            exactly; times within the tolerance.

            Runs in real time. Needs Linux and root (a PID namespace, and tracefs for the kernel's \
            trace events). The tree runs with every mount read-only but its own working directory, \
            and nothing of it is left behind. exec preStop hooks run inside the namespace as the \
            runtime runs them. Not covered: OOM kills, supervisorctl, scenarios where nothing \
            stops or ends a container.

            Interrupted (SIGINT, SIGTERM, SIGHUP), it kills the tree and removes its working \
            folder and trace instance before it exits; a run killed outright (SIGKILL) leaves them, \
            named after its PID, and the next run removes them.

            Exit status: 0 reality matches the simulation; 1 they differ; 2 the scenario is wrong \
            or not covered; 3 no permission (not root) or not Linux; 4 the real run failed; \
            129, 130, 143 interrupted by SIGHUP, SIGINT, SIGTERM.
            """)

    @Argument(help: "A scenario file, or the name of a built-in scenario.", completion: ScenarioCompletion.kind)
    var scenario: String

    @Option(help: ArgumentHelp("Timing tolerance: fixed part, plus --tolerance-percent of the time since the runtime's last signal.", valueName: "duration"))
    var tolerance: String = "150ms"

    @Option(help: "Timing tolerance: percent of the time since the runtime's last signal.")
    var tolerancePercent: Int = 10

    @Option(help: ArgumentHelp("Refuse scenarios whose containers run longer than this (they run in real time).", valueName: "duration"))
    var maxDuration: String = "2m"

    @Flag(help: "Keep the working files (bin/, probe specs, logs) and print where they are.")
    var keep = false

    @Flag(help: "Also print what each probe reported.")
    var probeLog = false

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a field of the scenario, by path. Repeatable.", valueName: "key=value"))
    var overrides: [String] = []

    func run() throws {
        guard let tol = parseDuration(tolerance) else { Terminal.fail("--tolerance: not a duration: \(tolerance) (e.g. 150ms)", status: 64) }
        guard let max = parseDuration(maxDuration) else { Terminal.fail("--max-duration: not a duration: \(maxDuration) (e.g. 2m)", status: 64) }
        guard tolerancePercent >= 0 else { Terminal.fail("--tolerance-percent: must not be negative", status: 64) }
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioSource.load(scenario, overrides: try ScenarioSource.parseOverrides(overrides))
        } catch CLIError.input(let msg) {
            Terminal.fail(msg, status: 2)
        }
        let options = VerifyOptions(toleranceMs: tol.ms, tolerancePercent: tolerancePercent, maxDurationMs: max.ms, keepFiles: keep)
        let report: VerifyReport
        do {
            report = try Verifier.verify(loaded, options: options)
        } catch {
            switch error {
            case .permission, .notLinux: Terminal.fail(error.description, status: 3)
            case .notCovered: Terminal.fail(error.description, status: 2)
            case .failure: Terminal.fail("\(loaded.fileName): the real run failed: \(error.description)", status: 4)
            case .interrupted(let signal): Terminal.fail("\(loaded.fileName): \(error.description)", status: 128 + signal)
            }
        }
        var out = report.render(color: Terminal.wantsColor)
        if probeLog {
            for (c, log) in zip(report.containers, report.probeLogs) {
                out += "\nprobe log of container \(c.name) (monotonic ns, host pid, pid, name, event):\n" + log
            }
        }
        Terminal.write(out)
        if !report.matches { throw ExitCode(1) }
    }
}
