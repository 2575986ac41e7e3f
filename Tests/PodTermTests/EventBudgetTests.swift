import Testing
@testable import PodTerm

/// Every run has an event budget; past it the run stops and says so (issue 8, item 7a).
@Suite("event budget")
struct EventBudgetTests {
    /// A container that fails at once, restarted by the kubelet (10 s back-off doubling to
    /// 5 min) for a year: about 630,000 events.
    func crashLoop(horizon: Millis = 365 * 86_400_000) -> Scenario {
        Scenario(
            pod: PodSpec(containers: [ContainerSpec(name: "app", command: ["/app/server"])]),
            programs: ["/app/server": ProgramSpec(runsFor: 1, exitCode: 1)],
            horizon: horizon)
    }

    @Test func aRunPastItsBudgetIsStoppedAndThrows() throws {
        do {
            _ = try Simulator.run(crashLoop(), maxEvents: 10_000)
            Issue.record("a year of crash loop fitted in 10,000 events")
        } catch let e as EventBudgetExceeded {
            #expect(e.maxEvents == 10_000)
            #expect(e.stoppedAt > 0 && e.stoppedAt < 365 * 86_400_000)
            #expect(e.timeline.endedAt == e.stoppedAt)
            #expect(!e.timeline.hitHorizon)
            // It stops before the step after the one that reached the budget.
            #expect(e.timeline.events.count >= 10_000 && e.timeline.events.count < 10_010)
            #expect(e.timeline.events.last?.time == e.stoppedAt)
            #expect(e.pending >= 1)
            #expect(e.description.hasPrefix("the run stopped after 10000 events at "))
            #expect(e.description.contains("of its 365d horizon"))
            #expect(e.description.contains("raise maxEvents"))
            #expect(e.lastEvent != nil)
        }
    }

    @Test func theDefaultBudgetIsAMillionEvents() {
        // Reaching it takes half a minute in a debug build; the CLI tests run it once.
        #expect(EventBudget.defaultMaxEvents == 1_000_000)
        #expect(EventBudget.range == 1...100_000_000)
    }

    @Test func aBudgetThatSufficesChangesNothing() throws {
        // A short crash loop: 5 restarts within its horizon.
        let s = crashLoop(horizon: 200_000)
        let free = try Simulator.run(s)
        var needed = 0
        for n in 1...10_000 {
            if let t = try? Simulator.run(s, maxEvents: n) {
                #expect(t == free)
                needed = n
                break
            }
        }
        #expect(needed > 1)
        #expect(throws: EventBudgetExceeded.self) { try Simulator.run(s, maxEvents: needed - 1) }
    }

    @Test func aBudgetOutsideItsRangeIsRefused() {
        for n in [0, -1, EventBudget.range.upperBound + 1] {
            #expect(throws: ModelError.eventBudgetOutOfRange(n)) { try Simulator.run(crashLoop(horizon: 1_000), maxEvents: n) }
        }
    }

    @Test func longTimesReadInDaysAndHours() {
        #expect(EventBudgetExceeded.format(365 * 86_400_000) == "365d")
        #expect(EventBudgetExceeded.format(13 * 3_600_000 + 25 * 60_000 + 10_167) == "13h25m10.167s")
        #expect(EventBudgetExceeded.format(90_000) == "1m30s")
    }
}
