import Foundation
import PodTerm
@testable import PodTermScenario
import Testing

/// `blocks:`, `sends:` and a forwarding handler in `programs:`: what they decode to, and the
/// errors at their `file:line:column`.
@Suite struct ProgramTimedActionsDecodingTests {
    func yaml(_ program: String) -> String {
        minimal(replacing: "    signals:\n      SIGTERM: {cleanup: 3s, exitCode: 0}\n", with: program)
    }

    @Test func decodesBlocksSendsAndAForward() throws {
        let y = yaml("""
                signals:
                  SIGTERM: {forward: group, waitUpTo: 2s, atLimit: kill, exitCode: 3, limitExitCode: 7}
                blocks:
                  - {signals: [SIGTERM, INT], at: 200ms, unblockAfter: 1s}
                  - {signals: [SIGHUP]}
                sends:
                  - {at: 1s, signal: SIGUSR1, to: parent}
                  - {at: 2s, signal: 9, process: server}

            """)
        let spec = try #require(try load(y).scenario.programs["/app/server"])
        #expect(spec.signals[.term] == .handle(SignalHandlerSpec(then: .exit(3), forward: SignalForward(to: .group, waitUpTo: 2_000, atLimit: .kill, limitExitCode: 7))))
        #expect(spec.blocks == [SignalBlock(signals: SignalSet([.term, .int]), at: 200, unblockAfter: 1_000), SignalBlock(signals: SignalSet([.hup]))])
        #expect(spec.sends == [SignalSend(at: 1_000, signal: .usr1, target: .parent), SignalSend(at: 2_000, signal: .kill, target: .process("server"))])
    }

    @Test func errorsSayWhereAndWhat() {
        expectError(yaml("    blocks:\n      - {signals: [SIGKILL]}\n"), at: "SIGKILL]", contains: "SIGKILL cannot be blocked")
        expectError(yaml("    blocks:\n      - {signals: []}\n"), at: "[]}", contains: "give at least one signal")
        expectError(yaml("    blocks:\n      - {signals: [SIGTERM], unblockAfter: 0s}\n"), at: "0s}", contains: "from 1ms")
        expectError(yaml("    blocks:\n      - {signals: [SIGTERM], for: 2s}\n"), at: "for:", contains: "unknown key 'for'")
        expectError(yaml("    sends:\n      - {at: 1s, signal: SIGTERM}\n"), at: "{at: 1s", contains: "say whom it sends to")
        expectError(yaml("    sends:\n      - {at: 1s, signal: SIGTERM, to: parent, process: x}\n"), at: "process:", contains: "not both")
        expectError(yaml("    sends:\n      - {at: 1s, signal: SIGTERM, to: parnet}\n"), at: "parnet", contains: "parent")
        expectError(yaml("    sends:\n      - {signal: SIGTERM, to: parent}\n"), at: "{signal", contains: "missing key 'at'")
        expectError(yaml("    signals:\n      SIGTERM: {forward: children, cleanup: 1s}\n"), at: "cleanup:", contains: "remove cleanup")
        expectError(yaml("    signals:\n      SIGTERM: {cleanup: 1s, waitUpTo: 1s}\n"), at: "waitUpTo:", contains: "add forward: children")
        expectError(yaml("    signals:\n      SIGTERM: {forward: children, atLimit: kill}\n"), at: "atLimit:", contains: "add waitUpTo")
        expectError(yaml("    signals:\n      SIGTERM: {forward: kids}\n"), at: "kids", contains: "children")
        expectError(yaml("    signals:\n      SIGTERM: {forward: children, waitUpTo: 1s, limitExitCode: 300}\n"), at: "300", contains: "from 0 to 255")
        expectError(yaml("    sends:\n      - {at: 1s, signal: SIGTERM, process: /app/sever}\n"), at: "/app/sever}", contains: "nothing in this scenario runs a program called 'sever'")
        expectError(yaml("    preset: python\n    blocks:\n      - {signals: [SIGTERM]}\n"), at: "blocks:", contains: "blocks: is for an app's own program and cannot go with preset:")
        expectError(yaml("    preset: jvm\n    signals:\n      SIGTERM: {forward: children}\n"), at: "signals:", contains: "a forwarding handler is for an app's own program")
    }

    @Test func tooManyTimedActionsAreAnError() {
        let items = (0...64).map { "      - {at: \($0)ms, signal: SIGUSR1, to: pid1}" }.joined(separator: "\n")
        guard let e = loadError(yaml("    sends:\n" + items + "\n")) else { return }
        #expect(e.message.contains("at most 64") || e.message.contains("0 to 64"), "\(e)")
    }

    @Test func setReachesTheNewNumbers() throws {
        let y = yaml("""
                signals:
                  SIGTERM: {forward: children, waitUpTo: 2s}
                blocks:
                  - {signals: [SIGTERM], unblockAfter: 1s}
                sends:
                  - {at: 1s, signal: SIGUSR1, to: parent}

            """)
        let s = try load(y, overrides: [
            "programs./app/server.signals.SIGTERM.waitUpTo=5s", "programs./app/server.signals.SIGTERM.atLimit=kill",
            "programs./app/server.blocks.0.unblockAfter=300ms", "programs./app/server.blocks.0.at=100ms",
            "programs./app/server.sends.0.at=2s", "programs./app/server.sends.0.signal=SIGUSR2",
        ]).scenario.programs["/app/server"]!
        #expect(s.signals[.term] == .handle(SignalHandlerSpec(forward: SignalForward(to: .children, waitUpTo: 5_000, atLimit: .kill))))
        #expect(s.blocks == [SignalBlock(signals: SignalSet([.term]), at: 100, unblockAfter: 300)])
        #expect(s.sends == [SignalSend(at: 2_000, signal: .usr2, target: .parent)])
        guard let e = loadError(minimalYAML, overrides: ["programs./app/server.signals.SIGTERM.waitUpTo=5s"]) else { return }
        #expect(e.message.contains("applies to a handler that forwards"), "\(e)")
    }
}
