@testable import PodTermTesting
import PodTerm
import PodTermBuiltins
import PodTermScenario
import Testing

/// `expectOutcome`'s failure messages on every figure of every built-in scenario: each states
/// the mismatch first, and a SIGKILL is always explained, never denied.
@Suite("PodTermTesting on every built-in scenario")
struct HintCoverageTests {
    @Test(arguments: BuiltinScenarios.all.map(\.name))
    func everyFigureFailsReadably(name: String) throws {
        let b = try #require(BuiltinScenarios.named(name))
        let t = try Simulator.run(try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName).scenario)
        let outcome = t.outcome
        for figure in outcome.names {
            let actual = try #require(outcome[figure])
            let message = try #require(OutcomeCheck.failure(t, figure, .text("never-this")))
            #expect(message.hasPrefix("\(figure) is \(actual), expected never-this"), "\(message)")
        }
        if outcome["outcome.sigkilled"] == .bool(true) {
            let message = try #require(OutcomeCheck.failure(t, "outcome.sigkilled", .bool(false)))
            #expect(message.contains("\nprobably: container "), "\(message)")
            #expect(!message.contains("no container was SIGKILLed"), "\(message)")
        }
    }
}
