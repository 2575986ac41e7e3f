import Foundation
import PodTerm

/// Decodes what a scenario says about disruptions and the kubelet's grace calculation:
/// `podDisruptionBudget:`, `kubelet:`, and the checks an unscheduled pod (`pod.status.phase:
/// Pending`) needs.
enum DisruptionDecoding {
    static let budgetKeys = ["disruptionsAllowed", "until"]
    static let kubeletKeys = ["gracePeriodProfile"]

    /// `podDisruptionBudget: {disruptionsAllowed: 0, until: 12s}`: evictions are refused with
    /// 429 until 12 s (another replica became ready then); without `until`, for the whole run.
    static func budget(_ node: SourceNode?) throws -> DisruptionBudget? {
        guard let node else { return nil }
        let b = try MappingReader(node, path: "podDisruptionBudget", known: budgetKeys)
        let allowed = try b.int("disruptionsAllowed", ValueRanges.disruptions) ?? 0
        let until = try b.duration("until")
        if allowed > 0, let k = b.entry("until")?.keyNode {
            throw LocatedError(at: k, untilWithAllowance(allowed))
        }
        return DisruptionBudget(disruptionsAllowed: allowed, until: until)
    }

    /// Why `until` cannot go with a budget that already allows disruptions.
    static func untilWithAllowance(_ allowed: Int) -> String {
        "podDisruptionBudget.until: the budget already allows \(allowed) disruption\(allowed == 1 ? "" : "s"), so there is nothing to wait for; set disruptionsAllowed: 0 or drop until"
    }

    /// Why an unscheduled pod cannot take stop item `i`.
    static func pendingStop(_ i: Int, _ at: String = "") -> String {
        "stop.\(i): the pod is Pending on no node (pod.status.phase: Pending\(at)), so only a delete can act on it (kubectl drain lists only a node's pods); use delete: {}"
    }

    /// Why an unscheduled pod cannot run workloads.
    static let pendingWorkloads = "workloads: the pod is Pending on no node (pod.status.phase: Pending), so nothing runs to serve or consume; drop workloads or the Pending status"

    /// `kubelet: {gracePeriodProfile: master-2026}`: the opt-in pod-worker grace calculation of
    /// Kubernetes master; `release` (the default) is that of every release.
    static func gracePeriodProfile(_ node: SourceNode?) throws -> GracePeriodProfile {
        guard let node else { return .release }
        let k = try MappingReader(node, path: "kubelet", known: kubeletKeys)
        guard let pnode = k.value("gracePeriodProfile") else { return .release }
        let text = try Scalars.string(pnode, "kubelet.gracePeriodProfile")
        let names = GracePeriodProfile.allCases.map(\.rawValue)
        guard let profile = GracePeriodProfile(rawValue: text) else {
            throw LocatedError(at: pnode, "kubelet.gracePeriodProfile: '\(text)' is not modelled\(Suggestions.hint(text, in: names)); expected one of \(names.joined(separator: ", "))")
        }
        return profile
    }

    static func lineText(_ node: SourceNode) -> String {
        if case .file(let line, _) = node.origin { return " at line \(line)" }
        return ""
    }

    /// An unscheduled pod has no kubelet and no container: only a delete can act on it, and
    /// no workload runs in it.
    static func checkPending(_ pending: SourceNode, actions: [StopAction], stopNode: SourceNode?, workloadsNode: SourceNode?) throws {
        if let stopNode, case .sequence(let items) = stopNode.content {
            for (i, a) in actions.enumerated() where i < items.count {
                if case .delete = a.kind { continue }
                throw LocatedError(at: items[i], pendingStop(i, lineText(pending)))
            }
        }
        if let workloadsNode {
            throw LocatedError(at: workloadsNode, pendingWorkloads)
        }
    }
}
