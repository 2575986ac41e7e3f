import PodTerm

/// What happened to the processes of one container, told the same way for the simulation and
/// for the real run, so the two can be laid side by side.
public struct ContainerStory: Sendable, Equatable {
    /// The container's name.
    public var name: String
    /// Every process of the container's first run, in start order.
    public var processes: [ProcessStory]
    /// How PID 1 ended (nil: still running when the run ended).
    public var pid1Status: WaitStatus?
    /// When PID 1's status was collected (ms since the container started).
    public var exitedAt: Millis?
    /// The signals the runtime sent to PID 1, in order.
    public var runtimeSignals: [RuntimeSignal]

    /// How many processes stayed zombies, never collected by a parent, until the namespace went.
    public var zombiesLeft: Int { processes.filter(\.zombieLeft).count }

    /// The process with this key.
    public func process(_ key: String) -> ProcessStory? { processes.first { $0.key == key } }
}

/// A signal the runtime sends to a container's PID 1.
public struct RuntimeSignal: Sendable, Equatable {
    /// When (ms since the container started).
    public var at: Millis
    /// Which signal.
    public var signal: Signal
}

/// What happened to one process.
public struct ProcessStory: Sendable, Equatable {
    /// Its place in the tree: the container, then the names from PID 1 down to it, with `#2`,
    /// `#3`… for a later sibling of the same name (`app/tini/server`).
    public var key: String
    /// Its program's name (argv[0]'s base name, after its last exec).
    public var name: String
    /// Its PID in the container's namespace, when known.
    public var pid: Int?
    /// Its PID on the host (real runs only).
    public var hostPid: Int32?
    /// When it started (ms since the container started).
    public var startedAt: Millis?
    /// Every signal sent to it, in order, with what became of it.
    public var received: [SignalStory]
    /// How it ended; nil when it was still running when the run ended.
    public var end: EndStory?
    /// Whether it died and stayed a zombie, never collected by its parent, until the end.
    public var zombieLeft: Bool
    /// Index of its parent at start in the container's `processes`, nil for PID 1.
    public var parent: Int?
}

/// A signal sent to a process, and its fate.
public struct SignalStory: Sendable, Equatable {
    /// When (ms since the container started).
    public var at: Millis
    /// Which signal.
    public var signal: Signal
    /// Who sent it: `runtime`, `kernel` (the namespace teardown), `oom-killer`, a process key,
    /// or `outside` for something else on the host.
    public var from: String
    /// `caught`, `killed`, or `discarded:REASON` (`pid1-default`, `ignored`, `default-ignore`,
    /// `dead-target`, `already-pending`, `dying`, `ignored-at-dequeue`, `pid1-dropped-at-unblock`,
    /// `overflow`).
    public var fate: String

    /// The fate without its reason: `caught`, `killed` or `discarded`.
    public var fateClass: String { fate.split(separator: ":").first.map(String.init) ?? fate }

    /// What the kernel did with it, in the kernel's own terms: `signal_generate`'s result
    /// (queued, dropped at send time, already pending, overflow), then for a queued signal
    /// what `signal_deliver` found in force (a handler, the default's death, SIG_IGN). The
    /// two sides of a verify must agree on this, not only on `fateClass`: "queued, then
    /// ignored at dequeue" and "dropped at send time" are both "discarded", and differ.
    /// (Which of the send-time reasons it was — PID 1, ignore, dying, a zombie — the trace
    /// does not say; podterm reads it from /proc and the order of events, and reports it.)
    public var kernelTerms: String {
        switch fate {
        case "caught": return "queued, handler"
        case "killed": return "queued, fatal"
        case "discarded:already-pending": return "already pending"
        case "discarded:ignored-at-dequeue": return "queued, ignored at dequeue"
        case "discarded:pid1-dropped-at-unblock": return "queued, dropped at dequeue (PID 1, default)"
        case "discarded:overflow": return "overflow"
        default: return "dropped at send"
        }
    }
}

/// How a process ended.
public struct EndStory: Sendable, Equatable {
    /// When (ms since the container started).
    public var at: Millis
    /// Its exit code or the signal that killed it.
    public var status: WaitStatus
}

extension WaitStatus {
    /// `exit 0`, `SIGKILL`.
    var text: String {
        switch self {
        case .exited(let c): return "exit \(c)"
        case .signaled(let s): return s.name
        }
    }
}

enum StoryKeys {
    /// Assigns `key` to each process from its container name, its parent chain and its name.
    /// `processes` must be in start order with `parent` set.
    static func assign(container: String, _ processes: inout [ProcessStory]) {
        var counts: [String: Int] = [:]
        for i in processes.indices {
            let prefix = processes[i].parent.map { processes[$0].key } ?? container
            let base = prefix + "/" + processes[i].name
            let n = (counts[base] ?? 0) + 1
            counts[base] = n
            processes[i].key = n == 1 ? base : "\(base)#\(n)"
        }
    }
}
