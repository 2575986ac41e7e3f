/// The children a shell started itself (foreground and background) and how each ended.
struct ShellJobs {
    /// Global pids, in start order.
    var started: [Int] = []
    /// Exit status (`$?` form) of each job that ended.
    var statuses: [Int: Int] = [:]
    /// The jobs that ended, in the order they ended.
    var endOrder: [Int] = []

    /// Whether `pid` is one of the shell's jobs.
    func contains(_ pid: Int) -> Bool { started.contains(pid) }

    /// Job `pid` ended with `status`.
    mutating func ended(_ pid: Int, status: Int) {
        statuses[pid] = status
        endOrder.append(pid)
    }
}

/// What the shell is waiting for before its script goes on.
enum ShellWait: Equatable {
    case none
    /// After `kill`: lets the signal's delivery happen before the script goes on.
    case yielded
    case foreground(Int)
    /// `wait pid…` (-1 for an operand that is not a child: status 127).
    case pids([Int])
    /// `wait` without operands.
    case all
    /// `wait -n`.
    case any([Int])

    /// For a wait on jobs: the status the waiting command ends with once `jobs` satisfy it, nil
    /// while they do not (and for `.none` and `.yielded`).
    func status(_ jobs: ShellJobs) -> Int? {
        switch self {
        case .none, .yielded:
            return nil
        case .foreground(let pid):
            return jobs.statuses[pid]
        case .pids(let pids):
            guard pids.allSatisfy({ $0 < 0 || jobs.statuses[$0] != nil }) else { return nil }
            let last = pids.last!
            return last < 0 ? 127 : jobs.statuses[last]!
        case .all:
            guard jobs.started.allSatisfy({ jobs.statuses[$0] != nil }) else { return nil }
            return 0
        case .any(let pids):
            guard let done = jobs.endOrder.first(where: { pids.contains($0) }) else { return nil }
            return jobs.statuses[done]!
        }
    }
}
