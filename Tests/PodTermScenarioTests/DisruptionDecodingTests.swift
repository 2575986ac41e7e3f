import Foundation
import PodTerm
@testable import PodTermScenario
import Testing

/// `pod.status.phase: Pending`, `podDisruptionBudget:`, `drain: {timeout}` and
/// `kubelet: {gracePeriodProfile}`: what they decode into, and their errors with a place.
@Suite struct DisruptionDecodingTests {
    @Test func aPendingPodIsUnscheduledAndTakesOnlyDeletes() throws {
        let yaml = minimal(replacing: "pod:\n", with: "pod:\n  status: {phase: Pending}\n")
        let s = try load(yaml).scenario
        #expect(s.pod.scheduled == false)
        let drained = minimal(replacing: "pod:\n", with: "pod:\n  status: {phase: Pending}\n").replacingOccurrences(of: "delete: {}", with: "drain: {}")
        expectError(drained, at: "at: 10s", contains: "stop.0: the pod is Pending on no node")
        expectError(minimal(replacing: "pod:\n", with: "pod:\n  status: {phase: Succeeded}\n"), at: "Succeeded",
                    contains: "pod.status.phase: expected Pending (not scheduled to any node) or Running (the default), got 'Succeeded'")
        let running = try load(minimal(replacing: "pod:\n", with: "pod:\n  status: {phase: Running}\n")).scenario
        #expect(running.pod.scheduled)
    }

    @Test func aBudgetAndADrainTimeoutDecode() throws {
        let yaml = minimal(replacing: "stop:\n  - at: 10s\n    delete: {}", with: "podDisruptionBudget: {disruptionsAllowed: 0, until: 12s}\nstop:\n  - at: 10s\n    drain: {timeout: 30s}")
        let s = try load(yaml).scenario
        #expect(s.disruptionBudget == DisruptionBudget(disruptionsAllowed: 0, until: 12_000))
        #expect(s.actions.first?.kind == .evict(.api(drainTimeout: 30_000)))
        let forever = try load(minimal(replacing: "delete: {}", with: "drain: {timeout: 0s}")).scenario
        #expect(forever.actions.first?.kind == .evict(.api(drainTimeout: nil)))
        expectError(minimal(replacing: "stop:\n", with: "podDisruptionBudget: {disruptionsAllowed: 1, until: 5s}\nstop:\n"), at: "until",
                    contains: "podDisruptionBudget.until: the budget already allows 1 disruption")
        expectError(minimal(replacing: "stop:\n", with: "podDisruptionBudget: {minAvailable: 1}\nstop:\n"), at: "minAvailable",
                    contains: "minAvailable")
    }

    @Test func theGraceProfileIsOptInAndUnknownOnesAreNamed() throws {
        #expect(try load(minimalYAML).scenario.gracePeriodProfile == .release)
        let yaml = minimal(replacing: "stop:\n", with: "kubelet: {gracePeriodProfile: master-2026}\nstop:\n")
        #expect(try load(yaml).scenario.gracePeriodProfile == .master2026)
        expectError(minimal(replacing: "stop:\n", with: "kubelet: {gracePeriodProfile: master}\nstop:\n"), at: "master}",
                    contains: "kubelet.gracePeriodProfile: 'master' is not modelled")
        expectError(minimal(replacing: "stop:\n", with: "kubelet: {gracePeriodProfile: master}\nstop:\n"), at: "master}",
                    contains: "expected one of release, master-2026")
    }
}
