/// A signal sent by hand from the node (`kill -TERM <pid>` in a root shell on the host) to one
/// process of the pod, at a given moment: the `kill:` stop item and `podterm run --inject`.
///
/// It comes from outside every container's PID namespace, like the runtime's stop signal, so
/// the kernel treats it the same way (rule `inject.node-kill`, then the kernel's own rules).
public struct HandKill: Sendable, Equatable, Hashable {
    /// Which process.
    public var target: ProcessTarget
    /// Which signal (SIGTERM when the file does not say, as `kill(1)`).
    public var signal: Signal

    /// Creates a hand kill.
    public init(target: ProcessTarget, signal: Signal = .term) {
        self.target = target
        self.signal = signal
    }

    /// The signals whose default action is to stop a process (SIGSTOP, SIGTSTP, SIGTTIN,
    /// SIGTTOU): podterm does not model stopped processes, so they cannot be sent by hand.
    public static func isStopSignal(_ s: Signal) -> Bool { s == .stop || s == .tstp || s == .ttin || s == .ttou }
}

/// A process named the way a person on the node would pick it: by program name, optionally
/// in one container, optionally the Nth of that name there (the keys of the JSON output,
/// `app/server`, `app/sleep#2`).
public struct ProcessTarget: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The container it must be in (nil: any).
    public var container: String?
    /// The program's name as the timeline shows it (`java`, `sh`, `sleep`).
    public var program: String
    /// With a container: the Nth process of that name started in that container (1-based,
    /// counting the ones that already ended); nil: the oldest live one.
    public var occurrence: Int?

    /// Creates a target.
    public init(container: String? = nil, program: String, occurrence: Int? = nil) {
        self.container = container
        self.program = program
        self.occurrence = occurrence
    }

    /// Parses `PROGRAM`, `CONTAINER/PROGRAM` or `CONTAINER/PROGRAM#N`; nil when it is none of them.
    public init?(parsing text: String) {
        let t = trimmingBlanks(text)
        var rest = Substring(t)
        var container: String?
        if let slash = rest.firstIndex(of: "/") {
            container = String(rest[..<slash])
            rest = rest[rest.index(after: slash)...]
            if container!.isEmpty { return nil }
        }
        var occurrence: Int?
        if let hash = rest.lastIndex(of: "#") {
            guard container != nil, let n = Int(rest[rest.index(after: hash)...]), n >= 1, n <= 100_000 else { return nil }
            occurrence = n
            rest = rest[..<hash]
        }
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains(" ") else { return nil }
        self.init(container: container, program: String(rest), occurrence: occurrence)
    }

    public var description: String {
        let base = container.map { "\($0)/\(program)" } ?? program
        return occurrence.map { "\(base)#\($0)" } ?? base
    }
}
