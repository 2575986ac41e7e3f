/// One process at one moment.
public struct ProcessState: Sendable, Equatable {
    /// Index of its container in `Timeline.containers`.
    public var container: Int
    /// Which instance of its container it belongs to (0 for the first, 1 after one restart…).
    public var containerInstance: Int
    /// Its PID inside the container's PID namespace.
    public var pid: Int
    /// Its parent now, after any re-parenting (index into `processes`); nil: started from outside.
    public var parent: Int?
    /// Its parent when it started.
    public var startParent: Int?
    /// Its process group and session, as the indices of their leaders.
    public var pgid: Int
    public var sid: Int
    /// The program it runs now (argv[0]'s base name) and its argv.
    public var name: String
    public var argv: [String]
    /// The programs it ran before its last `exec`, oldest first.
    public var earlierImages: [ProcessImage]
    /// When it started.
    public var startedAt: Millis
    /// Running, in a handler, exited, zombie or reaped.
    public var status: ProcessStatus
    /// Its signal dispositions (`sigaction`).
    public var dispositions: SignalDispositions
    /// Its blocked signals (`sigprocmask`), taken with `sigwait`.
    public var blocked: SignalSet
    /// Every signal sent to it so far, and each one's fate; a signal still pending has the
    /// provisional fate `.caught` and its index in `pendingEntries`.
    public var received: [ReceivedSignal]
    /// Indices into `received` of the signals posted and not yet delivered, oldest first.
    public var pendingEntries: [Int]
    /// How it ended, if it did.
    public var end: ProcessEnd?
    /// When its status was collected, if it was.
    public var reapedAt: Millis?
    /// Whether it was ever a zombie, and whether a parent process (not the kernel) collected it.
    public var wasZombie: Bool
    public var reapedByParent: Bool

    /// The signals posted to it and not yet delivered.
    public var pending: [Signal] { pendingEntries.map { received[$0].signal } }
    /// The last signal sent to it, with its fate so far.
    public var lastSignal: ReceivedSignal? { received.last }
    /// Whether it stayed a zombie that no parent process collected.
    public var zombieLeft: Bool { wasZombie && !reapedByParent }
    /// Whether it still runs (neither exited nor collected).
    public var isAlive: Bool { end == nil }

    /// Its program name as of event number `index` of the timeline.
    public func name(atEvent index: Int) -> String { earlierImages.first { index <= $0.untilEvent }?.name ?? name }
    /// Its argv as of event number `index` of the timeline.
    public func argv(atEvent index: Int) -> [String] { earlierImages.first { index <= $0.untilEvent }?.argv ?? argv }
}

/// Where a process is in its life.
public enum ProcessStatus: Sendable, Equatable {
    /// Running its program.
    case running
    /// Running a signal's handler (its cleanup), until `until` when the model knows it.
    case inHandler(until: Millis?)
    /// Dead, its status not yet collected nor announced.
    case exited
    /// Dead, waiting for its parent to collect it.
    case zombie
    /// Dead and collected.
    case reaped
}

/// What a signal does to a process when it arrives, as `sigaction(2)` sets it.
public enum SignalDisposition: Sendable, Equatable {
    case `default`, ignore, handler
}

/// A process's dispositions for every signal 1…31: handler, ignore, else default.
public struct SignalDispositions: Sendable, Equatable, Hashable {
    /// Signals with a handler installed.
    public var caught: SignalSet
    /// Signals set to ignore.
    public var ignored: SignalSet

    /// Creates dispositions.
    public init(caught: SignalSet = SignalSet(), ignored: SignalSet = SignalSet()) {
        self.caught = caught
        self.ignored = ignored
    }

    /// The disposition of `s`.
    public subscript(_ s: Signal) -> SignalDisposition {
        if caught.contains(s) { return .handler }
        if ignored.contains(s) { return .ignore }
        return .default
    }
}

extension SignalSet {
    /// The signals in the set, in number order.
    public var signals: [Signal] { (1...31).compactMap { n in bits & (1 << UInt32(n)) != 0 ? Signal(rawValue: n) : nil } }
    /// Whether the set is empty.
    public var isEmpty: Bool { bits == 0 }
}
