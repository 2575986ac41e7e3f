import PodTerm

/// Which process an event matcher is about: PID 1 of a container, a program by name, or a
/// process by its stable outcome key (`app/server`, `app/sh#2`).
///
/// ```swift
/// EventMatcher.signal(.kill, sentTo: .pid1(of: "app"))
/// EventMatcher.killed(.program("java"), by: .kill)
/// ```
public struct ProcessSelector: Sendable, CustomStringConvertible {
    /// How it reads in a failure message: `app's PID 1`, `java`, `app/server`.
    public let description: String
    /// Whether process `process` is the one, as of event number `event` (a process that exec'd
    /// runs another program before and after).
    let test: @Sendable (_ timeline: Timeline, _ process: Int, _ event: Int) -> Bool

    /// PID 1 of the container named `container` (any instance of it, after restarts too).
    public static func pid1(of container: String) -> ProcessSelector {
        ProcessSelector(description: "\(container)'s PID 1") { t, i, _ in
            let p = t.processes[i]
            return p.pid == 1 && t.containers[p.container].name == container
        }
    }

    /// The process the command of the container named `container` runs as (any instance):
    /// its PID 1, or with `shareProcessNamespace` (where the pause process is PID 1) the first
    /// process the runtime started in the instance, whose parent is the shim.
    public static func main(of container: String) -> ProcessSelector {
        ProcessSelector(description: "\(container)'s main process") { t, i, _ in
            let p = t.processes[i]
            guard t.containers[p.container].name == container, p.parent == nil else { return false }
            return !t.processes[..<i].contains { $0.container == p.container && $0.containerInstance == p.containerInstance && $0.parent == nil }
        }
    }

    /// A process running the program `name` (argv[0]'s base name) at the event, in any
    /// container or only in `container`: `sh` before it exec'd `server`, `server` after.
    public static func program(_ name: String, in container: String? = nil) -> ProcessSelector {
        ProcessSelector(description: container.map { "\(name) in \($0)" } ?? name) { t, i, event in
            let p = t.processes[i]
            return p.name(atEvent: event) == name && (container == nil || t.containers[p.container].name == container)
        }
    }

    /// The process whose outcome key is `key`: `CONTAINER/PROGRAM`, `#2` for the second of a name.
    public static func key(_ key: String) -> ProcessSelector {
        ProcessSelector(description: key) { t, i, _ in
            Outcome.processKeys(t).contains { $0.key == key && $0.index == i }
        }
    }

    /// Any process.
    public static var any: ProcessSelector { ProcessSelector(description: "any process") { _, _, _ in true } }
}
