import Testing
@testable import PodTerm

/// `kernel.handler-mask`: a caught signal is blocked while its handler runs, and a blocked
/// signal is queued even when its disposition is ignore; it is acted on when the handler
/// returns. coreutils `timeout` shows it: its `cleanup` handler sets the signal to ignore and
/// sends it to its own process group, itself included.
@Suite("kernel: the mask while a handler runs")
struct HandlerMaskTests {
    let stop = [StopAction(at: 1_000, .docker(.stop(time: nil, signal: nil)))]

    @Test func timeoutsOwnGroupSignalIsQueuedThenIgnoredAtDequeue() throws {
        let t = try Simulator.run(timeoutScenario(["60"], server: noHandler, asPid1: true, stop: stop))
        let timeout = try #require(t.processIndex("timeout"))
        // Sent while its SIGTERM handler runs: the send is the handler-mask's first step…
        let selfSend = t.events.first { $0.process == timeout && $0.signal == .term && $0.kind == .signalSent(origin: .process(timeout)) }
        #expect(selfSend?.rule == .kernelHandlerMask)
        // …and the dequeue when the handler returns is the second, after everything it sent.
        let dequeued = try #require(t.events.firstIndex { $0.process == timeout && $0.kind == .signalDiscarded(.ignoredAtDequeue) })
        #expect(t.events[dequeued].rule == .kernelHandlerMask)
        let lastSend = try #require(t.events.lastIndex { $0.actor == .process(timeout) && $0.signal == .cont })
        #expect(dequeued > lastSend)
        #expect(t.outcome["processes.c/timeout.fates"] == .list(["caught", "ignored-at-dequeue", "ignored", "pid1-default"]))
    }

    /// The SIGALRM handler blocks SIGALRM, not SIGTERM: the SIGTERM timeout sends its own
    /// group when it times out is discarded at send time, its disposition being ignore.
    @Test func anotherSignalsHandlerDoesNotBlockIt() throws {
        let t = try Simulator.run(timeoutScenario(["5"], server: noHandler, asPid1: false))
        #expect(t.outcome["processes.c/timeout.fates"] == .list(["caught", "ignored", "ignored"]))
        #expect(!t.events.contains { $0.kind == .signalDiscarded(.ignoredAtDequeue) })
    }
}
