/// A Kafka consumer that buffers messages and bulk-writes them to Elasticsearch.
///
/// From the moment its process starts it consumes every message as it arrives (message n at
/// `floor(n·1000/rate)` ms) into a buffer, bulk-written when it holds `batchSize` messages or
/// at every `flushInterval` since the start (a flush at time t writes what arrived before t;
/// one due at the very millisecond the process dies is not done, `kafka.flush-at-death`).
/// When the handler of its stop signal runs and `onStop` is `flushAndClose`, it stops
/// polling and starts closing: if the process then exits by itself (its cleanup finished), the
/// buffer was written, the offsets committed and the group left, so the partitions are
/// reassigned at once. When the process dies any other way (killed before or during the
/// close), the buffer dies with it: lost if offsets were
/// auto-committed before processing, redelivered to the next owner if they are committed
/// after each bulk write; the group notices only after `session.timeout.ms`, and the messages
/// that arrive meanwhile wait (lag).
final class KafkaConsumerModel: WorkloadModel {
    unowned let engine: Engine
    let spec: WorkloadSpec
    let kafka: KafkaWorkload
    private(set) var pid: Int?

    private var consuming = false
    /// The stop handler started the close; it completes if the process exits by itself.
    private var closing = false
    /// What it consumed and wrote, in closed form.
    private var count: KafkaCount
    private var lost = 0
    private var redelivered = 0
    private var lag = 0
    private var rebalanceDelay: Millis?

    init(engine: Engine, spec: WorkloadSpec, kafka: KafkaWorkload) {
        self.engine = engine
        self.spec = spec
        self.kafka = kafka
        count = KafkaCount(rate: kafka.rate, batchSize: kafka.batchSize, flushInterval: kafka.flushInterval)
    }

    /// Consumes the messages that arrive before `t`, with the bulk writes on the way.
    private func advance(to t: Millis) {
        guard consuming else { return }
        count.advance(to: t)
    }

    private func flush() { count.flush() }

    private var container: Int { engine.kernel.procs[pid!].container }

    func attach(_ pid: Int) {
        self.pid = pid
        consuming = true
        count.next = Arrivals.before(engine.now, rate: kafka.rate)
        count.nextFlush = engine.now + kafka.flushInterval
    }

    func stopHandlerStarted(_ signal: Signal) {
        guard consuming, kafka.onStop == .flushAndClose else { return }
        advance(to: engine.now)
        consuming = false
        closing = true
    }

    func processDied(_ dead: Int) {
        guard dead == pid, consuming || closing else { return }
        // kafka.flush-at-death: only the bulk writes due before this millisecond were done; one
        // due at this very millisecond would only start now, and the process is gone.
        advance(to: engine.now)
        consuming = false
        if closing {
            closing = false
            if case .exited? = engine.kernel.procs[dead].status {
                let flushed = count.buffer
                flush()
                rebalanceDelay = max(rebalanceDelay ?? 0, 0)
                engine.record(.process(dead), .kafkaClosed(flushed: flushed), container: container, process: dead, rule: .kafkaLeaveGroup)
                return
            }
        }
        let buffered = count.buffer
        let isLost = kafka.commit == .autoBeforeProcessing
        if isLost { lost += buffered } else { redelivered += buffered }
        count.buffer = 0
        rebalanceDelay = max(rebalanceDelay ?? 0, kafka.sessionTimeout)
        lag += Arrivals.between(engine.now, engine.now + kafka.sessionTimeout, rate: kafka.rate)
        engine.record(.process(dead), .kafkaDied(buffered: buffered, lost: isLost, sessionTimeout: kafka.sessionTimeout),
                      container: container, process: dead, rule: .kafkaSessionTimeout)
    }

    func finish(at t: Millis) -> WorkloadRecord {
        advance(to: t)
        return WorkloadRecord(name: spec.name, prefix: meterKind, figures: .init(uniqueKeys: meterNames, values: reading()))
    }

    var meterKind: String { "kafka" }
    var meterNames: [String] { ["consumed", "written", "bulkWrites", "buffered", "lost", "redelivered", "lag", "rebalanceDelay"] }
    var growth: MeterGrowth { consuming ? count.growth : .none }
    func reading() -> [FigureValue] {
        [.int(count.consumed), .int(count.written), .int(count.bulkWrites), .int(count.buffer), .int(lost), .int(redelivered), .int(lag),
         rebalanceDelay.map(FigureValue.duration) ?? .none]
    }
}
