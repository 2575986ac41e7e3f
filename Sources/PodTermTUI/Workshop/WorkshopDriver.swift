import PodTerm
import PodTermScenario

/// Who plays workshop mode.
public enum WorkshopRole: String, Sendable, CaseIterable {
    /// One person answers with the number keys and keeps a score.
    case learner
    /// A trainer in front of a room: one key reveals the answer, the same key goes on to the
    /// next question (the room answers aloud; no score).
    case trainer
}

/// Workshop mode in the player: before each question's event the run pauses and asks "what
/// happens next?"; the answer is revealed by moving on to the event that answers it, with its
/// rule, reason and source. The questions come from `Quiz` (the library), so what is asked is
/// tested headless; this type only paces them. No terminal in it.
public struct WorkshopDriver: Sendable {
    public let role: WorkshopRole
    public let questions: [Question]
    /// The next question not yet revealed.
    public private(set) var next = 0
    /// The question on screen.
    public private(set) var asking: Int?
    /// The learner's choice for it.
    public private(set) var chosen: Int?
    /// Whether its answer is shown.
    public private(set) var revealed = false
    /// The learner's score.
    public private(set) var score = QuizScore()

    /// A workshop over `questions`.
    public init(role: WorkshopRole, questions: [Question]) {
        self.role = role
        self.questions = questions
    }

    /// Whether a question takes the keys.
    public var isOpen: Bool { asking != nil }

    /// After any move of the player: if it went past the next question's event, it goes back
    /// to just before it, pauses and asks.
    public mutating func check(_ state: inout PlayerState) {
        guard asking == nil, next < questions.count, state.cursor > questions[next].event else { return }
        state.seek(events: questions[next].event)
        if state.playing { state.handle(.char(" ")) }
        asking = next
        chosen = nil
        revealed = false
    }

    /// A key while a question is open. Learner: 1…n answers and reveals; then Enter or space
    /// goes on. Trainer: Enter or space reveals, then goes on.
    public mutating func handle(_ key: PlayerKey, _ state: inout PlayerState) {
        guard let i = asking else { return }
        let q = questions[i]
        if !revealed {
            switch key {
            case .char(let c) where role == .learner:
                guard let n = c.wholeNumberValue, (1...q.choices.count).contains(n) else { return }
                chosen = n - 1
                score.answer(i, choice: n - 1, of: q)
                reveal(q, &state)
            case .enter where role == .trainer, .char(" ") where role == .trainer:
                reveal(q, &state)
            default: return
            }
            return
        }
        if key == .enter || key == .char(" ") {
            asking = nil
            if !state.playing { state.handle(.char(" ")) }
        }
    }

    private mutating func reveal(_ q: Question, _ state: inout PlayerState) {
        revealed = true
        next = (asking ?? next) + 1
        state.seek(events: q.reveal + 1)
    }

    /// Draws the question (or its answer) in a box at the bottom of the screen.
    public func draw(_ g: inout Grid, glyphs: Glyphs) {
        guard let i = asking else { return }
        let q = questions[i]
        let width = min(g.cols - 2, 110)
        let inner = width - 4
        var lines: [(String, CellStyle)] = Text.wrap(q.prompt, width: inner).map { ($0, .bold) }
        for (k, c) in q.choices.enumerated() {
            var style = CellStyle.plain
            var mark = "  "
            if revealed && k == q.answer { style = .role(.good, bold: true); mark = glyphs == .ascii ? "* " : "✔ " }
            else if revealed && k == chosen { style = .role(.danger); mark = glyphs == .ascii ? "x " : "✘ " }
            lines.append(("\(mark)\(k + 1). \(c)", style))
        }
        lines.append(("", .plain))
        if revealed {
            if role == .learner, let c = chosen { lines.append((c == q.answer ? "Right." : "Not quite: the answer is \(q.answer + 1).", .role(c == q.answer ? .good : .danger, bold: true))) }
            if q.explanation != q.rule.reason { lines += Text.wrap("why: \(q.explanation)", width: inner).map { ($0, .plain) } }
            lines += Text.wrap("rule \(q.rule.id): \(q.rule.reason)", width: inner).map { ($0, .role(.muted)) }
            lines += Text.wrap("source: \(q.rule.source)", width: inner).map { ($0, .role(.muted)) }
            lines.append(("Enter or space: go on", .role(.muted)))
        } else {
            lines.append((role == .learner ? "1–\(q.choices.count): your answer" : "Enter or space: reveal the answer for the room", .role(.muted)))
        }
        let title = "What happens next? Question \(i + 1) of \(questions.count)" + (role == .learner ? " · score \(score.right)/\(score.answered)" : " · trainer")
        let height = min(g.rows - 2, lines.count + 2)
        let r = Rect(row: max(0, g.rows - height - 1), col: max(0, (g.cols - width) / 2), height: height, width: width)
        let content = g.box(r, title: title, glyphs: glyphs)
        for (k, l) in lines.prefix(content.height).enumerated() {
            g.put(content.row + k, content.col, glyphs == .ascii ? l.0.replacingOccurrences(of: "–", with: "-") : l.0, l.1, width: content.width)
        }
    }
}
