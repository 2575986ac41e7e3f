import PodTerm

/// The runs the player can show for one scenario: the original and every branch made from it
/// with `k` (a signal sent by hand at a moment), each with its timeline, and which is shown.
///
/// A branch made while a branch is shown branches from that one (its actions come first).
/// No terminal in it: tested headless.
public struct BranchSet: Sendable {
    /// One run: what was done, and its timeline.
    public struct Entry: Sendable {
        public let branch: Branch
        public let timeline: Timeline
    }

    /// The seed every run uses (nil: the scenario's).
    public let seed: UInt64?
    /// The original first, then the branches in the order they were made.
    public private(set) var entries: [Entry]
    /// The one shown.
    public private(set) var current = 0
    /// The branch shown before the original, for the key that goes back and forth.
    public private(set) var lastBranch: Int?

    /// The set for `scenario`, whose run with `seed` is `original`.
    public init(scenario: Scenario, seed: UInt64?, original: Timeline) {
        self.seed = seed
        entries = [Entry(branch: Branch(of: scenario), timeline: original)]
    }

    /// The timeline shown.
    public var timeline: Timeline { entries[current].timeline }
    /// The original's timeline.
    public var original: Timeline { entries[0].timeline }

    /// How a process is named in a branch: `CONTAINER/PROGRAM#N`, the Nth process of that
    /// name in its container at `moment` (as `NodeKill` counts them), so it names the same
    /// process however many of that name exist.
    public static func target(process p: Int, in moment: Moment) -> ProcessTarget {
        let me = moment.processes[p]
        var n = 0
        for q in moment.processes[...p] where q.container == me.container && q.name == me.name { n += 1 }
        return ProcessTarget(container: moment.containers[me.container].name, program: me.name, occurrence: n)
    }

    /// The action of sending `sig` by hand to process `p` of the shown run at `time`.
    public func action(_ sig: Signal, process p: Int, at time: Millis) -> StopAction {
        StopAction(at: time, .kill(HandKill(target: Self.target(process: p, in: timeline.moment(at: time)), signal: sig)))
    }

    /// The shown run with that action added, run (not kept).
    public func preview(_ sig: Signal, process p: Int, at time: Millis) throws -> (Branch, Timeline) {
        let b = entries[current].branch.adding(action(sig, process: p, at: time))
        return (b, try b.run(seed: seed))
    }

    /// Sends `sig` to process `p` at `time` in the shown run: a new branch, shown; returns its index.
    @discardableResult
    public mutating func send(_ sig: Signal, process p: Int, at time: Millis) throws -> Int {
        let (b, t) = try preview(sig, process: p, at: time)
        entries.append(Entry(branch: b, timeline: t))
        show(entries.count - 1)
        return current
    }

    /// Shows run `i`.
    public mutating func show(_ i: Int) {
        guard entries.indices.contains(i) else { return }
        if i == 0 && current != 0 { lastBranch = current }
        current = i
    }

    /// The original, or back to the branch shown before it.
    public mutating func toggleOriginal() {
        if current != 0 { show(0) } else if let b = lastBranch { show(b) }
    }
}
