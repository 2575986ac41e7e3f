import ArgumentParser
import PodTerm
import PodTermScenario

/// `--inject TIME:TARGET[:SIGNAL]`: signals sent by hand from the node, each the same as a
/// `kill:` item appended to the scenario's `stop:` list, in the order given. A spec that
/// cannot be used is a wrong flag: exit status 64, with the spec and what is wrong.
struct InjectOption: ParsableArguments {
    @Option(name: .customLong("inject"), help: ArgumentHelp(
        "Send a signal by hand from the node at a moment: --inject 12s:java:SIGTERM, --inject 1500ms:app/sleep#2:KILL (TIME:TARGET[:SIGNAL], SIGTERM by default; TARGET is PROGRAM, CONTAINER/PROGRAM or CONTAINER/PROGRAM#N). Repeatable.",
        valueName: "time:target:signal"))
    var specs: [String] = []

    /// `scenario` with the injected actions appended (exits 64 on a bad spec).
    func apply(to scenario: Scenario) -> Scenario {
        guard !specs.isEmpty else { return scenario }
        var s = scenario
        for spec in specs {
            do throws(InjectionError) {
                s.actions.append(try Injection(parsing: spec, for: scenario).action)
            } catch {
                Terminal.fail(error.description, status: 64)
            }
        }
        return s
    }
}
