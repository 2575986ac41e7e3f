import ArgumentParser
import PodTerm

/// `--max-events N`, shared by `run` and `check`: the event budget of each run.
struct EventBudgetOption: ParsableArguments {
    @Option(
        name: .customLong("max-events"), parsing: .unconditional,
        help: ArgumentHelp(
            "Stop a run after this many events, \(EventBudget.range.lowerBound) to \(EventBudget.range.upperBound); a run that needs more ends with exit status 5.",
            valueName: "n"))
    var maxEvents: String = String(EventBudget.defaultMaxEvents)

    /// The budget, once `validate` accepted it.
    var value: Int { Int(maxEvents) ?? EventBudget.defaultMaxEvents }

    func validate() throws {
        guard let n = Int(maxEvents), EventBudget.range.contains(n) else {
            throw ValidationError("--max-events: expected a whole number from \(EventBudget.range.lowerBound) to \(EventBudget.range.upperBound), got '\(maxEvents)'")
        }
    }

    /// The message for a run the budget stopped, with what to change.
    static func message(_ e: EventBudgetExceeded, file: String) -> String {
        "\(file): \(e.summary); raise --max-events (now \(e.maxEvents), at most \(EventBudget.range.upperBound)) or shorten the horizon"
    }
}
