import PodTerm

/// One run of the http-drain model: the document's state, its event queue and its handlers.
/// ``HTTPDrainModel/run(_:)`` is the public way in.
struct HTTPDrainRun {
    private enum ServerState { case running, draining, gone }

    private let serviceMs: Int
    private let prestopMs: Int
    private let graceMs: Int
    /// `stop_i = T + B + D·i` for each consumer.
    private let stopMs: [Int]
    /// `a_n = floor(n·1000 / R)` is advanced without a division per arrival: adding 1000 to
    /// `n·1000` adds `stepQuotient` to the quotient and `stepRemainder` to the remainder mod R.
    private let rate: Int
    private let stepQuotient: Int
    private let stepRemainder: Int
    /// `floor(n_i·1000 / R)` and `(n_i·1000) mod R` for each consumer.
    private var sendMs: [Int]
    private var sendRemainder: [Int]

    private var queue = EventQueue<HTTPDrainEvent>()
    private var state = ServerState.running
    private var active: Int
    private var inFlight = 0
    private var served = 0
    private var refused = 0
    private var failed = 0
    private var events = 0
    private var exitCause = HTTPDrainExitCause.none
    private var exitMs = -1
    private var endMs = -1

    init(_ p: HTTPDrainParameters) {
        serviceMs = p.serviceMs
        prestopMs = p.prestopMs
        graceMs = p.graceMs
        stopMs = (0..<p.consumers).map { p.stopMs(ofConsumer: $0) }
        rate = p.rate
        stepQuotient = 1000 / p.rate
        stepRemainder = 1000 % p.rate
        sendMs = Array(repeating: 0, count: p.consumers)
        sendRemainder = Array(repeating: 0, count: p.consumers)
        active = p.consumers

        // Initial schedule, in the document's order.
        queue.push(.delete, at: p.deleteMs)
        for i in 0..<p.consumers {
            if 0 < stopMs[i] {
                queue.push(.arrival(Int32(i)), at: 0)
            } else {
                queue.push(.stop(Int32(i)), at: stopMs[i])
            }
        }
    }

    /// Pops and handles events until all consumers have stopped and the process is gone.
    mutating func runToEnd() -> HTTPDrainResult {
        while let (now, event) = queue.pop() {
            events &+= 1
            switch event {
            case .arrival(let i): arrival(Int(i), now: now)
            case .complete: complete(now: now)
            case .stop: active -= 1
            case .delete:
                queue.push(.sigterm, at: now + prestopMs)
                queue.push(.kill, at: now + graceMs)
            case .sigterm: sigterm(now: now)
            case .kill: kill(now: now)
            }
            if active == 0 && state == .gone {
                endMs = now
                break
            }
        }
        return HTTPDrainResult(
            events: events, served: served, refused: refused, failed: failed,
            exitCause: exitCause, exitMs: exitMs, endMs: endMs)
    }

    @inline(__always)
    private mutating func arrival(_ i: Int, now: Int) {
        // n_i += 1; t = floor(n_i·1000 / R)
        var t = sendMs[i] &+ stepQuotient
        var remainder = sendRemainder[i] &+ stepRemainder
        if remainder >= rate {
            remainder &-= rate
            t &+= 1
        }
        sendMs[i] = t
        sendRemainder[i] = remainder
        if t < stopMs[i] {
            queue.push(.arrival(Int32(truncatingIfNeeded: i)), at: t)
        } else {
            queue.push(.stop(Int32(truncatingIfNeeded: i)), at: stopMs[i])
        }
        if state == .running {
            inFlight &+= 1
            queue.push(.complete, at: now &+ serviceMs)
        } else {
            refused &+= 1
        }
    }

    @inline(__always)
    private mutating func complete(now: Int) {
        guard state != .gone else { return }  // already counted as failed at SIGKILL
        inFlight &-= 1
        served &+= 1
        if state == .draining && inFlight == 0 { exit(.drained, now: now) }
    }

    private mutating func sigterm(now: Int) {
        guard state == .running else { return }  // already killed (P > G)
        state = .draining
        if inFlight == 0 { exit(.drained, now: now) }
    }

    private mutating func kill(now: Int) {
        guard state != .gone else { return }
        failed += inFlight
        inFlight = 0
        exit(.killed, now: now)
    }

    private mutating func exit(_ cause: HTTPDrainExitCause, now: Int) {
        state = .gone
        exitCause = cause
        exitMs = now
    }
}
