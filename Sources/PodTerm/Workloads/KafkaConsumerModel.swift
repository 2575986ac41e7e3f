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
    /// Index of the next message to consume.
    private var next = 0
    private var buffer = 0
    private var nextFlush: Millis = 0
    private var consumed = 0
    private var written = 0
    private var bulkWrites = 0
    private var lost = 0
    private var redelivered = 0
    private var lag = 0
    private var rebalanceDelay: Millis?

    init(engine: Engine, spec: WorkloadSpec, kafka: KafkaWorkload) {
        self.engine = engine
        self.spec = spec
        self.kafka = kafka
    }

    /// Consumes the messages up to index `count` (excluded), writing a bulk each time the
    /// buffer fills.
    private func take(upTo count: Int) {
        let n = count - next
        guard n > 0 else { return }
        consumed += n
        next = count
        let batch = kafka.batchSize
        let fills = (buffer + n) / batch
        written += fills * batch
        bulkWrites += fills
        buffer = (buffer + n) % batch
    }

    private func flush() {
        guard buffer > 0 else { return }
        written += buffer
        bulkWrites += 1
        buffer = 0
    }

    /// Consumes the messages that arrive before `t`, with the bulk writes on the way, in
    /// closed form: the cost does not depend on how many flushes or messages there were, so a
    /// 1 ms `flushInterval` over a year costs what a 1 s one over a minute does.
    private func advance(to t: Millis) {
        guard consuming else { return }
        let rate = kafka.rate
        let interval = kafka.flushInterval
        guard nextFlush < t else {
            take(upTo: Arrivals.before(t, rate: rate))
            return
        }
        // Up to the next periodic flush, which writes what is left of the buffer.
        take(upTo: Arrivals.before(nextFlush, rate: rate))
        flush()
        // The whole flush intervals that end before t. Each starts with an empty buffer and
        // receives m messages, m = ⌊q⌋ or ⌊q⌋ + 1 for q = interval·rate/1000 (message n at
        // ⌊n·1000/rate⌋ ms), written in ⌈m/batchSize⌉ bulk writes (one more for ⌊q⌋ + 1 only
        // when ⌊q⌋ is a multiple of batchSize).
        let whole = (t - 1 - nextFlush) / interval
        if whole > 0 {
            let end = nextFlush + interval * whole
            let total = Arrivals.before(end, rate: rate) - next
            let low = (interval * rate).ms / 1000
            let highs = total - whole * low
            let batch = kafka.batchSize
            bulkWrites += whole * ((low + batch - 1) / batch) + (low % batch == 0 ? highs : 0)
            written += total
            consumed += total
            next += total
            nextFlush = end
        }
        nextFlush += interval
        take(upTo: Arrivals.before(t, rate: rate))
    }

    private var container: Int { engine.kernel.procs[pid!].container }

    func attach(_ pid: Int) {
        self.pid = pid
        consuming = true
        next = Arrivals.before(engine.now, rate: kafka.rate)
        nextFlush = engine.now + kafka.flushInterval
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
                let flushed = buffer
                flush()
                rebalanceDelay = max(rebalanceDelay ?? 0, 0)
                engine.record(.process(dead), .kafkaClosed(flushed: flushed), container: container, process: dead, rule: .kafkaLeaveGroup)
                return
            }
        }
        let buffered = buffer
        let isLost = kafka.commit == .autoBeforeProcessing
        if isLost { lost += buffered } else { redelivered += buffered }
        buffer = 0
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
    func reading() -> [FigureValue] {
        [.int(consumed), .int(written), .int(bulkWrites), .int(buffer), .int(lost), .int(redelivered), .int(lag),
         rebalanceDelay.map(FigureValue.duration) ?? .none]
    }
}
