/// How one program behaves: what it does with each signal, how long it runs, what it starts.
///
/// This is what a manifest cannot say. Programs are looked up by the executable in a
/// container's argv (full path first, then the base name).
public struct ProgramSpec: Sendable, Equatable {
    /// What the program does with each signal it has a non-default disposition for.
    /// Signals not listed keep the default disposition.
    public var signals: [Signal: SignalBehavior]
    /// If set, the program finishes its work and exits by itself after this long.
    public var runsFor: Millis?
    /// Exit code when it finishes by itself.
    public var exitCode: Int
    /// Children it starts right away, in order.
    public var children: [ChildSpec]
    /// Which dead children it waits for.
    public var reaps: ReapPolicy
    /// HTTP paths it answers (for `httpGet` hooks), with how long each takes and the status.
    public var http: [String: HTTPRoute]
    /// How long after it starts it is ready (listening; what a startupProbe waits for).
    public var readyAfter: Millis = 0
    /// A script file (e.g. `/entrypoint.sh`): its lines, run by `shell`. A script file never
    /// execs its last line by itself (`sh.bash-exec-rules`); `exec "$@"` does.
    public var script: String?
    /// The interpreter of `script` (its `#!` line); nil: the image's `/bin/sh`.
    public var shell: ShellFlavor?
    /// A language runtime whose default signal behaviour the program takes; `signals` entries win.
    public var preset: RuntimePreset?
    /// How long the handlers a preset installs take to clean up (Python `finally` blocks after
    /// `KeyboardInterrupt`, JVM shutdown hooks, nginx's graceful SIGQUIT drain).
    public var presetCleanup: Millis
    /// Set when the program is supervisord: the programs its configuration runs.
    public var supervisord: SupervisordSpec?
    /// Signals it blocks with `sigprocmask`, each from a moment and, if given, for a while
    /// (`app.sigprocmask`). Children inherit the mask (fork and exec keep it).
    public var blocks: [SignalBlock] = []
    /// Signals it sends with `kill(2)` at set times (`app.send-signal`).
    public var sends: [SignalSend] = []

    /// Creates a program spec. The defaults are a program that runs until stopped and leaves every signal at default.
    public init(
        signals: [Signal: SignalBehavior] = [:], runsFor: Millis? = nil, exitCode: Int = 0,
        children: [ChildSpec] = [], reaps: ReapPolicy = .ownChildren, http: [String: HTTPRoute] = [:],
        script: String? = nil, shell: ShellFlavor? = nil, preset: RuntimePreset? = nil,
        presetCleanup: Millis = 0, supervisord: SupervisordSpec? = nil, readyAfter: Millis = 0
    ) {
        self.readyAfter = readyAfter
        self.signals = signals
        self.runsFor = runsFor
        self.exitCode = exitCode
        self.children = children
        self.reaps = reaps
        self.http = http
        self.script = script
        self.shell = shell
        self.preset = preset
        self.presetCleanup = presetCleanup
        self.supervisord = supervisord
    }
}

/// A program's disposition for one signal, and what its handler does.
public enum SignalBehavior: Sendable, Equatable {
    /// `SIG_DFL`: the kernel's default action (fatal for most signals; discarded for PID 1).
    case `default`
    /// `SIG_IGN`: discarded by the kernel.
    case ignore
    /// A handler: cleanup for a while, then the declared ending.
    case handle(SignalHandlerSpec)
}

/// What a signal handler does once it runs.
public struct SignalHandlerSpec: Sendable, Equatable {
    /// How long the cleanup takes (flushing, draining, shutdown hooks).
    public var cleanup: Millis
    /// What happens after the cleanup.
    public var then: HandlerEnding
    /// Set when the handler forwards the signal and waits for the children instead of cleaning
    /// up (`app.forward-wait`); `then` is then `.exit(code)`, the code when they all ended in time.
    public var forward: SignalForward?

    /// Creates a handler spec.
    public init(cleanup: Millis = 0, then: HandlerEnding = .exit(0), forward: SignalForward? = nil) {
        self.cleanup = cleanup
        self.then = then
        self.forward = forward
    }
}

/// A handler that forwards the signal it caught and waits for its children (`app.forward-wait`):
/// `kill(child, sig)` for each live child (or `kill(0, sig)` for its process group, itself
/// included), then `waitpid` for every child it had, up to `waitUpTo`.
public struct SignalForward: Sendable, Equatable {
    /// Who it forwards to.
    public var to: ForwardTarget
    /// How long it waits for its children; nil: as long as it takes.
    public var waitUpTo: Millis?
    /// What it does when the wait runs out with children still running.
    public var atLimit: ForwardLimit
    /// Its exit code when the wait ran out; nil: the handler's exit code.
    public var limitExitCode: Int?

