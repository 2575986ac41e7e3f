import Testing
@testable import PodTerm

/// Poisson traffic is counted per interval, never per request: any rate and horizon runs in
/// memory that does not grow with them (issue 8, item 7b).
@Suite("Poisson traffic at any rate")
struct PoissonTrafficTests {
    func rollout(rate: Int, deleteAt: Millis) -> Scenario {
        Scenario(
            pod: PodSpec(containers: [ContainerSpec(name: "app", command: ["/app/server"])]),
            programs: ["/app/server": ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 2_000, then: .exit(0)))])],
            network: NetworkSpec(consumers: [EndpointConsumer(name: "kube-proxy", delay: 1_000), EndpointConsumer(name: "ingress", delay: 3_000)]),
            actions: [StopAction(at: deleteAt, .delete(DeleteOptions()))],
            horizon: deleteAt + 60_000,
            workloads: [WorkloadSpec(name: "web", container: "app", kind: .http(HTTPWorkload(rate: rate, serviceTime: 50, arrivals: .poisson)))])
    }

    /// `value` is within 6 standard deviations of a Poisson count of mean `mean`.
    func plausible(_ value: FigureValue?, mean: Double) -> Bool {
        guard case .int(let v)? = value else { return false }
        return abs(Double(v) - mean) <= 6 * mean.squareRoot()
    }

    @Test func aMillionRequestsASecondForAnHour() throws {
        let rate = 1_000_000
        let t = try Simulator.run(rollout(rate: rate, deleteAt: 3_600_000))
        let o = t.outcome
        // Served: both consumers for the hour; refused: kube-proxy 1 s more, the ingress 3 s more.
        #expect(plausible(o["traffic.served"], mean: 2 * 3_600 * Double(rate)))
        #expect(plausible(o["traffic.refused"], mean: 4 * Double(rate)))
        #expect(o["traffic.failed"] == .int(0))
        #expect(try Simulator.run(rollout(rate: rate, deleteAt: 3_600_000)) == t, "same seed, same counts")
    }

    @Test func aStreamKeepsOnlyTheTimesItWasAskedAbout() {
        let s = ArrivalStream(rate: 1_000_000, pattern: .poisson, rng: SeededGenerator(seed: 3))
        let hour: Millis = 3_600_000
        let n = s.before(hour)
        #expect(abs(Double(n) - 3.6e9) <= 6 * 60_000)
        // Asking inside a known interval splits it; its parts add up, in order.
        let half = s.before(hour / 2)
        #expect(half > 0 && half < n)
        #expect(s.between(hour / 2, hour) == n - half)
        #expect(s.before(hour - 50) <= n && s.before(hour - 50) >= half)
        #expect(s.before(hour) == n, "a count once drawn stays")
        #expect(s.storedPoints == 4)  // 0, 30 min, 1 h − 50 ms, 1 h
    }

    @Test func countsBetweenKnownTimesAreConsistent() {
        let s = ArrivalStream(rate: 100, pattern: .poisson, rng: SeededGenerator(seed: 8))
        var last = 0
        for t in stride(from: 1_000, through: 60_000, by: 1_000) {
            let n = s.before(Millis(t))
            #expect(n >= last)
            last = n
        }
        // Refining every 10 ms inside the minute never breaks monotonicity or the totals.
        var previous = 0
        for t in stride(from: 10, through: 60_000, by: 10) {
            let n = s.before(Millis(t))
            #expect(n >= previous)
            previous = n
        }
        #expect(previous == last)
    }
}
