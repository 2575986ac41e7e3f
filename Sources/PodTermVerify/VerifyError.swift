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

    public var description: String {
        switch self {
        case .permission(let m): return m
        case .notLinux: return "podterm verify needs Linux: it builds the process tree for real in a PID namespace"
        case .notCovered(let m): return m
        case .failure(let m): return m
        }
    }
}
