import Testing
@testable import PodTerm

/// A Kafka consumer's bulk writes are counted in closed form, so a tiny `flushInterval` over a
/// long run neither spins nor changes a figure (issue 8, item 7c).
@Suite("Kafka consumer over long runs")
struct KafkaLongRunTests {
    /// A consumer OOM-killed at `killAt`: its figures then are those of every message before it.
    func indexer(rate: Int, batch: Int, flush: Millis, killAt: Millis) -> Scenario {
        Scenario(
            pod: PodSpec(restartPolicy: .never, containers: [ContainerSpec(name: "indexer", command: ["/app/indexer"])]),
            programs: ["/app/indexer": ProgramSpec()],
            actions: [StopAction(at: killAt, .oomKill(container: "indexer", process: nil))],
            horizon: killAt + 1_000,
            workloads: [WorkloadSpec(name: "i", container: "indexer", kind: .kafka(KafkaWorkload(
                rate: rate, batchSize: batch, flushInterval: flush, commit: .autoBeforeProcessing, onStop: .nothing)))])
    }

    /// The same semantics, one message at a time: a periodic flush at f (every `flush` from the
    /// start) writes what arrived before f; a batch is written when it fills.
    func reference(rate: Int, batch: Int, flush: Millis, killAt: Millis) -> (consumed: Int, written: Int, bulkWrites: Int, lost: Int) {
        var buffer = 0, written = 0, writes = 0, consumed = 0
        var nextFlush = flush
        func periodic(upTo t: Millis, inclusive: Bool) {
            while nextFlush < t || (inclusive && nextFlush == t) {
                if buffer > 0 { written += buffer; writes += 1; buffer = 0 }
                nextFlush += flush
            }
        }
        var n = 0
        while Millis(n * 1000 / rate) < killAt {
            periodic(upTo: Millis(n * 1000 / rate), inclusive: true)
            buffer += 1
            consumed += 1
            if buffer == batch { written += buffer; writes += 1; buffer = 0 }
            n += 1
        }
        periodic(upTo: killAt, inclusive: false)
        return (consumed, written, writes, buffer)
    }

    @Test func closedFormMatchesMessageByMessage() throws {
        for rate in [1, 7, 200, 1_000, 3_000] {
            for batch in [1, 2, 3, 500] {
                for flush: Millis in [1, 3, 250, 1_000, 1_234] {
                    for killAt: Millis in [1, 999, 1_000, 1_001, 7_250] {
                        let want = reference(rate: rate, batch: batch, flush: flush, killAt: killAt)
                        let o = try Simulator.run(indexer(rate: rate, batch: batch, flush: flush, killAt: killAt)).outcome
                        let got = (o["kafka.consumed"], o["kafka.written"], o["kafka.bulkWrites"], o["kafka.lost"])
                        #expect(got == (.int(want.consumed), .int(want.written), .int(want.bulkWrites), .int(want.lost)),
                                "rate \(rate) batch \(batch) flush \(flush) kill at \(killAt)")
                    }
                }
            }
        }
    }

    @Test func aOneMillisecondFlushForThreeHundredDaysDoesNotSpin() throws {
        let days300 = 300 * 86_400_000  // also the messages at one a millisecond
        // One message a millisecond: every flush writes the one message of the millisecond
        // before; the one of the last millisecond is still buffered at the kill.
        let o = try Simulator.run(indexer(rate: 1_000, batch: 500, flush: 1, killAt: Millis(days300))).outcome
        #expect(o["kafka.consumed"] == .int(days300))
        #expect(o["kafka.written"] == .int(days300 - 1))
        #expect(o["kafka.bulkWrites"] == .int(days300 - 1))
        #expect(o["kafka.lost"] == .int(1))
        // Three a millisecond, batches of two: a full batch, then the odd one at the flush.
        let three = try Simulator.run(indexer(rate: 3_000, batch: 2, flush: 1, killAt: Millis(days300))).outcome
        #expect(three["kafka.consumed"] == .int(3 * days300))
        #expect(three["kafka.bulkWrites"] == .int(2 * (days300 - 1) + 1))
        #expect(three["kafka.lost"] == .int(1))
    }
}

@Suite("Kafka parameters the model refuses")
struct KafkaParameterTests {
    @Test func aZeroFlushIntervalOrBatchIsAnErrorNotAHang() {
        for (batch, flush) in [(0, 1_000), (500, 0)] {
            let s = Scenario(
                pod: PodSpec(containers: [ContainerSpec(name: "indexer", command: ["/app/indexer"])]),
                programs: ["/app/indexer": ProgramSpec()],
                actions: [StopAction(at: 1_000, .delete(DeleteOptions()))],
                workloads: [WorkloadSpec(name: "i", container: "indexer", kind: .kafka(KafkaWorkload(rate: 10, batchSize: batch, flushInterval: Millis(flush))))])
            #expect(throws: ModelError.self) { try Simulator.run(s) }
        }
    }
}
