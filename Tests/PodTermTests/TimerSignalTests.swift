import Testing
@testable import PodTerm

/// `kernel.timer-signal`: timeout's SIGALRM comes from its timer, not from timeout itself.
@Suite("kernel: timer signals come from the kernel")
struct TimerSignalTests {
    @Test func timeoutsAlarmIsSentByItsTimer() throws {
        let t = try Simulator.run(timeoutScenario(["5"], server: noHandler, asPid1: false))
        let timeout = try #require(t.processIndex("timeout"))
        let alarm = try #require(t.events.first { $0.signal == .alrm && $0.process == timeout })
        #expect(alarm.kind == .signalSent(origin: .timer(timeout)))
        #expect(alarm.actor == .kernel)
        #expect(alarm.rule == .kernelTimerSignal)
        #expect(!t.events.contains { $0.signal == .alrm && $0.kind == .signalSent(origin: .process(timeout)) })
    }
}
