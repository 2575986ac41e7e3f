import PodTerm

/// Which handler a container's preStop hook has, as `--set ….lifecycle.preStop.kind` writes
/// it: `none` (no hook), `sleep` (`sleep.seconds`), `exec-sleep` (an exec of `sleep N`),
/// `httpGet`, or `exec` (any other command).
///
/// Switching keeps what the two kinds share (the N of `sleep N` and `sleep.seconds`) and
/// refuses a switch that would need a value the hook does not have (a duration for a sleep,
/// a port for httpGet, a command for exec): the scenario's decoder has no default for those,
/// and podterm invents none. The message names the field to set instead.
enum PreStopKind: String, CaseIterable, Sendable {
    case none
    case sleep
    case execSleep = "exec-sleep"
    case httpGet
    case exec

    /// The kind of `handler` (nil: no hook).
    static func of(_ handler: LifecycleHandler?) -> PreStopKind {
        switch handler {
        case nil: .none
        case .sleep?: .sleep
        case .httpGet?: .httpGet
        case .exec(let command)?: sleepSeconds(command) == nil ? .exec : .execSleep
        }
    }

    /// The N of an exec of `sleep N` (whole seconds, within the range of `sleep.seconds`), else nil.
    static func sleepSeconds(_ command: [String]) -> Int? {
        guard command.count == 2, ["sleep", "/bin/sleep", "/usr/bin/sleep"].contains(command[0]),
              let n = Int(command[1]), ValueRanges.seconds.contains(n) else { return nil }
        return n
    }

    /// The kinds a hook of kind `from` can be switched to without a value it lacks (for ← and →).
    static func reachable(from: PreStopKind) -> [PreStopKind] {
        switch from {
        case .none: [.none]
        case .sleep, .execSleep: [.none, .sleep, .execSleep]
        case .httpGet: [.none, .httpGet]
        case .exec: [.none, .exec]
        }
    }

    /// `handler` switched to this kind; `at` is the hook's path (`pod.containers.app.lifecycle.preStop`).
    func switching(_ handler: LifecycleHandler?, at: String) throws -> LifecycleHandler? {
        let from = PreStopKind.of(handler)
        if from == self { return handler }
        var seconds: Int?
        switch handler {
        case .sleep(let s)?: seconds = s
        case .exec(let command)?: seconds = PreStopKind.sleepSeconds(command)
        default: seconds = nil
        }
        let had = from == .none ? "has no hook" : "has a \(from.rawValue) hook"
        switch self {
        case .none:
            return nil
        case .sleep, .execSleep:
            guard let seconds else {
                let clear = from == .none ? "" : "set \(at).kind=none, then "
                throw ValueProblem("\(at).kind: \(at) \(had), so there is no duration to keep (a sleep needs seconds, and the decoder has no default); \(clear)set \(at).sleep.seconds instead")
            }
            return self == .sleep ? .sleep(seconds: seconds) : .exec(command: ["sleep", String(seconds)])
        case .httpGet:
            let clear = from == .none ? "" : "set \(at).kind=none, then "
            throw ValueProblem("\(at).kind: \(at) \(had), and an httpGet hook needs a port (the decoder has no default; the path defaults to /); \(clear)set \(at).httpGet.port instead")
        case .exec:
            throw ValueProblem("\(at).kind: \(at) \(had), and an exec hook needs a command, which --set cannot give as a list; use kind=exec-sleep for an exec of sleep N, or edit the file")
        }
    }
}
