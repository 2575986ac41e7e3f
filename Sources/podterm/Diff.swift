import ArgumentParser
import PodTerm
import PodTermScenario

/// `podterm diff`: two runs compared, the events that differ and the outcome deltas.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two runs: the events that differ and the outcome figures that differ.",
        discussion: """
            A and B are files or built-in names. With only A, B is A itself, so `podterm diff S \
            --set K=V` compares S with S changed. --set-a changes A, --set-b (or --set) changes B; \
            each is repeatable. Events are aligned on who acted, the container, the kind of event, \
            the rule and the signal, not on time: `~` an event that moved or changed (A's time → \
            B's time), `-` only in A, `+` only in B. JSON output is the schema podterm.diff/v1. \
            Exit status: 0 the runs are the same, 1 they differ, 2 bad input, 5 event budget, 64 bad flags.
            """)

    @Argument(help: "Scenario A: a file or the name of a built-in scenario.", completion: ScenarioCompletion.kind)
    var a: String

    @Argument(help: "Scenario B (default: A again, changed by --set / --set-b).", completion: ScenarioCompletion.kind)
    var b: String?

    @Option(name: .customLong("set-a"), help: ArgumentHelp("Override a field of A, as run --set does. Repeatable.", valueName: "key=value"))
    var setA: [String] = []

    @Option(name: [.customLong("set-b"), .customLong("set")], help: ArgumentHelp("Override a field of B (--set is the same). Repeatable.", valueName: "key=value"))
    var setB: [String] = []

    @Option(help: "Output format: text or json (podterm.diff/v1).")
    var format: Format = .text

    @OptionGroup var budget: EventBudgetOption

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        do {
            let loadedA = try ScenarioSource.load(a, overrides: try ScenarioSource.parseOverrides(setA))
            let loadedB = try ScenarioSource.load(b ?? a, overrides: try ScenarioSource.parseOverrides(setB))
            let ta = try simulate(loadedA), tb = try simulate(loadedB)
            let diff = TimelineDiff(ta, tb)
            let render = DiffRender(
                diff, a: ta, b: tb,
                sideA: .init(label: loadedA.scenario.name, file: loadedA.fileName, settings: setA),
                sideB: .init(label: loadedB.scenario.name, file: loadedB.fileName, settings: setB))
            Terminal.write(format == .json ? render.json() : render.text())
            if !diff.isEqual { throw ExitCode(1) }
        } catch CLIError.input(let msg) {
            Terminal.fail(msg, status: 2)
        }
    }

    private func simulate(_ loaded: LoadedScenario) throws -> Timeline {
        do {
            return try Simulator.run(loaded.scenario, maxEvents: budget.value)
        } catch let e as EventBudgetExceeded {
            Terminal.fail(EventBudgetOption.message(e, file: loaded.fileName), status: 5)
        } catch {
            throw CLIError.input("\(loaded.fileName): \(error)")
        }
    }
}
