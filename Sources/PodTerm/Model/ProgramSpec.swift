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

    /// Creates a handler spec.
    public init(cleanup: Millis = 0, then: HandlerEnding = .exit(0)) {
        self.cleanup = cleanup
        self.then = then
    }
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
