import Foundation
import PodTerm
import PodTermBuiltins
@testable import PodTermScenario
import Testing

/// A signal sent by hand from the node: the `kill:` stop item and `--inject` (`Injection`).
@Suite struct HandKillTests {
    /// tini → server → worker; the delete at 500ms. The worker is the grandchild.
    static let tiniYAML = BuiltinScenarios.named("process-trees/tini-forwards")!.yaml

    static func withKill(_ item: String) -> String {
        tiniYAML.replacingOccurrences(of: "stop:\n  - at: 500ms\n    delete: {}\n", with: "stop:\n  - at: 500ms\n    delete: {}\n" + item)
    }

    static func messages(_ t: Timeline) -> [String] {
        let w = EventText(t)
        return t.events.map { "\(formatClock($0.time)) \(w.actorName($0.actor)) \(w.message($0)) [\($0.rule.id)]" }
    }

    @Test func aGrandchildCatchesSIGTERMSentByHand() throws {
        let yaml = Self.withKill("  - at: 200ms\n    kill: {target: app/worker, signal: SIGTERM}\n")
        let s = try load(yaml).scenario
        #expect(s.actions.last == StopAction(at: 200, .kill(HandKill(target: ProcessTarget(container: "app", program: "worker"), signal: .term))))
        let t = try Simulator.run(s)
        let lines = Self.messages(t)
        #expect(lines.contains("0.200s node by hand from the node: SIGTERM → worker[3] [inject.node-kill]"), "\(lines)")
        #expect(lines.contains("0.200s worker[3] catches SIGTERM: cleanup for 100ms [app.handler]"), "\(lines)")
        // It exits 0 on its own now, instead of the kernel's SIGKILL at 0.8 s.
        #expect(t.outcome["processes.app/worker.end"] == .text("exit 0"))
        #expect(t.outcome["processes.app/worker.received"] == .list(["SIGTERM"]))
        #expect(t.outcome["processes.app/worker.killedBy"] == FigureValue.none)
    }

    @Test func anInjectionIsTheSameAsTheKillItem() throws {
        let file = try Simulator.run(try load(Self.withKill("  - at: 200ms\n    kill: {target: worker}\n")).scenario)
        var s = try load(Self.tiniYAML).scenario
        s.actions.append(try Injection(parsing: "200ms:worker:SIGTERM", for: s).action)
        let injected = try Simulator.run(s)
        #expect(injected.events == file.events)
        #expect(injected.outcome == file.outcome)
        // Deterministic: the same again.
        #expect(try Simulator.run(s).events == injected.events)
    }

    @Test func theContainersPID1WithNoHandlerDiscardsItButNotSIGKILL() throws {
        let jvm = BuiltinScenarios.named("jvm/1-shell-form-cmd")!.yaml
        var s = try load(jvm).scenario
        s.actions.append(try Injection(parsing: "12s:app/sh", for: s).action)
        let term = Self.messages(try Simulator.run(s))
        // From the host, an ancestor namespace: sig_task_ignored still drops a default signal
        // to an unkillable PID 1; only SIGKILL and SIGSTOP are forced.
        #expect(term.contains("12.000s kernel SIGTERM → sh[1] discarded: PID 1 with no handler ignores it [kernel.pid1-ignores-default]"), "\(term)")
        s.actions[s.actions.count - 1] = try Injection(parsing: "12s:sh:KILL", for: s).action
        let t = try Simulator.run(s)
        #expect(t.outcome["processes.app/sh.killedBy"] == .text("node"))
        #expect(t.outcome["processes.app/sh.endedAt"] == .duration(12_000))
        #expect(t.outcome["processes.app/java.killedBy"] == .text("kernel"))
    }

    @Test func theNthProcessOfANameAndAMissingOne() throws {
        var s = try load(Self.tiniYAML).scenario
        s.actions.append(try Injection(parsing: "200ms:app/worker#2", for: s).action)
        let lines = Self.messages(try Simulator.run(s))
        #expect(lines.contains("0.200s node by hand from the node: SIGTERM → app/worker#2: no live process matches, nothing sent [inject.node-kill]"), "\(lines)")
    }

    @Test func badKillItemsSayWhereAndWhat() {
        expectError(Self.withKill("  - at: 200ms\n    kill: {target: web/worker}\n"), at: "web/worker",
                    contains: "stop.1.kill.target: no container named 'web'; the pod has: app")
        expectError(Self.withKill("  - at: 200ms\n    kill: {target: worker, signal: SIGSTOP}\n"), at: "SIGSTOP",
                    contains: "stop.1.kill.signal: SIGSTOP stops a process, and podterm does not model stopped processes")
        expectError(Self.withKill("  - at: 200ms\n    kill: {signal: SIGTERM}\n"), at: "{signal",
                    contains: "missing key 'target' in stop.1.kill")
        expectError(Self.withKill("  - at: 200ms\n    kill: {target: 'a b'}\n"), at: "'a b'",
                    contains: "expected PROGRAM (java), CONTAINER/PROGRAM (app/java) or CONTAINER/PROGRAM#N (app/sleep#2)")
        expectError(Self.withKill("  - at: 200ms\n    kill: {target: worker, sig: TERM}\n"), at: "sig:",
                    contains: "sig")
    }

    @Test func badInjectionsSayWhatIsWrong() throws {
        let s = try load(Self.tiniYAML).scenario
        func message(_ spec: String) -> String {
            do { _ = try Injection(parsing: spec, for: s); return "" } catch { return error.description }
        }
        #expect(message("200ms") == "--inject 200ms: expected TIME:TARGET[:SIGNAL], e.g. 12s:java:SIGTERM or 1500ms:app/sleep#2:KILL")
        #expect(message("soon:worker").hasPrefix("--inject soon:worker: the time: expected a duration like 500ms"))
        #expect(message("1s:db/worker") == "--inject 1s:db/worker: the target: no container named 'db'; the pod has: app")
        #expect(message("1s:worker:TREM").contains("unknown signal 'TREM' (did you mean 'SIGTERM'?)"))
        #expect(message("1h:worker").contains("is after the horizon"))
        #expect(message("1s:worker:TSTP").contains("SIGTSTP stops a process"))
    }

    @Test func targetsParseAndPrintTheSame() {
        for text in ["java", "app/java", "app/sleep#2"] { #expect(ProcessTarget(parsing: text)?.description == text) }
        for bad in ["", "/java", "app/", "java#2", "app/java#0", "a/b/c", "a b"] { #expect(ProcessTarget(parsing: bad) == nil, "\(bad)") }
    }
}
