import PodTerm

/// Reads the target of a signal sent by hand (`kill.target`, `--inject`, `--set stop.N.kill.target`),
/// so the three say the same things about the same mistakes.
enum HandKillParsing {
    static let targetForms = "PROGRAM (java), CONTAINER/PROGRAM (app/java) or CONTAINER/PROGRAM#N (app/sleep#2)"

    /// A target whose container, if named, is one of `containers`.
    static func target(_ text: String, _ containers: [String]) throws(ValueProblem) -> ProcessTarget {
        guard let target = ProcessTarget(parsing: text) else {
            throw ValueProblem("expected \(targetForms), got '\(text)'")
        }
        if let c = target.container, !containers.contains(c) {
            throw ValueProblem("no container named '\(c)'\(Suggestions.hint(c, in: containers)); the pod has: \(containers.joined(separator: ", "))")
        }
        return target
    }
}

extension Result where Failure == ValueProblem {
    /// The value, or the problem as an error located at `node` and prefixed with `path`.
    func get(at node: SourceNode, _ path: String) throws -> Success {
        switch self {
        case .success(let v): return v
        case .failure(let p): throw LocatedError(at: node, "\(path): \(p.message)")
        }
    }
}

extension HandKillParsing {
    /// `target(_:_:)` as a `Result`.
    static func targetResult(_ text: String, _ containers: [String]) -> Result<ProcessTarget, ValueProblem> {
        do throws(ValueProblem) { return .success(try target(text, containers)) } catch { return .failure(error) }
    }
}

/// `podterm run FILE --inject 12s:java:SIGTERM`: a signal sent by hand from the node at a
/// moment, the same as a `kill:` item appended to the scenario's `stop:` list.
///
/// The form is `TIME:TARGET[:SIGNAL]`: TIME a duration (`12s`, `1500ms`), TARGET
/// `PROGRAM`, `CONTAINER/PROGRAM` or `CONTAINER/PROGRAM#N`, SIGNAL a name or number (SIGTERM
/// when left out).
public struct Injection: Sendable, Equatable {
    /// The spec as given.
    public let spec: String
    /// The stop item it makes.
    public let action: StopAction

    /// Parses `spec` against `scenario` (its containers and horizon).
    public init(parsing spec: String, for scenario: Scenario) throws(InjectionError) {
        self.spec = spec
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map { String($0) }
        guard parts.count == 2 || parts.count == 3 else {
            throw InjectionError(spec: spec, message: "expected TIME:TARGET[:SIGNAL], e.g. 12s:java:SIGTERM or 1500ms:app/sleep#2:KILL")
        }
        let at: Millis
        do throws(ValueProblem) {
            at = try Scalars.duration(text: parts[0], "the time", got: Scalars.got(parts[0]))
        } catch { throw InjectionError(spec: spec, message: error.message) }
        guard at <= scenario.horizon else {
            throw InjectionError(spec: spec, message: "\(formatDuration(at)) is after the horizon of \(formatDuration(scenario.horizon)), so it would never happen")
        }
        let containers = (scenario.pod.initContainers + scenario.pod.containers).map(\.name)
        let target: ProcessTarget
        do throws(ValueProblem) {
            target = try HandKillParsing.target(parts[1], containers)
        } catch { throw InjectionError(spec: spec, message: "the target: \(error.message)") }
        var signal = Signal.term
        if parts.count == 3 {
            do throws(ValueProblem) {
                signal = try Scalars.signal(text: parts[2], "the signal")
            } catch { throw InjectionError(spec: spec, message: error.message) }
            if HandKill.isStopSignal(signal) {
                throw InjectionError(spec: spec, message: "\(signal.name) stops a process, and podterm does not model stopped processes; use another signal")
            }
        }
        action = StopAction(at: at, .kill(HandKill(target: target, signal: signal)))
    }
}

/// A `--inject` spec that cannot be used: what is wrong and what was expected.
public struct InjectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The spec as given.
    public let spec: String
    /// What is wrong.
    public let message: String

    public var description: String { "--inject \(spec): \(message)" }
}
