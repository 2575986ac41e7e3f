import HTTPDrain
import Testing

/// Total requests sent, counted from the document's definition rather than from the model:
/// consumer i sends request n at `floor(n·1000 / R)` while that is `< stop_i`, so it sends
/// every n with `n·1000 < stop_i·R`, that is `ceil(stop_i·R / 1000)` requests.
func expectedArrivals(_ p: HTTPDrainParameters) -> Int {
    (0..<p.consumers).reduce(0) { total, i in
        let stop = p.stopMs(ofConsumer: i)
        return total + (stop <= 0 ? 0 : (stop * p.rate + 999) / 1000)
    }
}

/// Parameter sets chosen to cross the model's boundaries: rates that do and do not divide 1000,
/// P above, equal to and below G, S above G, deletion at 0, zero propagation delays.
let invariantCases: [HTTPDrainParameters] = [
    HTTPDrainParameters(),
    HTTPDrainParameters(rate: 1, consumers: 1, deleteMs: 5000),
    HTTPDrainParameters(rate: 3, consumers: 4, serviceMs: 333, deleteMs: 4000, prestopMs: 100, graceMs: 200),
    HTTPDrainParameters(rate: 999, consumers: 2, deleteMs: 3000, prestopMs: 0),
    HTTPDrainParameters(rate: 1001, consumers: 2, serviceMs: 7, deleteMs: 3000, prestopMs: 2),
    HTTPDrainParameters(rate: 7000, consumers: 2, serviceMs: 3, deleteMs: 1500, prestopMs: 1, graceMs: 1),
    HTTPDrainParameters(rate: 250, consumers: 6, serviceMs: 4000, deleteMs: 2000, prestopMs: 3000, graceMs: 3000),
    HTTPDrainParameters(rate: 40, consumers: 3, serviceMs: 10, deleteMs: 0, prestopMs: 0, graceMs: 0, propBaseMs: 0, propStepMs: 0),
    HTTPDrainParameters(rate: 40, consumers: 3, serviceMs: 10, deleteMs: 100, prestopMs: 0, graceMs: 50, propBaseMs: 0, propStepMs: 1),
    HTTPDrainParameters(rate: 1000, consumers: 2, serviceMs: 5000, deleteMs: 2000, prestopMs: 6000, graceMs: 1000),
]

@Suite("Invariants of the http-drain model")
struct InvariantTests {
    @Test("every request is served, refused or failed, exactly once", arguments: invariantCases)
    func everyRequestAccountedFor(_ p: HTTPDrainParameters) {
        let r = HTTPDrainModel.run(p)
        #expect(r.served + r.refused + r.failed == expectedArrivals(p))
    }

    @Test("events = arrivals + completions + STOPs + DELETE/SIGTERM/KILL popped", arguments: invariantCases)
    func eventCountBounds(_ p: HTTPDrainParameters) {
        let r = HTTPDrainModel.run(p)
        let arrivals = expectedArrivals(p)
        // At least: every arrival, every served completion, one STOP per consumer, DELETE.
        #expect(r.events >= arrivals + r.served + p.consumers + 1)
        // At most: every arrival, one completion each, the STOPs, DELETE, SIGTERM and KILL.
        #expect(r.events <= 2 * arrivals + p.consumers + 3)
    }

    @Test("the run ends with the process gone, after the last consumer stops", arguments: invariantCases)
    func endsGone(_ p: HTTPDrainParameters) {
        let r = HTTPDrainModel.run(p)
        let lastStop = p.stopMs(ofConsumer: p.consumers - 1)
        #expect(r.exitCause != .none)
        #expect(r.endMs == max(r.exitMs, lastStop))
        #expect(r.exitMs >= p.deleteMs && r.exitMs <= p.deleteMs + p.graceMs)
        if r.exitCause == .drained { #expect(r.failed == 0) }
        if p.deleteMs + p.prestopMs >= p.deleteMs + p.graceMs {
            // KILL pops before (or, when P == G, right after) SIGTERM: nothing is ever refused
            // while the process lives, and arrivals after the kill are refused.
            #expect(r.exitMs == p.deleteMs + p.graceMs)
        }
    }
}
