/// Why `verify` could not compare a scenario with reality. Each has its own exit status in the
/// CLI, so a script can tell "the simulation is wrong" (exit 1) from "could not check".
public enum VerifyError: Error, Equatable, CustomStringConvertible {
    /// The machine does not let us create a PID namespace or read the kernel's trace events
    /// (not root, or a container without CAP_SYS_ADMIN). Exit status 3.
    case permission(String)
    /// Not Linux: there is no PID namespace to build. Exit status 3.
    case notLinux
    /// The scenario asks for something verify does not replay (e.g. only an OOM kill). Exit status 2.
    case notCovered(String)
    /// Something went wrong while running the tree for real (a missing program, a crash). Exit status 4.
    case failure(String)
    /// SIGINT, SIGTERM or SIGHUP arrived (the number): the tree was killed and every file,
    /// folder and trace instance of the run removed. Exit status 128 + the number.
    case interrupted(Int32)

    public var description: String {
        switch self {
        case .permission(let m): return m
        case .notLinux: return "podterm verify needs Linux: it builds the process tree for real in a PID namespace"
        case .notCovered(let m): return m
        case .failure(let m): return m
        case .interrupted(let s):
            let name = s == 2 ? "SIGINT" : s == 15 ? "SIGTERM" : s == 1 ? "SIGHUP" : "signal \(s)"
            return "interrupted by \(name): the real run was stopped and everything it made was removed"
        }
    }
}
