/// One shutdown risk `podterm lint` found: which check, what happens, what to change, and where.
public struct LintFinding: Sendable, Equatable {
    /// The check's stable id, e.g. `shell-form-pid1`.
    public var check: String
    /// The model's rule behind it (the engine's rule id), when one decides it.
    public var rule: String?
    /// What happens, in the run's own figures.
    public var message: String
    /// What to change.
    public var fix: String
    /// The scenario path it is about (`pod.containers.app.command`), for its line.
    public var path: String
    /// The line in the file (1-based); filled in by the caller that knows the file.
    public var line: Int = 1

    /// Creates a finding.
    public init(check: String, rule: String?, message: String, fix: String, path: String) {
        self.check = check
        self.rule = rule
        self.message = message
        self.fix = fix
        self.path = path
    }
}

/// The checks `podterm lint` runs, with their ids and one line each, for `--help` and the README.
public enum LintChecks {
    /// Every check's id and what it finds.
    public static let all: [(id: String, finds: String)] = [
        ("shell-form-pid1", "a shell-form command (sh -c) stays PID 1 and never passes the stop signal to the app"),
        ("script-no-exec", "an entrypoint script runs the app without exec, so the script is PID 1 and the app never hears the stop signal"),
        ("prestop-shorter-than-consumers", "the stop signal comes before the slowest consumer of endpoints stops routing: requests refused"),
        ("grace-shorter-than-shutdown", "the app is still shutting down when the grace period ends: SIGKILL"),
        ("nginx-sigterm", "nginx is stopped with SIGTERM (fast shutdown, open requests cut) instead of SIGQUIT"),
        ("proxy-not-native-sidecar", "a proxy runs as an ordinary container, so it stops with the app instead of after it"),
        ("prestop-longer-than-grace", "a preStop sleep uses the whole grace period, so the app gets the stop signal with at most 2 s left"),
    ]
}

/// Lines of scenario paths in a scenario file, for `lint`'s messages.
public enum ScenarioLines {
    /// The line of `path` in the scenario text, or of the nearest enclosing path the file has.
    public static func line(of path: String, in yaml: String) -> Int {
        guard let root = try? YAMLReading.parse(yaml) else { return 1 }
        var p = Substring(path)
        while true {
            if case .file(let line, _)? = root.origin(atPath: String(p)) { return line }
            guard let dot = p.lastIndex(of: ".") else { return 1 }
            p = p[..<dot]
        }
    }
}
