import Foundation
@testable import PodTerm
import Testing

/// The actors of the engine own their state (DESIGN.md, "Actors own their state"): they record
/// events, which the fold turns into the records; they never read the record back to decide. A source scan of `Sources/PodTerm`,
/// like `NoFoundationTests`.
@Suite("actor boundaries")
struct ActorBoundaryTests {
    /// `Sources/PodTerm`, found from this file's path.
    static var engineSources: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PodTerm")
    }

    /// Every `.swift` file under `Sources/PodTerm` with its text, by path relative to it.
    static func engineFiles() throws -> [(path: String, text: String)] {
        let root = engineSources.standardizedFileURL.path
        let walker = try #require(FileManager.default.enumerator(atPath: root))
        return try walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted().map {
            ($0, try String(contentsOf: engineSources.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// The code of a line, without a `//` comment (none of the scanned patterns sits in a string).
    static func code(_ line: Substring) -> Substring {
        guard let r = line.range(of: "//") else { return line }
        return line[..<r.lowerBound]
    }

    /// Each use of `engine.recorder` in `line` other than a declaration of what the run holds
    /// (`declareContainer(`, `declareWorkload(`). Since the records are folded from the events,
    /// an actor neither reads the record back nor writes it: it records events
    /// (`engine.record`), and the fold makes the records.
    static func recorderReads(_ line: Substring) throws -> [String] {
        // engine.recorder, then a path of members, subscripts and optional chaining.
        let use = try Regex(#"engine\.recorder((?:\??\.[A-Za-z_][A-Za-z0-9_]*|\[[^\]\n]*\])*)\s*(\+=|-=|==|=|\()?"#)
        var uses: [String] = []
        for m in code(line).matches(of: use) {
            let path = m.output[1].substring.map(String.init) ?? ""
            let after = m.output[2].substring.map(String.init)
            let declares = after == "(" && path.hasPrefix(".declare") && !path.dropFirst().contains(".")
            if !declares { uses.append(String(m.output[0].substring ?? "")) }
        }
        return uses
    }

    @Test("recognises uses of the recorder other than declarations")
    func recognisesReads() throws {
        #expect(try Self.recorderReads("engine.recorder.declareContainer(name: n, isSidecar: s)").isEmpty)
        #expect(try Self.recorderReads("engine.recorder.declareWorkload(name: w.name)").isEmpty)
        #expect(try Self.recorderReads("// engine.recorder.pod.goneAt is read here").isEmpty)
        #expect(try Self.recorderReads("engine.recorder.pod.deletionGrace = grace").count == 1)
        #expect(try Self.recorderReads("engine.recorder.processes.append(ProcessRecord(").count == 1)
        #expect(try Self.recorderReads("engine.recorder.containers[c].restarts += 1").count == 1)
        #expect(try Self.recorderReads("let pod = engine.recorder.pod").count == 1)
        #expect(try Self.recorderReads("guard engine.recorder.pod.goneAt == nil else { return }").count == 1)
        #expect(try Self.recorderReads("x = engine.recorder.containers[c].lastExit").count == 1)
        #expect(try Self.recorderReads("f(engine.recorder.processes[p].name)").count == 1)
        #expect(try Self.recorderReads("n = engine.recorder.events.count + 1").count == 1)
        #expect(try Self.recorderReads("let said = engine.recorder.moment.processes[pid]").count == 1)
    }

    @Test("no actor reads or writes the record; only the fold makes it")
    func noRecorderReads() throws {
        let files = try Self.engineFiles()
        #expect(files.count > 50)
        var offenders: [String] = []
        for (path, text) in files {
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for read in try Self.recorderReads(line) {
                    offenders.append("Sources/PodTerm/\(path):\(n + 1): \(read)")
                }
            }
        }
        #expect(offenders.isEmpty, "an actor uses the output record: keep what it needs in its own state, and record an event for what the record should show:\n\(offenders.joined(separator: "\n"))")
    }

    /// What each lower layer must not name: the layers above it. They report upward through
    /// `KernelReports`, `ContainerExitReports` and `ExecHookReports` instead.
    static let layers: [(files: String, mustNotName: [String])] = [
        ("Kernel/", ["runtime", "kubelet", "docker", "network"]),
        ("Programs/", ["runtime", "kubelet", "docker", "network"]),
        ("Runtime/ContainerRuntime.swift", ["kubelet", "docker", "network"]),
    ]

    @Test("lower layers never call upward")
    func noUpwardCalls() throws {
        let files = try Self.engineFiles()
        var offenders: [String] = []
        for (prefix, names) in Self.layers {
            let scoped = files.filter { $0.path.hasPrefix(prefix) }
            #expect(!scoped.isEmpty, "no file matches \(prefix): update ActorBoundaryTests.layers")
            for (path, text) in scoped {
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = Self.code(line)
                    for name in names where code.contains("engine.\(name)") || code.contains("engine?.\(name)") {
                        offenders.append("Sources/PodTerm/\(path):\(n + 1): calls the \(name) above it")
                    }
                }
            }
        }
        #expect(offenders.isEmpty, "a lower layer reaches upward; report through its narrow interface instead:\n\(offenders.joined(separator: "\n"))")
    }

    /// Each downcast or type test of a program in `line`: `as? TiniProgram`, `as! X`,
    /// `case let t as X`, `is X`, for any type whose name ends in `Program`.
    static func programCasts(_ line: Substring) throws -> [String] {
        let cast = try Regex(#"\b(as[?!]?|is)\s+(any\s+)?[A-Z][A-Za-z0-9]*Program\b"#)
        return code(line).matches(of: cast).map { String($0.output[0].substring ?? "") }
    }

    @Test("recognises downcasts of programs")
    func recognisesCasts() throws {
        #expect(try Self.programCasts("if let sv = p.program as? SupervisordProgram, sv.runs(name) {").count == 1)
        #expect(try Self.programCasts("case let t as TiniProgram: return").count == 1)
        #expect(try Self.programCasts("if program is AppProgram {").count == 1)
        #expect(try Self.programCasts("let x = y as! ShellProgram").count == 1)
        #expect(try Self.programCasts("if let sv = p.program.supervisorControl, sv.runs(name) {").isEmpty)
        #expect(try Self.programCasts("/// a program is AppProgram here").isEmpty)
    }

    @Test("no program is downcast: callers use the ProgramModel protocol")
    func noProgramDowncasts() throws {
        var offenders: [String] = []
        for (path, text) in try Self.engineFiles() {
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for cast in try Self.programCasts(line) { offenders.append("Sources/PodTerm/\(path):\(n + 1): \(cast)") }
            }
        }
        #expect(offenders.isEmpty, "a program is downcast; ask it through ProgramModel (or a capability it returns):\n\(offenders.joined(separator: "\n"))")
    }

    @Test("every kind of stop is done by a stopper type of its own")
    func oneStopperTypePerKind() {
        let kinds: [StopAction.Kind] = [
            .delete(DeleteOptions()), .evict(.api()), .nodeShutdown(gracePeriod: 30, criticalPodsGracePeriod: 10),
            .probeFailure(container: "app", probe: .liveness, terminationGracePeriodSeconds: nil),
            .oomKill(container: "app"), .docker(.removeForce), .supervisorctlStop(program: "web"),
        ]
        let types = kinds.map { String(describing: type(of: $0.stopper)) }
        #expect(Set(types).count == kinds.count, "two kinds of stop share a stopper type: \(types)")
        // The kinds of one case share their type: every eviction is a PodEviction.
        #expect(String(describing: type(of: StopAction.Kind.evict(.hardPressure).stopper)) == types[1])
    }
}