    /// Creates a forward.
    public init(to: ForwardTarget = .children, waitUpTo: Millis? = nil, atLimit: ForwardLimit = .exit, limitExitCode: Int? = nil) {
        self.to = to
        self.waitUpTo = waitUpTo
        self.atLimit = atLimit
        self.limitExitCode = limitExitCode
    }
}

/// Where a forwarding handler sends the signal.
public enum ForwardTarget: String, Sendable, Equatable, CaseIterable {
    /// Each live child, in the order they became its children.
    case children
    /// Its own process group (`kill(0, sig)`): its children that did not call setsid, their
    /// children, and itself (the copy to itself finds it already shutting down).
    case group
}

/// What a forwarding handler does when its wait runs out.
public enum ForwardLimit: String, Sendable, Equatable, CaseIterable {
    /// Exits anyway; children still running are left (as PID 1, the kernel kills them).
    case exit
    /// SIGKILLs every child still running, collects them, then exits.
    case kill
}

/// `sigprocmask(SIG_BLOCK, signals)` at `at` after the program starts, and
/// `sigprocmask(SIG_UNBLOCK, signals)` `unblockAfter` later (`app.sigprocmask`).
public struct SignalBlock: Sendable, Equatable {
    /// The signals blocked (never SIGKILL or SIGSTOP).
    public var signals: SignalSet
    /// When it blocks them, from the program's start (0: before it does anything else).
    public var at: Millis
    /// How long they stay blocked; nil: until the process ends.
    public var unblockAfter: Millis?

    /// Creates a block.
    public init(signals: SignalSet, at: Millis = 0, unblockAfter: Millis? = nil) {
        self.signals = signals
        self.at = at
        self.unblockAfter = unblockAfter
    }
}

/// `kill(target, signal)` at `at` after the program starts (`app.send-signal`).
public struct SignalSend: Sendable, Equatable {
    /// When, from the program's start.
    public var at: Millis
    /// The signal.
    public var signal: Signal
    /// Whom to.
    public var target: SendTarget

    /// Creates a send.
    public init(at: Millis, signal: Signal, target: SendTarget) {
        self.at = at
        self.signal = signal
        self.target = target
    }
}

/// Whom a program's timed `kill(2)` goes to.
public enum SendTarget: Sendable, Equatable {
    /// `getppid()`: its parent (nothing is sent when the parent is outside its PID namespace).
    case parent
    /// `kill(0, sig)`: its own process group, itself included.
    case group
    /// `kill(1, sig)`: PID 1 of its namespace (from inside: no SIGKILL, and no default action).
    case pid1
    /// The first live process of its namespace (by PID, itself excluded) running this program:
    /// a `programs:` key or a command, matched by base name.
    case process(String)
}

/// How a handler ends.
public enum HandlerEnding: Sendable, Equatable {
    /// `exit(code)`.
    case exit(Int)
    /// Keeps running (a reload, a log reopen, a signal it only notes).
    case keepRunning
    /// Restores the default disposition and re-raises the signal (`signal(sig, SIG_DFL); raise(sig)`).
    case reraise
}

/// Which dead children a program collects with `wait()`.
public enum ReapPolicy: String, Sendable, Equatable, CaseIterable {
    /// Only the children it started itself (the usual app: it waits for what it spawned).
    case ownChildren = "children"
    /// Any child, re-parented orphans included (what an init must do).
    case all = "all"
    /// None: every dead child stays a zombie.
    case none = "none"
}

/// A child process a program starts.
public struct ChildSpec: Sendable, Equatable {
    /// Its argv; the executable is looked up in `programs:` like a container's.
    public var command: [String]
    /// Whether it calls `setsid()` (new session and process group), escaping group-wide signals.
    public var setsid: Bool
    /// How long after its parent starts it is started.
    public var startAfter: Millis
    /// The standard streams it closes or sends elsewhere when it starts (`>/dev/null 2>&1`, a
    /// daemon); it inherits the others from its parent, and with them the parent's share of
    /// whatever pipe they are (what supervisord watches: `supervisord.wakeup`).
    public var closes: [StandardStream]

    /// Creates a child spec.
    public init(command: [String], setsid: Bool = false, startAfter: Millis = 0, closes: [StandardStream] = []) {
        self.command = command
        self.setsid = setsid
        self.startAfter = startAfter
        self.closes = closes
    }
}

/// An output stream a process inherits from its parent: file descriptor 1 or 2.
public enum StandardStream: String, Sendable, Equatable, CaseIterable {
    case stdout, stderr
}

/// One HTTP path a program answers.
public struct HTTPRoute: Sendable, Equatable {
    /// How long the request takes.
    public var takes: Millis
    /// The status it answers with.
    public var status: Int

    /// The status a route answers with unless it says: 200.
    public static let defaultStatus = 200

    /// Creates a route.
    public init(takes: Millis, status: Int = defaultStatus) {
        self.takes = takes
        self.status = status
    }
}
