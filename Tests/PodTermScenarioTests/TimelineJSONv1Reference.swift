import Foundation
@testable import PodTerm

/// The v1 renderer as it was, on Foundation's `JSONEncoder`: the reference the engine's
/// Foundation-free `TimelineJSONv1` is held to, byte for byte (`TimelineJSONv1Tests`).
enum TimelineJSONv1Reference {
    static let schema = "podterm.timeline/v1"

    /// The JSON text, pretty-printed, ending with a newline.
    static func render(_ t: Timeline, file: String? = nil) -> String {
        let words = EventText(t)
        let doc = Document(t, words: words, file: file)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(doc)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    struct Document: Encodable {
        let schema: String
        let scenario: ScenarioInfo
        let events: [Event]
        let containers: [Container]
        let processes: [Process]
        let pod: Pod
        let outcome: [String: Figure]
        let endedAt: Int
        let hitHorizon: Bool

        init(_ t: Timeline, words: EventText, file: String?) {
            schema = TimelineJSONv1Reference.schema
            scenario = ScenarioInfo(name: t.scenarioName, file: file, seed: t.seed, kubernetesVersion: t.kubernetesVersion.description)
            let keys = Outcome.processKeys(t)
            var keyOf = Array(repeating: "", count: t.processes.count)
            for (k, i) in keys { keyOf[i] = k }
            events = t.events.enumerated().filter { !$0.element.kind.isBookkeeping }.map { i, e in
                Event(
                    t: e.time.ms, actor: words.actorName(e.actor, atEvent: i), source: words.actorKind(e.actor), kind: words.kindName(e.kind),
                    container: e.container.map { t.containers[$0].name }, process: e.process.map { keyOf[$0] },
                    pid: e.process.map { t.processes[$0].pid }, signal: e.signal?.name, rule: e.rule.id, message: words.message(e, atEvent: i))
            }
            containers = t.containers.map { c in
                Container(
                    name: c.name, sidecar: c.isSidecar, argv: c.argv, stopSignal: c.stopSignal.name,
                    exitCode: c.lastExit?.code, reason: c.lastExit?.reason.rawValue, exitedAt: c.lastExit?.at.ms,
                    stopSignalAt: c.stopSignalAt?.ms, sigkillAt: c.sigkillAt?.ms, restarts: c.restarts,
                    exits: c.exits.map { ContainerExitJSON(at: $0.at.ms, exitCode: $0.code, reason: $0.reason.rawValue) })
            }
            processes = t.processes.enumerated().map { i, p in
                Process(
                    id: keyOf[i], container: t.containers[p.container].name, pid: p.pid, name: p.name, argv: p.argv,
                    parent: p.parent.map { keyOf[$0] }, startedAt: p.startedAt.ms,
                    received: p.received.map { r in
                        Received(at: r.at.ms, signal: r.signal.name, from: originName(r.origin, t.lastMoment), fate: TimelineJSONv1.fateName(r.fate))
                    },
                    end: p.end.map { end in
                        End(at: end.at.ms, how: { if case .exited = end.status { return "exited" } else { return "killed" } }(),
                            exitCode: end.status.exitCode,
                            signal: { if case .signaled(let s) = end.status { return s.name } else { return nil } }(),
                            by: end.killedBy.map { originName($0, t.lastMoment) })
                    },
                    reapedAt: p.reapedAt?.ms)
            }
            pod = Pod(name: t.pod.name, deletedAt: t.pod.deletedAt?.ms, grace: t.pod.deletionGrace, effectiveGrace: t.pod.effectiveGrace,
                      objectRemovedAt: t.pod.objectRemovedAt?.ms, goneAt: t.pod.goneAt?.ms, phase: t.pod.phase?.rawValue, reason: t.pod.reason)
            var o: [String: Figure] = [:]
            for (k, v) in t.outcome.figures { o[k] = Figure(v) }
            outcome = o
            endedAt = t.endedAt.ms
            hitHorizon = t.hitHorizon
        }
    }

    struct ScenarioInfo: Encodable {
        let name: String
        let file: String?
        let seed: UInt64
        let kubernetesVersion: String
    }

    struct Event: Encodable {
        let t: Int
        let actor: String
        let source: String
        let kind: String
        let container: String?
        let process: String?
        let pid: Int?
        let signal: String?
        let rule: String
        let message: String
    }

    struct ContainerExitJSON: Encodable {
        let at: Int
        let exitCode: Int
        let reason: String
    }

    struct Container: Encodable {
        let name: String
        let sidecar: Bool
        let argv: [String]
        let stopSignal: String
        let exitCode: Int?
        let reason: String?
        let exitedAt: Int?
        let stopSignalAt: Int?
        let sigkillAt: Int?
        let restarts: Int
        let exits: [ContainerExitJSON]
    }

    struct Received: Encodable {
        let at: Int
        let signal: String
        let from: String
        let fate: String
    }

    struct End: Encodable {
        let at: Int
        let how: String
        let exitCode: Int
        let signal: String?
        let by: String?
    }

    struct Process: Encodable {
        let id: String
        let container: String
        let pid: Int
        let name: String
        let argv: [String]
        let parent: String?
        let startedAt: Int
        let received: [Received]
        let end: End?
        let reapedAt: Int?
    }

    struct Pod: Encodable {
        let name: String
        let deletedAt: Int?
        let grace: Int?
        let effectiveGrace: Int?
        let objectRemovedAt: Int?
        let goneAt: Int?
        let phase: String?
        let reason: String?
    }

    /// An outcome figure in JSON: numbers as numbers (durations in ms), words as strings, none as null.
    enum Figure: Encodable {
        case int(Int), bool(Bool), text(String), list([String]), null

        init(_ v: FigureValue) {
            switch v {
            case .int(let i): self = .int(i)
            case .duration(let ms): self = .int(ms.ms)
            case .bool(let b): self = .bool(b)
            case .text(let s): self = .text(s)
            case .list(let l): self = .list(l)
            case .none: self = .null
            }
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .int(let i): try c.encode(i)
            case .bool(let b): try c.encode(b)
            case .text(let s): try c.encode(s)
            case .list(let l): try c.encode(l)
            case .null: try c.encodeNil()
            }
        }
    }
}
