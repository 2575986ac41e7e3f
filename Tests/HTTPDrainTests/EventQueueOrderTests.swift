import PodTerm  // the engine's queue, which the http-drain model runs on
import Testing

/// The benchmark's results depend on `EventQueue` popping in `(time, seq)` order, and the
/// benchmark is where its sifting was tuned, so the order is checked here against a plain sort.
@Suite("EventQueue order")
struct EventQueueOrderTests {
    /// A small deterministic generator (SplitMix64), so the test needs nothing from the engine.
    struct SplitMix {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    @Test("interleaved pushes and pops come out by (time, seq)", arguments: [1, 2, 7, 50, 1000])
    func matchesSortedReference(timeSpread: Int) {
        var rng = SplitMix(state: UInt64(timeSpread))
        var queue = EventQueue<String>()  // a reference-counted payload, to exercise copies
        var pending: [(time: Int, seq: Int, payload: String)] = []
        var now = 0
        for step in 0..<4000 {
            if rng.next(3) < 2 || pending.isEmpty {
                let time = now + rng.next(timeSpread)
                let payload = "event \(step)"
                let seq = queue.push(payload, at: time)
                pending.append((time, seq, payload))
            } else {
                pending.sort { ($0.time, $0.seq) < ($1.time, $1.seq) }
                let expected = pending.removeFirst()
                let popped = queue.pop()
                #expect(popped?.time == expected.time)
                #expect(popped?.payload == expected.payload)
                now = expected.time
            }
            #expect(queue.count == pending.count)
        }
        pending.sort { ($0.time, $0.seq) < ($1.time, $1.seq) }
        #expect(queue.pendingInOrder().map(\.payload) == pending.map(\.payload))
        for expected in pending {
            #expect(queue.pop()?.payload == expected.payload)
        }
        #expect(queue.pop() == nil)
        #expect(queue.isEmpty)
    }
}
