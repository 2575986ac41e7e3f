/// The built-in scenarios that come in pairs: the same pod, once with the mistake and once
/// with the fix. The picker opens a pair side by side (`d` on either of them); the list is
/// kept here only.
public enum ScenarioPairs {
    /// One pair: the scenario with the mistake, the one with the fix, and what the fix is.
    public struct Pair: Sendable, Equatable {
        public var problem: String
        public var fix: String
        public var what: String
    }

    public static let builtin: [Pair] = [
        Pair(problem: "pid1-no-handler", fix: "app-handles-sigterm", what: "a SIGTERM handler in PID 1"),
        Pair(problem: "jvm/1-shell-form-cmd", fix: "jvm/2-exec-form-cmd", what: "CMD in exec form: java is PID 1"),
        Pair(problem: "jvm/3-entrypoint-script-no-exec", fix: "jvm/4-entrypoint-script-exec", what: "exec in the entrypoint script"),
        Pair(problem: "process-trees/bash-script-no-exec", fix: "process-trees/bash-script-exec", what: "exec in the script"),
        Pair(problem: "process-trees/app-pid1-no-handler", fix: "process-trees/app-pid1-handler", what: "a handler in the PID 1 app"),
        Pair(problem: "workloads/kafka-auto-commit-loses-buffer", fix: "workloads/kafka-sigterm-flush-close", what: "flush and close on SIGTERM"),
        Pair(problem: "workloads/nginx-sigterm-cuts-requests", fix: "workloads/nginx-sigquit-drains", what: "STOPSIGNAL SIGQUIT: nginx drains"),
        Pair(problem: "workloads/rollout-drops-requests", fix: "workloads/rollout-prestop-sleep", what: "a preStop sleep while endpoints update"),
        Pair(problem: "workloads/sidecar-proxy-exits-first", fix: "workloads/sidecar-native-proxy", what: "a native sidecar (stops last)"),
        Pair(problem: "workloads/sidecar-startup-race", fix: "workloads/sidecar-startup-native", what: "a native sidecar (starts first)"),
    ]

    /// The pair a scenario belongs to, by its built-in name.
    public static func pair(of name: String) -> Pair? {
        builtin.first { $0.problem == name || $0.fix == name }
    }
}
