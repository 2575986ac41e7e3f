import PodTerm

/// The questions of workshop mode for one run: the scenario's own (`questions:`) tied to the
/// events they name, else questions made from the model at each signal sent from outside or
/// forwarded (`generated`). Headless, so `podterm quiz` and the tests see what the player asks.
public enum Quiz {
    /// At most this many questions are made from the model for one run.
    public static let maxGenerated = 8

    /// The questions for `t`: the declared ones when there are any, else the generated ones.
    public static func questions(_ t: Timeline, declared: [DeclaredQuestion], file: String) throws(QuestionError) -> [Question] {
        guard !declared.isEmpty else { return generated(t) }
        let words = EventText(t)
        var out: [Question] = []
        for d in declared {
            guard let i = t.events.indices.first(where: { i in
                (d.at.map { t.events[i].time >= $0 } ?? true) && (d.before.map { words.kindName(t.events[i].kind) == $0 } ?? true)
            }) else {
                let what = [d.before.map { "no \($0) event" } ?? "no event", d.at.map { "at or after \(formatDuration($0))" }].compactMap { $0 }.joined(separator: " ")
                throw QuestionError(file: file, line: d.line, column: d.column, message: "questions: \(what) in this run, so the question would never be asked; change at or before")
            }
            let e = t.events[i]
            out.append(Question(
                event: i, reveal: i, time: e.time, prompt: d.prompt, choices: d.choices, answer: d.answer,
                explanation: d.explain ?? e.rule.reason, rule: e.rule, fromFile: true))
        }
        return out.sorted { $0.event < $1.event }
    }

    /// Questions made from the model: before each signal sent to a process from outside
    /// (the runtime, the node) or forwarded by another process, once per process, signal and
    /// sender kind, at most `maxGenerated`.
    public static func generated(_ t: Timeline) -> [Question] {
        let words = EventText(t)
        var out: [Question] = []
        var seen = Set<String>()
        for (i, e) in t.events.enumerated() {
            guard out.count < maxGenerated, case .signalSent(let origin) = e.kind, let p = e.process, let sig = e.signal else { continue }
            let sender: String
            switch origin {
            case .runtime: sender = "runtime"
            case .node: sender = "node"
            case .process(let from) where from != p: sender = "process"
            default: continue
            }
            guard seen.insert("\(p) \(sig.rawValue) \(sender)").inserted else { continue }
            guard let (reveal, fate) = decisive(t, after: i, process: p, signal: sig) else { continue }
            let before = i == 0 ? t.firstMoment : t.moment(afterEvent: i - 1)
            let ps = before.processes.indices.contains(p) ? before.processes[p] : nil
            let name = words.processName(p, atEvent: i)
            let pid1 = ps?.pid == 1
            let hasChildren = before.processes.contains { $0.parent == p && $0.isAlive }
            let prompt = "\(words.actorName(e.actor, atEvent: i)) sends \(sig.name) to \(name)" + (pid1 ? ", PID 1 of its container" : "")
                + (hasChildren ? ", which has children" : "") + ". What happens next?"
            let wrongs = candidates(sig, name: name, pid1: pid1, hasChildren: hasChildren && fate != .pendingBlocked).filter { $0.fate != fate }
            var choices = [Quiz.words(for: fate, sig, name)] + wrongs.prefix(3).map(\.text)
            // The right one's place moves from question to question, the same in every run.
            let shift = (i * 7 + p) % choices.count
            choices = Array(choices[shift...] + choices[..<shift])
            let r = t.events[reveal].rule
            out.append(Question(
                event: i, reveal: reveal, time: e.time, prompt: prompt, choices: choices,
                answer: (choices.count - shift) % choices.count, explanation: r.reason, rule: r, fromFile: false))
        }
        return out
    }

    /// The event that says what became of signal `sig` sent to `p` at event `i`, and its fate.
    static func decisive(_ t: Timeline, after i: Int, process p: Int, signal sig: Signal) -> (Int, SendCheck)? {
        for j in (i + 1)..<t.events.count {
            let e = t.events[j]
            guard e.process == p else { continue }
            switch e.kind {
            case .signalDiscarded(let why) where e.signal == sig:
                switch why {
                case .pid1Default: return (j, e.rule == .kernelPid1Unkillable ? .pid1Unkillable : .pid1Default)
                case .ignored: return (j, .ignored)
                case .defaultIgnore: return (j, .defaultIgnore)
                case .deadTarget: return (j, .deadTarget)
                case .alreadyPending: return (j, .alreadyPending)
                case .dying: return (j, .dying)
                // Queued while its handler ran, then ignored when taken: ignored all the same.
                case .ignoredAtDequeue: return (j, .ignored)
                // Queued while blocked, dropped when PID 1 unblocked it: PID 1's rule all the same.
                case .pid1DroppedAtUnblock: return (j, .pid1Default)
                }
            case .signalDelivered where e.signal == sig:
                return (j, e.rule == .kernelSigwait ? .pendingBlocked : .caught)
            case .killedBySignal:
                return (j, e.signal == .kill ? .killed : .dies)
            case .signalSent(let o) where e.signal == sig && o != .process(p):
                return nil
            default: continue
            }
        }
        return nil
    }

    /// The words of one fate.
    static func words(for fate: SendCheck, _ sig: Signal, _ name: String) -> String {
        switch fate {
        case .caught: return "\(name) runs its handler for \(sig.name) (its own shutdown)"
        case .pid1Default: return "the kernel discards it: \(name) is PID 1 with no handler for \(sig.name)"
        case .pid1Unkillable: return "the kernel discards it: PID 1 cannot be killed from inside its namespace"
        case .dies: return "\(name) dies of it at once (exit \(sig.exitCode)): no handler runs"
        case .killed: return "\(name) dies at once (exit 137): no handler runs"
        case .ignored: return "nothing: \(name) ignores \(sig.name)"
        case .defaultIgnore: return "nothing: the default action of \(sig.name) is to ignore it"
        case .pendingBlocked: return "\(name) takes it from its blocked signals (sigwait) and acts on it"
        case .deadTarget: return "nothing: \(name) has already exited"
        case .alreadyPending: return "nothing new: \(sig.name) is already pending for \(name)"
        case .dying: return "nothing: \(name) is already dying of an earlier signal, so the kernel drops it"
        }
    }

    /// The wrong answers worth offering: what the same signal does under the other rules (a
    /// shell that passes nothing on is the classic one, unless the process does take it).
    static func candidates(_ sig: Signal, name: String, pid1: Bool, hasChildren: Bool) -> [(fate: SendCheck?, text: String)] {
        var c: [(SendCheck?, String)] = []
        if sig == .kill {
            c.append((.killed, words(for: .killed, sig, name)))
            c.append((.pid1Default, "the kernel discards it: \(name) is PID 1 and PID 1 is protected"))
            c.append((.caught, "\(name) runs its handler first, then exits"))
            return c
        }
        if pid1 { c.append((.pid1Default, words(for: .pid1Default, sig, name))) }
        c.append((.caught, words(for: .caught, sig, name)))
        if hasChildren { c.append((nil, "\(name) passes it on to its children, which shut down")) }
        c.append((.dies, words(for: .dies, sig, name)))
        c.append((.ignored, words(for: .ignored, sig, name)))
        c.append((.pendingBlocked, words(for: .pendingBlocked, sig, name)))
        return c
    }
}
