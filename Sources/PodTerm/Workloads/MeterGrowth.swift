/// How a workload's figures grow from one of its `meters` events until its next: the law in
/// force between two changes, so a moment at any time computes the exact counts in closed
/// form, without an event per request or message (`WorkloadMeters.projected(to:)`).
///
/// Integer and deterministic: the same arithmetic the workload models count with
/// (`Arrivals`, `KafkaCount`). Arrivals of a seeded Poisson stream have no closed form that
/// a moment could compute without the stream's draws: their figures stay those of the last
/// change (`notClosedForm`).
public enum MeterGrowth: Sendable, Equatable {
    /// Nothing grows until the next change.
    case none
    /// The figures grow, but not in closed form (Poisson arrivals): as of the last change.
    case notClosedForm
    /// Requests from each sending consumer at its constant `rates` (per second, each its own
    /// stream), accepted (counted served until a death cuts them) or else refused.
    /// Figures: requests, served, refused, failed.
    case traffic(rates: [Int], accepted: Bool)
    /// Messages at `rate` consumed into a buffer, bulk-written at `batchSize` and every
    /// `flushInterval`: the next message's index and the next periodic flush, as of the event.
    /// Figures: consumed, written, bulkWrites, buffered, then the rest unchanged.
    case kafka(rate: Int, batchSize: Int, flushInterval: Millis, next: Int, nextFlush: Millis)
    /// Calls at `rate`; those before `okFrom` fail, every one fails when `okFrom` is nil (the
    /// relaying container's PID 1 is not running). Figures: calls, ok, failed.
    case outbound(rate: Int, okFrom: Millis?)

    /// `values` (the figures at `from`) grown to `t` (≥ `from`), with the law in force then.
    public func projected(_ values: [FigureValue], from: Millis, to t: Millis) -> (values: [FigureValue], growth: MeterGrowth) {
        guard t > from else { return (values, self) }
        var v = values
        func add(_ i: Int, _ n: Int) { if case .int(let x) = v[i] { v[i] = .int(x + n) } }
        switch self {
        case .none, .notClosedForm:
            return (values, self)
        case .traffic(let rates, let accepted):
            let n = rates.reduce(0) { $0 + Arrivals.between(from, t, rate: $1) }
            add(0, n)
            add(accepted ? 1 : 2, n)
            return (v, self)
        case .kafka(let rate, let batchSize, let flushInterval, let next, let nextFlush):
            func int(_ i: Int) -> Int { if case .int(let x) = v[i] { x } else { 0 } }
            var k = KafkaCount(rate: rate, batchSize: batchSize, flushInterval: flushInterval, next: next, nextFlush: nextFlush,
                               buffer: int(3), consumed: int(0), written: int(1), bulkWrites: int(2))
            k.advance(to: t)
            v[0] = .int(k.consumed); v[1] = .int(k.written); v[2] = .int(k.bulkWrites); v[3] = .int(k.buffer)
            return (v, k.growth)
        case .outbound(let rate, let okFrom):
            let n = Arrivals.between(from, t, rate: rate)
            let early = okFrom.map { Arrivals.between(from, min(t, max(from, $0)), rate: rate) } ?? n
            add(0, n)
            add(1, n - early)
            add(2, early)
            return (v, self)
        }
    }

    /// Whether `other` grows the same figures the same way from where each stands: a kafka
    /// count advanced silently is the same law, so it needs no new event.
    func sameLaw(as other: MeterGrowth) -> Bool {
        if case .kafka(let r, let b, let f, _, _) = self, case .kafka(let r2, let b2, let f2, _, _) = other {
            return r == r2 && b == b2 && f == f2
        }
        return self == other
    }
}
