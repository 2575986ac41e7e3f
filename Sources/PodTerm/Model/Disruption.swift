/// A PodDisruptionBudget that covers the pod, reduced to what an eviction sees: how many
/// disruptions its status allows, and from when it allows one (another replica became ready).
///
/// Rule: `eviction.pdb`.
public struct DisruptionBudget: Sendable, Equatable {
    /// `status.disruptionsAllowed` at the start: 0 refuses every eviction of a running pod.
    public var disruptionsAllowed: Int
    /// When the budget starts allowing one disruption (e.g. another pod becomes ready at 12 s);
    /// nil: never within the run.
    public var until: Millis?

    /// Creates a budget; the default allows no disruption, ever.
    public init(disruptionsAllowed: Int = 0, until: Millis? = nil) {
        self.disruptionsAllowed = disruptionsAllowed
        self.until = until
    }

    /// Whether an eviction at `time` passes the budget.
    public func allowsEviction(at time: Millis) -> Bool {
        disruptionsAllowed > 0 || until.map { time >= $0 } ?? false
    }
}

/// The reason of a pod's `DisruptionTarget` condition: who is about to stop it.
///
/// Rule: `api.disruption-target`.
public enum DisruptionReason: String, Sendable, Equatable, CaseIterable {
    /// The Eviction API (`kubectl drain`).
    case evictionByEvictionAPI = "EvictionByEvictionAPI"
    /// Scheduler preemption.
    case preemptionByScheduler = "PreemptionByScheduler"
    /// The kubelet: node-pressure eviction, graceful node shutdown.
    case terminationByKubelet = "TerminationByKubelet"

    /// The first version whose API server, scheduler and kubelet set the condition
    /// (`PodDisruptionConditions`, beta and on by default in 1.26, GA in 1.31).
    public static let since = KubernetesVersion(1, 26)
}

/// How the kubelet's pod worker computes the effective grace (`calculateEffectiveGracePeriod`).
public enum GracePeriodProfile: String, Sendable, Equatable, CaseIterable {
    /// Every release from 1.22 to 1.34: an explicit 0 counts as unset and falls back to the
    /// pod's `terminationGracePeriodSeconds` (`kubelet.force-delete-full-grace`). The default.
    case release
    /// Kubernetes master as of 2026, in no release yet: an `overridden` flag keeps an explicit 0,
    /// which the floor then raises to 1 (`kubelet.effective-grace-master-2026`). Opt-in only.
    case master2026 = "master-2026"
}
