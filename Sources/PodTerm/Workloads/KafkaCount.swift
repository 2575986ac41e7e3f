/// A Kafka consumer's counts while it consumes, in closed form: message n arrives at
/// `floor(n·1000/rate)` ms into a buffer bulk-written when it holds `batchSize` messages and at
/// every `flushInterval` (a flush at time t writes what arrived before t). A value, so a
/// moment can advance it to any time (`MeterGrowth.kafka`) exactly as the model does.
struct KafkaCount: Equatable {
    let rate: Int
    let batchSize: Int
    let flushInterval: Millis
    /// Index of the next message to consume, and when the next periodic flush is due.
    var next = 0
    var nextFlush: Millis = 0
    var buffer = 0
    var consumed = 0
    var written = 0
    var bulkWrites = 0

    /// The law these counts grow by from here.
    var growth: MeterGrowth {
        .kafka(rate: rate, batchSize: batchSize, flushInterval: flushInterval, next: next, nextFlush: nextFlush)
    }

    /// Consumes the messages up to index `count` (excluded), writing a bulk each time the
    /// buffer fills.
    mutating func take(upTo count: Int) {
        let n = count - next
        guard n > 0 else { return }
        consumed += n
        next = count
        let batch = batchSize
        let fills = (buffer + n) / batch
        written += fills * batch
        bulkWrites += fills
        buffer = (buffer + n) % batch
    }

    mutating func flush() {
        guard buffer > 0 else { return }
        written += buffer
        bulkWrites += 1
        buffer = 0
    }

    /// Consumes the messages that arrive before `t`, with the bulk writes on the way, in
    /// closed form: the cost does not depend on how many flushes or messages there were, so a
    /// 1 ms `flushInterval` over a year costs what a 1 s one over a minute does.
    mutating func advance(to t: Millis) {
        let interval = flushInterval
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
            let batch = batchSize
            bulkWrites += whole * ((low + batch - 1) / batch) + (low % batch == 0 ? highs : 0)
            written += total
            consumed += total
            next += total
            nextFlush = end
        }
        nextFlush += interval
        take(upTo: Arrivals.before(t, rate: rate))
    }
}
