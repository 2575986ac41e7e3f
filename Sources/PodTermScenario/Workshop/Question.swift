import PodTerm

/// A "what happens next?" question of workshop mode, tied to one event of a run: the player
/// pauses just before that event, asks, then reveals it and explains it by its rule.
///
/// Made from the scenario's `questions:` section when it has one, else from the model
/// (`Quiz.generated`): the right answer is what the kernel then did with a signal, the wrong
/// ones what the same signal does under the other rules (a handler, PID 1 with no handler,
/// an ignored signal, a shell or an init that does not forward).
public struct Question: Sendable, Equatable {
    /// The event the question stops before (index into the timeline's events); the answer is
    /// what it and the events of the same instant show.
    public var event: Int
    /// The event that answers it (the same, or a later one of the same instant).
    public var reveal: Int
    /// Its time.
    public var time: Millis
    /// The question.
    public var prompt: String
    /// The choices, in the order shown.
    public var choices: [String]
    /// The index of the right choice.
    public var answer: Int
    /// Why, in a sentence or two.
    public var explanation: String
    /// The rule of the event that answers it (its id, reason and source are shown on reveal).
    public var rule: Rule
    /// Whether the scenario's file wrote it (else the model made it).
    public var fromFile: Bool
}

/// A `questions:` entry as the file writes it, before it is tied to an event of a run.
public struct DeclaredQuestion: Sendable, Equatable {
    /// Pause at the first event at or after this time (nil: from the start).
    public var at: Millis?
    /// Pause before the first event of this kind (`signal.discarded`, as in the JSON); nil: any.
    public var before: String?
    public var prompt: String
    public var choices: [String]
    /// The index of the right choice (the file writes it 1-based).
    public var answer: Int
    /// The explanation (nil: the rule's reason of the event that answers it).
    public var explain: String?
    /// Where it is in the file (1-based), for errors found once the scenario has run.
    public var line: Int
    public var column: Int
}

/// A question the file declares that names no event of the run.
public struct QuestionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// A learner's score: right answers out of those answered.
public struct QuizScore: Sendable, Equatable {
    /// The choice given to each question answered, by question index.
    public private(set) var given: [Int: Int] = [:]
    public private(set) var right = 0

    /// Creates an empty score.
    public init() {}

    /// Records `choice` for question `i`; returns whether it was right. A question counts once.
    @discardableResult
    public mutating func answer(_ i: Int, choice: Int, of q: Question) -> Bool {
        let ok = choice == q.answer
        guard given[i] == nil else { return ok }
        given[i] = choice
        if ok { right += 1 }
        return ok
    }

    /// How many were answered.
    public var answered: Int { given.count }
}
