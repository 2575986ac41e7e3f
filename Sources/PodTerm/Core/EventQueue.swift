/// A min-priority queue of scheduled events on virtual time, ordered by `(time, sequence)`.
///
/// Every push takes the next value of one global sequence counter, so two events due at the
/// same millisecond pop in the order they were scheduled — the rule swift-nio's embedded event
/// loop follows, and the one that makes a run reproducible.
///
/// A deadline (a timeout that gives up on waiting) is pushed with `pushDeadline`: it pops after
/// every ordinary event due at the same millisecond, including those pushed after it, and
/// before any later millisecond; deadlines of one millisecond keep their scheduling order
/// among themselves. That is the model's tie rule `tie.exit-before-deadline`: whatever a
/// process does at the instant a timeout expires has happened when the timeout acts. It is
/// carried in the sequence number's top bit, so the `(time, sequence)` comparison is unchanged.
///
/// It is a binary heap kept in one contiguous array with hole-based sifting (one move per level
/// instead of a swap). `pop` sifts bottom-up: the hole goes down to a leaf along the smaller
/// children, one comparison per level, and the former last entry is sifted up from there (it
/// came from the bottom, so it rarely climbs); `push` returns at once when the new entry is not
/// earlier than its parent. Neither changes the order events pop in, which `(time, sequence)`
/// alone decides. It is written here rather than taken from swift-collections' `Heap`
/// because the engine needs the `(time, sequence)` key without wrapping every payload in a
/// `Comparable` box, and because the benchmark in `podterm-bench` measured it faster on the
/// engine's own workload (see the README's benchmark section).
///
/// Not thread-safe: one run owns one queue.
public struct EventQueue<Payload> {
    @usableFromInline
    struct Entry {
        @usableFromInline var time: Int
        @usableFromInline var seq: Int
        @usableFromInline var payload: Payload

        @inlinable init(time: Int, seq: Int, payload: Payload) {
            self.time = time
            self.seq = seq
            self.payload = payload
        }

        @inlinable func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && seq < other.seq)
        }
    }

    @usableFromInline var storage: [Entry] = []
    @usableFromInline var nextSeq: Int = 0

    /// Set in the sequence number of a deadline: it sorts after every ordinary entry of its time.
    @usableFromInline static var deadlineBit: Int { 1 << 62 }

    /// Creates an empty queue.
    public init() {}

    /// Number of events waiting.
    @inlinable public var count: Int { storage.count }

    /// Whether no event is waiting.
    @inlinable public var isEmpty: Bool { storage.isEmpty }

    /// How many pushes this queue has seen; the sequence number the next ordinary push will get.
    @inlinable public var scheduledCount: Int { nextSeq }

    /// The time of the earliest waiting event, if any.
    @inlinable public var nextTime: Int? { storage.first?.time }

    /// Schedules `payload` at `time`. Returns the sequence number it was given.
    @inlinable @discardableResult
    public mutating func push(_ payload: Payload, at time: Int) -> Int {
        let seq = nextSeq
        nextSeq &+= 1
        return insert(Entry(time: time, seq: seq, payload: payload))
    }

    /// Schedules a deadline `payload` at `time`: it pops after every ordinary event of that
    /// millisecond, even one pushed later. Returns its sequence number (with `deadlineBit` set).
    @inlinable @discardableResult
    public mutating func pushDeadline(_ payload: Payload, at time: Int) -> Int {
        let seq = nextSeq | EventQueue.deadlineBit
        nextSeq &+= 1
        return insert(Entry(time: time, seq: seq, payload: payload))
    }

    @inlinable
    mutating func insert(_ entry: Entry) -> Int {
        let seq = entry.seq
        var hole = storage.count
        storage.append(entry)
        // Fast path: the new event is not earlier than its parent, so it stays at the bottom.
        if hole == 0 || !entry.precedes(storage[(hole &- 1) >> 1]) { return seq }
        storage.withUnsafeMutableBufferPointer { buf in
            while hole > 0 {
                let parent = (hole - 1) >> 1
                if entry.precedes(buf[parent]) {
                    buf[hole] = buf[parent]
                    hole = parent
                } else {
                    break
                }
            }
            buf[hole] = entry
        }
        return seq
    }

    /// Removes and returns the earliest event: the smallest `(time, sequence)`.
    @inlinable
    public mutating func pop() -> (time: Int, payload: Payload)? {
        let n = storage.count &- 1  // the count after this pop
        if n < 0 { return nil }
        let top: Entry = storage.withUnsafeMutableBufferPointer { buf in
            let top = buf[0]
            if n == 0 { return top }
            let last = buf[n]
            // Bottom-up: walk the hole down to a leaf along the smaller children (one
            // comparison per level, not two), then sift `last` up from there. `last` came
            // from the bottom, so it rarely moves far up.
            var hole = 0
            var child = 1
            while child &+ 1 < n {
                child &+= buf[child &+ 1].precedes(buf[child]) ? 1 : 0
                buf[hole] = buf[child]
                hole = child
                child = 2 &* hole &+ 1
            }
            if child < n {
                buf[hole] = buf[child]
                hole = child
            }
            while hole > 0 {
                let parent = (hole &- 1) >> 1
                if last.precedes(buf[parent]) {
                    buf[hole] = buf[parent]
                    hole = parent
                } else {
                    break
                }
            }
            buf[hole] = last
            return top
        }
        storage.removeLast()
        return (top.time, top.payload)
    }

    /// The waiting events in the order they would pop, without removing them. O(n log n).
    public func pendingInOrder() -> [(time: Int, payload: Payload)] {
        storage.sorted { $0.precedes($1) }.map { ($0.time, $0.payload) }
    }
}
