/// Renders a timeline as the superseded JSON schema `podterm.timeline/v1` (`--format json-v1`),
/// kept byte for byte for tools that have not moved to `podterm.timeline/v2` (`TimelineJSON`).
///
/// Keys are sorted and arrays keep timeline order, so the same run gives the same bytes. Its
/// events carry their numbers only inside `message`; v2 gives them typed fields. It leaves out
/// the bookkeeping events v1 never had (`EventKind.isBookkeeping`), which v2 carries. Printed by
/// `PrettyJSON` in the format Foundation's `JSONEncoder` gave it, without Foundation.
public enum TimelineJSONv1 {
    /// The schema id written into every document.
    public static let schema = "podterm.timeline/v1"

    /// The JSON text, pretty-printed, ending with a newline.
    public static func render(_ t: Timeline, file: String? = nil) -> String {
        document(t, words: EventText(t), file: file).render() + "\n"
    }

    static func document(_ t: Timeline, words: EventText, file: String?) -> PrettyJSON {
        let keys = Outcome.processKeys(t)
        var keyOf = Array(repeating: "", count: t.processes.count)
        for (k, i) in keys { keyOf[i] = k }
        let events: [PrettyJSON] = t.events.enumerated().filter { !$0.element.kind.isBookkeeping }.map { i, e in
            .members([
                ("t", .int(e.time)), ("actor", .string(words.actorName(e.actor, atEvent: i))),
                ("source", .string(words.actorKind(e.actor))), ("kind", .string(words.kindName(e.kind))),
                ("container", .string(e.container.map { t.containers[$0].name })), ("process", .string(e.process.map { keyOf[$0] })),
                ("pid", .int(e.process.map { t.processes[$0].pid })), ("signal", .string(e.signal?.name)),
                ("rule", .string(e.rule.id)), ("message", .string(words.message(e, atEvent: i))),
            ])
        }
        let containers: [PrettyJSON] = t.containers.map { c in
            .members([
                ("name", .string(c.name)), ("sidecar", .bool(c.isSidecar)), ("argv", .strings(c.argv)),
                ("stopSignal", .string(c.stopSignal.name)), ("exitCode", .int(c.lastExit?.code)),
                ("reason", .string(c.lastExit?.reason.rawValue)), ("exitedAt", .int(c.lastExit?.at)),
                ("stopSignalAt", .int(c.stopSignalAt)), ("sigkillAt", .int(c.sigkillAt)), ("restarts", .int(c.restarts)),
                ("exits", .array(c.exits.map { x in
                    .members([("at", .int(x.at)), ("exitCode", .int(x.code)), ("reason", .string(x.reason.rawValue))])
                })),
            ])
        }
        let processes: [PrettyJSON] = t.processes.enumerated().map { i, p in
            let end: PrettyJSON? = p.end.map { end in
                let how: String, signal: String?
                switch end.status {
                case .exited: (how, signal) = ("exited", nil)
                case .signaled(let s): (how, signal) = ("killed", s.name)
                }
                return .members([
                    ("at", .int(end.at)), ("how", .string(how)), ("exitCode", .int(end.status.exitCode)),
                    ("signal", .string(signal)), ("by", .string(end.killedBy.map { originName($0, t.lastMoment) })),
                ])
            }
            return .members([
                ("id", .string(keyOf[i])), ("container", .string(t.containers[p.container].name)), ("pid", .int(p.pid)),
                ("name", .string(p.name)), ("argv", .strings(p.argv)), ("parent", .string(p.parent.map { keyOf[$0] })),
                ("startedAt", .int(p.startedAt)),
                ("received", .array(p.received.map { r in
                    .members([
                        ("at", .int(r.at)), ("signal", .string(r.signal.name)), ("from", .string(originName(r.origin, t.lastMoment))),
                        ("fate", .string(fateName(r.fate))),
                    ])
                })),
                ("end", end), ("reapedAt", .int(p.reapedAt)),
            ])
        }
        let pod = PrettyJSON.members([
            ("name", .string(t.pod.name)), ("deletedAt", .int(t.pod.deletedAt)), ("grace", .int(t.pod.deletionGrace)),
            ("effectiveGrace", .int(t.pod.effectiveGrace)), ("objectRemovedAt", .int(t.pod.objectRemovedAt)),
            ("goneAt", .int(t.pod.goneAt)), ("phase", .string(t.pod.phase?.rawValue)), ("reason", .string(t.pod.reason)),
        ])
        let outcome = PrettyJSON.object(t.outcome.figures.map { k, v in (k, figure(v)) })
        return .members([
            ("schema", .string(schema)),
            ("scenario", .members([
                ("name", .string(t.scenarioName)), ("file", .string(file)), ("seed", .unsigned(t.seed)),
                ("kubernetesVersion", .string(t.kubernetesVersion.description)),
            ])),
            ("events", .array(events)), ("containers", .array(containers)), ("processes", .array(processes)),
            ("pod", pod), ("outcome", outcome), ("endedAt", .int(t.endedAt)), ("hitHorizon", .bool(t.hitHorizon)),
        ])
    }

    /// An outcome figure in JSON: numbers as numbers (durations in ms), words as strings, none as null.
    static func figure(_ v: FigureValue) -> PrettyJSON {
        switch v {
        case .int(let i): .int(i)
        case .duration(let ms): .int(ms)
        case .bool(let b): .bool(b)
        case .text(let s): .string(s)
        case .list(let l): .strings(l)
        case .none: .null
        }
    }

    static func fateName(_ f: SignalFate) -> String {
        switch f {
        case .caught: return "caught"
        case .killed: return "killed"
        case .discarded(let why): return "discarded:" + why.rawValue
        }
    }
}
