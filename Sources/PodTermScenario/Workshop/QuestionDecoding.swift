import PodTerm

/// Decodes `questions:`, the optional workshop questions of a scenario: each pauses the
/// player before the first event of a kind (`before`) at or after a time (`at`) and asks
/// `prompt`, with 2 to 6 `choices`, the right one `answer` (1-based), and `explain`.
enum QuestionDecoding {
    static let keys = ["at", "before", "prompt", "choices", "answer", "explain"]
    /// At most this many questions in a file.
    static let maxQuestions = 50
    static let example = "- {before: signal.discarded, prompt: What happens to SIGTERM?, choices: [it is forwarded, it is discarded], answer: 2}"

    /// The event kinds a question can stop before: the `kind` names of the JSON output.
    static let kinds = [
        "process.started", "process.exec", "process.exited", "process.killed", "process.zombie", "process.reaped", "process.reparented",
        "process.exec-failed", "pod.delete", "pod.terminating", "pod.delete-ignored", "pod.deadline-shortened", "pod.object-removed",
        "pod.evicted", "pod.complete", "pod.sandbox-stopped", "pod.gone", "node.shutdown", "kubelet.kill-pod", "kubelet.grace-shortened", "probe.failed",
        "endpoint.not-ready", "endpoint.consumer-stopped", "endpoint.not-serving", "endpoint.serving", "endpoint.consumer-resumed", "endpoint.removed", "prestop.started", "prestop.finished", "prestop.abandoned",
        "sidecar.started", "sidecar.waits", "container.stop", "container.exited", "container.restarted", "container.oom-kill",
        "signal.sent", "signal.discarded", "signal.caught", "signal.caught-again", "signal.taken", "signal.blocked", "signal.unblocked", "signal.noted", "signal.rewritten",
        "namespace.teardown", "shell.trap", "shell.trap-deferred", "shell.wait-interrupted", "shell.script-error", "supervisor.stop",
        "inject.no-target", "supervisor.program-ended", "docker.command", "docker.exited", "docker.removed", "workload.listener-closed",
        "workload.requests-cut", "workload.kafka-closed", "workload.kafka-died", "workload.outbound-broken", "run.horizon",
        "signal.delivered", "process.dispositions", "workload.meters",
        "pod.disruption-target", "pod.eviction-refused", "drain.gave-up", "pod.pending",
    ]

    static func decode(_ node: SourceNode?, horizon: Millis) throws -> [DeclaredQuestion] {
        guard let node else { return [] }
        let items = try Scalars.list(node, "questions", example: example)
        if items.count > maxQuestions {
            throw LocatedError(at: items[maxQuestions], "questions: at most \(maxQuestions) questions, got \(items.count)")
        }
        return try items.enumerated().map { i, item in
            let path = "questions.\(i)"
            let q = try MappingReader(item, path: path, known: keys)
            let at = try q.duration("at")
            if let at, at > horizon, let n = q.value("at") {
                throw LocatedError(at: n, "\(path).at: \(formatDuration(at)) is after the horizon of \(formatDuration(horizon)); the question would never be asked")
            }
            var before: String?
            if let n = q.value("before") {
                let k = try Scalars.string(n, path + ".before")
                guard kinds.contains(k) else {
                    throw LocatedError(at: n, "\(path).before: unknown event kind '\(k)'\(Suggestions.hint(k, in: kinds)); expected a kind of the JSON output such as signal.sent, signal.discarded, process.killed, container.exited")
                }
                before = k
            }
            if at == nil && before == nil {
                throw LocatedError(at: item, "\(path): give at (a time), before (an event kind) or both, to say where the player pauses")
            }
            let prompt = try q.requiredString("prompt")
            let cnode = try q.required("choices", ": 2 to 6 answers to pick from")
            let choices = try Scalars.stringList(cnode, path + ".choices", nonEmpty: true)
            guard (2...6).contains(choices.count) else {
                throw LocatedError(at: cnode, "\(path).choices: expected 2 to 6 choices, got \(choices.count)")
            }
            if let blank = choices.firstIndex(where: { $0.allSatisfy(\.isWhitespace) }) {
                throw LocatedError(at: cnode, "\(path).choices.\(blank) must not be empty")
            }
            let anode = try q.required("answer", ": the number of the right choice, from 1")
            let text = try Scalars.string(anode, path + ".answer")
            guard let answer = Int(text), (1...choices.count).contains(answer) else {
                throw LocatedError(at: anode, "\(path).answer: expected the number of the right choice, from 1 to \(choices.count), got '\(text)'")
            }
            let explain = try q.nonEmptyString("explain")
            let (line, column): (Int, Int)
            if case .file(let l, let c) = item.origin { (line, column) = (l, c) } else { (line, column) = (0, 0) }
            return DeclaredQuestion(at: at, before: before, prompt: prompt, choices: choices, answer: answer - 1, explain: explain, line: line, column: column)
        }
    }
}
