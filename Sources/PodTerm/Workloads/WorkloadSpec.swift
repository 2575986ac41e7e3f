/// A workload attached to one process of the pod: the traffic it serves, the messages it
/// consumes, or the calls it makes, and how its stop is counted as damage.
///
/// The process is the first one of `container` whose program name is `program` (argv[0]'s
/// base name), or the container's PID 1 when `program` is nil. A later process (after a
/// restart) is not attached again.
public struct WorkloadSpec: Sendable, Equatable {
    /// Its name (figures are summed over workloads of a kind; the name shows in messages).
    public var name: String
    /// The container its process runs in.
    public var container: String
    /// The program name of its process; nil: the container's PID 1.
    public var program: String?
    /// What it does.
    public var kind: WorkloadKind

    /// Creates a workload.
    public init(name: String, container: String, program: String? = nil, kind: WorkloadKind) {
        self.name = name
        self.container = container
        self.program = program
        self.kind = kind
    }
}

/// The kinds of workload.
public enum WorkloadKind: Sendable, Equatable {
    /// A server behind a Service: requests from every consumer of endpoints.
    case http(HTTPWorkload)
    /// A Kafka consumer bulk-writing to Elasticsearch.
    case kafka(KafkaWorkload)
    /// Outbound calls that go through another container (a proxy sidecar).
    case outbound(OutboundWorkload)
}

/// A server behind a Service. Each consumer of endpoints sends `rate` requests per second,
/// request n at `floor(n·1000/rate)` ms, until it stops routing to the pod.
public struct HTTPWorkload: Sendable, Equatable {
    /// Requests per second from each consumer.
    public var rate: Int
    /// How long one request takes.
    public var serviceTime: Millis
    /// How long the listener stays open after the stop signal's handler starts (0: it closes
    /// at once). In-flight requests then finish if the process is still alive when they end.
    public var keepServing: Millis
    /// How requests are spaced: evenly, or as a Poisson process drawn from the run's seed.
    public var arrivals: ArrivalPattern
    /// Requests per second of particular consumers, by name; the others send `rate`.
    public var consumerRates: [String: Int]
    /// Whether the server closes its idle keep-alive connections when it closes its listener
    /// (Go's `Server.Shutdown`, nginx's graceful quit). When false, consumers that still route
    /// to the pod keep sending on their open connections and are served until the process exits.
    public var closeKeepAlive: Bool

    /// How long a request takes unless the scenario says: 50 ms.
    public static let defaultServiceTime: Millis = 50

    /// Creates the workload.
    public init(rate: Int, serviceTime: Millis = defaultServiceTime, keepServing: Millis = 0, arrivals: ArrivalPattern = .constant,
                consumerRates: [String: Int] = [:], closeKeepAlive: Bool = true) {
        self.rate = rate
        self.serviceTime = serviceTime
        self.keepServing = keepServing
        self.arrivals = arrivals
        self.consumerRates = consumerRates
        self.closeKeepAlive = closeKeepAlive
    }
}

/// How the requests of one consumer are spaced in time.
public enum ArrivalPattern: String, Sendable, Equatable, CaseIterable {
    /// Request n at floor(n·1000/rate) ms, as in the http-drain benchmark model.
    case constant
    /// A Poisson process of the same mean rate, drawn from the run's seed (counts per interval,
    /// never one draw per request: see `ArrivalStream`), an independent stream per workload
    /// and consumer, so `--seed` gives another sample.
    case poisson
}

/// When a Kafka consumer commits its offsets.
public enum KafkaCommit: String, Sendable, Equatable, CaseIterable {
    /// `enable.auto.commit`: offsets are committed when polled, before the bulk write.
    case autoBeforeProcessing
    /// Offsets are committed after each successful bulk write.
    case afterBulkWrite
}

/// What a Kafka consumer does when its stop signal's handler runs.
public enum KafkaOnStop: String, Sendable, Equatable, CaseIterable {
    /// Stops polling, flushes the buffer, commits and closes (leaves the group).
    case flushAndClose
    /// Nothing: it keeps consuming until the process dies.
    case nothing
}

/// A Kafka consumer that buffers messages and bulk-writes them to Elasticsearch.
/// Message n reaches its partitions at `floor(n·1000/rate)` ms.
public struct KafkaWorkload: Sendable, Equatable {
    /// Messages per second.
    public var rate: Int
    /// A bulk write happens when the buffer holds this many messages…
    public var batchSize: Int
    /// …or every this long (a periodic flush, as Elasticsearch's BulkProcessor does).
    public var flushInterval: Millis
    /// When offsets are committed.
    public var commit: KafkaCommit
    /// What the handler of its stop signal does.
    public var onStop: KafkaOnStop
    /// `session.timeout.ms`: how long the group waits for a member that vanished without
    /// leaving (45 s since Kafka 3.0, 10 s before).
    public var sessionTimeout: Millis

    /// `max.poll.records`-style batch unless the scenario says: 500 messages.
    public static let defaultBatchSize = 500
    /// How often the buffer is flushed unless the scenario says: 1 s.
    public static let defaultFlushInterval: Millis = 1_000
    /// `session.timeout.ms` since Kafka 3.0: 45 s.
    public static let defaultSessionTimeout: Millis = 45_000

    /// Creates the workload.
    public init(
        rate: Int, batchSize: Int = defaultBatchSize, flushInterval: Millis = defaultFlushInterval, commit: KafkaCommit = .afterBulkWrite,
        onStop: KafkaOnStop = .flushAndClose, sessionTimeout: Millis = defaultSessionTimeout
    ) {
        self.rate = rate
        self.batchSize = batchSize
        self.flushInterval = flushInterval
        self.commit = commit
        self.onStop = onStop
        self.sessionTimeout = sessionTimeout
    }
}

/// Outbound calls a process makes through another container (an Envoy or linkerd proxy),
/// `rate` per second, call n at `floor(n·1000/rate)` ms, for as long as the process lives.
/// A call fails when the `via` container's PID 1 is gone.
public struct OutboundWorkload: Sendable, Equatable {
    /// Calls per second.
    public var rate: Int
    /// The container that relays them.
    public var via: String

    /// Creates the workload.
    public init(rate: Int, via: String) {
        self.rate = rate
        self.via = via
    }
}

/// Arrival arithmetic shared by the workloads: item n of a stream of `rate` per second
/// arrives at `floor(n·1000/rate)` ms (the formula of `shared/bench/http-drain.md`).
enum Arrivals {
    /// How many items arrive strictly before `t` (t ≥ 0): the n with floor(n·1000/rate) < t,
    /// that is n < t·rate/1000.
    static func before(_ t: Millis, rate: Int) -> Int {
        guard t > 0, rate > 0 else { return 0 }
        return ((t * rate).ms + 999) / 1000
    }

    /// How many arrive in [from, to).
    static func between(_ from: Millis, _ to: Millis, rate: Int) -> Int {
        guard to > from else { return 0 }
        return before(to, rate: rate) - before(max(from, 0), rate: rate)
    }

    /// When item n arrives.
    static func time(of n: Int, rate: Int) -> Millis { Millis(n * 1000 / rate) }
}
