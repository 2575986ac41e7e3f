/// Which shell runs a script: `/bin/sh` differs between images, and the shells differ in
/// whether they `exec` the last command of `sh -c '…'` (`linux-init.md`, "Shells").
public enum ShellFlavor: String, Sendable, Equatable, CaseIterable {
    /// dash as Debian and Ubuntu ship it (`/bin/sh` there): never execs the command of `sh -c`
    /// (`sh.dash-no-exec`).
    case dash
    /// GNU bash: `bash -c` execs a single simple command or the last one of a list, unless it
    /// has a redirection or a trap is set (`sh.bash-exec-rules`). `/bin/sh` on RHEL/UBI images.
    case bash
    /// busybox ash (`/bin/sh` on Alpine): execs the last command of the string when no trap is
    /// set (`sh.busybox-exec-last`).
    case busybox
}

/// A language runtime whose default signal behaviour a program can take
/// (`linux-init.md`, "Application runtimes"). Entries of the program's own `signals:` win.
public enum RuntimePreset: String, Sendable, Equatable, CaseIterable {
    /// CPython: SIGTERM default (dies at once, no `finally`); SIGINT raises `KeyboardInterrupt`,
    /// cleanup runs, then it re-raises SIGINT to die of it (130). `app.python`.
    case python
    /// HotSpot JVM: SIGTERM, SIGINT and SIGHUP run the shutdown hooks, then exit 128+N;
    /// SIGQUIT prints a thread dump and keeps running. `app.jvm`.
    case jvm
    /// Node.js: no handlers (dies of SIGTERM as a child, ignores it as PID 1). `app.node`.
    case node
    /// A Go binary without `signal.Notify`: the runtime's handler re-raises SIGTERM, SIGINT and
    /// SIGHUP to die of them; as PID 1 the re-raise is discarded and it exits 2. `app.go`.
    case go
    /// nginx master: SIGTERM/SIGINT fast shutdown, SIGQUIT graceful shutdown, SIGHUP reload,
    /// SIGUSR1 reopen logs. `app.nginx`.
    case nginx
}

/// What a supervisord configuration says about its programs: the part of
/// `supervisord.conf` that decides how they stop (rule `supervisord.stop`).
public struct SupervisordSpec: Sendable, Equatable {
    /// The `[program:x]` sections, in file order.
    public var programs: [SupervisedProgram]
    /// Where supervisord's main loop ticks within each second, in ms after supervisord started
    /// (0–999). The loop polls with a 1 s timeout, so a signal is acted on at the first tick
    /// after it arrives, and SIGKILL after `stopwaitsecs` also falls on a tick.
    public var pollPhase: Millis

    /// Creates a configuration.
    public init(programs: [SupervisedProgram] = [], pollPhase: Millis = 0) {
        self.programs = programs
        self.pollPhase = pollPhase
    }
}

/// One `[program:x]` section of a supervisord configuration.
public struct SupervisedProgram: Sendable, Equatable {
    /// The section's name (`x` of `[program:x]`).
    public var name: String
    /// `command`, as an argv; looked up like a container's command.
    public var command: [String]
    /// `stopsignal` (default TERM).
    public var stopSignal: Signal
    /// `stopwaitsecs` (default 10): how long after the stop signal supervisord sends SIGKILL.
    public var stopWaitSecs: Int
    /// `stopasgroup`: send the stop signal to the program's whole process group (`-pid`).
    public var stopAsGroup: Bool
    /// `killasgroup`: send the final SIGKILL to the group; defaults to `stopasgroup`.
    public var killAsGroup: Bool
    /// `priority` (default 999): started lowest first, stopped highest first.
    public var priority: Int
    /// `redirect_stderr` (default false): the program's stderr goes into its stdout pipe, so
    /// supervisord watches one pipe instead of two (rule `supervisord.wakeup`).
    public var redirectStderr: Bool

    /// supervisord's default `stopwaitsecs`: 10.
    public static let defaultStopWaitSecs = 10
    /// supervisord's default `priority`: 999.
    public static let defaultPriority = 999

    /// Creates a program section with supervisord's defaults.
    public init(
        name: String, command: [String], stopSignal: Signal = .term, stopWaitSecs: Int = defaultStopWaitSecs,
        stopAsGroup: Bool = false, killAsGroup: Bool? = nil, priority: Int = defaultPriority, redirectStderr: Bool = false
    ) {
        self.redirectStderr = redirectStderr
        self.name = name
        self.command = command
        self.stopSignal = stopSignal
        self.stopWaitSecs = stopWaitSecs
        self.stopAsGroup = stopAsGroup
        self.killAsGroup = killAsGroup ?? stopAsGroup
        self.priority = priority
    }
}
