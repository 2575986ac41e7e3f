import ArgumentParser
import Foundation
import PodTerm
import PodTermScenario

/// `podterm quiz SCENARIO`: the workshop questions the player would ask, for trainers.
struct QuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "List the workshop questions of a scenario: where the player pauses, the choices, the answer, the rule.",
        discussion: """
            The questions are the scenario's own (its questions: section) or, when it has none, \
            made from the model before each signal sent from outside or forwarded: the right \
            answer from what the kernel then did, the wrong ones from the other rules. \
            The player asks them with `podterm play SCENARIO --workshop`. Exit status 2 when a \
            question names no event of the run.
            """)

    @Argument(help: "A scenario file, or the name of a built-in scenario.", completion: ScenarioCompletion.kind)
    var scenario: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var inject: InjectOption

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        do {
            let loaded = try ScenarioSource.load(scenario, overrides: [])
            let t: Timeline
            let drawn = try ScenarioSource.drawing(loaded, seed: nil)
            do { t = try Simulator.run(inject.apply(to: drawn)) } catch { throw CLIError.input("\(loaded.fileName): \(error)") }
            let questions: [Question]
            do throws(QuestionError) {
                questions = try Quiz.questions(t, declared: loaded.questions, file: loaded.fileName)
            } catch { throw CLIError.input(error.description) }
            Terminal.write(format == .json ? Self.json(questions, file: loaded.fileName) : Self.text(questions, file: loaded.fileName))
        } catch CLIError.input(let msg) {
            Terminal.fail(msg, status: 2)
        }
    }

    static func text(_ qs: [Question], file: String) -> String {
        var out = "\(file): \(qs.count) question\(qs.count == 1 ? "" : "s")\n"
        for (n, q) in qs.enumerated() {
            out += "\n\(n + 1). before event \(q.event + 1) at \(formatClock(q.time))\(q.fromFile ? "" : " (made from the model)")\n   \(q.prompt)\n"
            for (i, c) in q.choices.enumerated() { out += "   \(i == q.answer ? "*" : " ") \(i + 1). \(c)\n" }
            out += "   why: \(q.explanation)\n   rule \(q.rule.id), source: \(q.rule.source)\n"
        }
        return out
    }

    static func json(_ qs: [Question], file: String) -> String {
        func str(_ s: String) -> String {
            var o = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": o += "\\\""
                case "\\": o += "\\\\"
                case "\n": o += "\\n"
                case "\t": o += "\\t"
                default: o += u.value < 0x20 ? String(format: "\\u%04x", u.value) : String(u)
                }
            }
            return o + "\""
        }
        let items = qs.map { q in
            "    {\"event\": \(q.event), \"reveal\": \(q.reveal), \"t\": \(q.time.ms), \"fromFile\": \(q.fromFile), \"prompt\": \(str(q.prompt)), "
                + "\"choices\": [\(q.choices.map(str).joined(separator: ", "))], \"answer\": \(q.answer + 1), "
                + "\"explanation\": \(str(q.explanation)), \"rule\": \(str(q.rule.id)), \"source\": \(str(q.rule.source))}"
        }
        return "{\n  \"schema\": \"podterm.quiz/v1\",\n  \"file\": \(str(file)),\n  \"questions\": [\n" + items.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}
