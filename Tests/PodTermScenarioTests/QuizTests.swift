import PodTerm
import PodTermBuiltins
@testable import PodTermScenario
import Testing

/// Workshop questions: the `questions:` section, and the questions made from the model.
@Suite struct QuizTests {
    static func quiz(_ name: String) throws -> [Question] {
        let b = try #require(BuiltinScenarios.named(name))
        let loaded = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
        return try Quiz.questions(try Simulator.run(loaded.scenario), declared: loaded.questions, file: b.fileName)
    }

    @Test func theFilesQuestionsPauseBeforeTheirEvent() throws {
        let qs = try Self.quiz("jvm/1-shell-form-cmd")
        #expect(qs.count == 2 && qs.allSatisfy(\.fromFile))
        #expect(qs[0].rule == .kernelPid1IgnoresDefault && qs[0].time == 15_000 && qs[0].answer == 1)
        #expect(qs[1].rule == .kernelNamespaceZap && qs[1].choices.count == 3)
    }

    @Test func madeFromTheModelTheRightAnswerIsWhatTheKernelDid() throws {
        let b = try #require(BuiltinScenarios.named("process-trees/tini-forwards"))
        let t = try Simulator.run(try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName).scenario)
        let qs = Quiz.generated(t)
        #expect(qs.count == 2)
        #expect(qs[0].prompt == "runtime sends SIGTERM to tini[1], PID 1 of its container, which has children. What happens next?")
        #expect(qs[0].choices[qs[0].answer] == "tini[1] takes it from its blocked signals (sigwait) and acts on it")
        #expect(qs[0].rule == .kernelSigwait)
        #expect(qs[1].choices[qs[1].answer] == "server[2] runs its handler for SIGTERM (its own shutdown)")
        // Wrong answers from the other rules; PID 1 only offered for a PID 1.
        #expect(qs[1].choices.contains("server[2] passes it on to its children, which shut down"))
        #expect(!qs[1].choices.contains { $0.contains("is PID 1") })
        #expect(Quiz.generated(t) == qs)
        // Every built-in scenario's questions name events of its run.
        for b in BuiltinScenarios.all {
            let loaded = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
            let t = try Simulator.run(loaded.scenario)
            for q in try Quiz.questions(t, declared: loaded.questions, file: b.fileName) {
                #expect(q.choices.indices.contains(q.answer) && q.reveal >= q.event && q.reveal < t.events.count, "\(b.name)")
                #expect(Set(q.choices).count == q.choices.count, "\(b.name): \(q.choices)")
            }
        }
    }

    static let base = minimalYAML

    @Test func badQuestionsSayWhereAndWhat() {
        expectError(Self.base + "questions:\n  - {before: signal.discard, prompt: p, choices: [a, b], answer: 1}\n", at: "signal.discard",
                    contains: "questions.0.before: unknown event kind 'signal.discard' (did you mean 'signal.discarded'?)")
        expectError(Self.base + "questions:\n  - {at: 1s, prompt: p, choices: [a, b], answer: 3}\n", at: "3}",
                    contains: "questions.0.answer: expected the number of the right choice, from 1 to 2, got '3'")
        expectError(Self.base + "questions:\n  - {at: 1s, prompt: p, choices: [a], answer: 1}\n", at: "[a]",
                    contains: "questions.0.choices: expected 2 to 6 choices, got 1")
        expectError(Self.base + "questions:\n  - {prompt: p, choices: [a, b], answer: 1}\n", at: "{prompt",
                    contains: "questions.0: give at (a time), before (an event kind) or both")
        expectError(Self.base + "questions:\n  - {at: 1s, prompt: p, choices: [a, b], answer: 1, hint: x}\n", at: "hint",
                    contains: "hint")
    }

    @Test func aQuestionThatNamesNoEventIsFoundOnceItRuns() throws {
        let yaml = Self.base + "questions:\n  - at: 1s\n    before: process.killed\n    prompt: p\n    choices: [a, b]\n    answer: 1\n"
        let loaded = try load(yaml)
        let t = try Simulator.run(loaded.scenario)
        #expect(throws: QuestionError(file: "test.yaml", line: 19, column: 5,
                                      message: "questions: no process.killed event at or after 1s in this run, so the question would never be asked; change at or before")) {
            try Quiz.questions(t, declared: loaded.questions, file: "test.yaml")
        }
    }

    @Test func theKindsAreTheSchemas() throws {
        #expect(Set(QuestionDecoding.kinds) == (try TimelineJSONSchemaTests.schemaKinds()))
    }

    @Test func aScoreCountsEachQuestionOnce() throws {
        let q = try Self.quiz("jvm/2-exec-form-cmd")[0]
        var s = QuizScore()
        #expect(s.answer(0, choice: 0, of: q) == false)
        #expect(s.answer(0, choice: 1, of: q) == true)
        #expect(s.right == 0 && s.answered == 1)
    }
}
