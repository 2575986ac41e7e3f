/// A branch of a run: the same scenario plus actions injected at given times (signals sent by
/// hand, `HandKill`), so it is deterministic and can be replayed headless (`podterm run
/// --inject`, one flag per injected action) with the same result.
///
/// Everything before the first injected action happens exactly as in the original run: the
/// injected items act after the file's own, at their millisecond after what the processes do
/// in it (`tie.stop-action-after-processes`), and no random draw is taken before them.
///
/// ```swift
/// let branch = Branch(of: scenario).adding(StopAction(at: 12_000, .kill(HandKill(target: ProcessTarget(program: "java")))))
/// print(branch.name)                 // SIGTERM → java at 12.000s
/// let timeline = try branch.run()
/// ```
public struct Branch: Sendable, Equatable {
    /// The scenario it branches from.
    public let base: Scenario
    /// What was done, in order.
    public private(set) var injected: [StopAction]

    /// A branch of `base` with `injected` actions (none: the original run).
    public init(of base: Scenario, injecting injected: [StopAction] = []) {
        self.base = base
        self.injected = injected
    }

    /// This branch with one more action.
    public func adding(_ action: StopAction) -> Branch {
        var b = self
        b.injected.append(action)
        return b
    }

    /// The scenario it runs: the base's actions, then the injected ones.
    public var scenario: Scenario {
        var s = base
        s.actions += injected
        return s
    }

    /// Named by what was done: `SIGTERM → java at 12.000s`, several joined by `, then `;
    /// `original` for none.
    public var name: String {
        injected.isEmpty ? "original" : injected.map(Branch.name(of:)).joined(separator: ", then ")
    }

    /// The words for one action.
    public static func name(of action: StopAction) -> String {
        let at = " at " + formatClock(action.at)
        switch action.kind {
        case .kill(let k): return "\(k.signal.name) → \(k.target)" + at
        case .delete: return "kubectl delete" + at
        case .evict: return "eviction" + at
        case .nodeShutdown: return "node shutdown" + at
        case .probeFailure(let c, let probe, _): return "\(probe.rawValue) probe fails in \(c)" + at
        case .oomKill(let c, _): return "OOM kill in \(c)" + at
        case .docker(let d):
            switch d {
            case .stop: return "docker stop" + at
            case .kill(let s): return "docker kill \((s ?? .kill).name)" + at
            case .removeForce: return "docker rm -f" + at
            case .remove: return "docker rm" + at
            }
        case .supervisorctlStop(let p): return "supervisorctl stop \(p)" + at
        case .crictlStop(let c, let t): return "crictl stop --timeout \(t) \(c)" + at
        }
    }

    /// The `--inject` flags that replay it headless (for signals sent by hand).
    public var injectFlags: [String] {
        injected.compactMap { a in
            guard case .kill(let k) = a.kind else { return nil }
            return "--inject \(a.at.ms)ms:\(k.target):\(k.signal.shortName)"
        }
    }

    /// Runs it (`Simulator.run`).
    public func run(seed: UInt64? = nil, maxEvents: Int = EventBudget.defaultMaxEvents) throws -> Timeline {
        try Simulator.run(scenario, seed: seed, maxEvents: maxEvents)
    }

    /// The index of the first event where two runs differ (nil: the same events).
    public static func firstDifference(_ a: Timeline, _ b: Timeline) -> Int? {
        let n = min(a.events.count, b.events.count)
        for i in 0..<n where a.events[i] != b.events[i] { return i }
        return a.events.count == b.events.count ? nil : n
    }
}
