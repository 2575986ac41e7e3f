/// Renders a timeline as the stable, versioned JSON schema `podterm.timeline/v2` (see the README
/// and `schemas/podterm.timeline.v2.schema.json`).
///
/// Every event carries its numbers and names as typed fields, each key present on every event
/// and `null` where it does not apply. Keys come in a fixed order and arrays keep timeline
/// order, so the same run gives the same bytes. It streams: `write(_:file:to:)` hands the
/// text to a sink 64 KiB at a time, in one pass over the events.
public enum TimelineJSON {
    /// The schema id written into every document.
    public static let schema = "podterm.timeline/v2"

    /// The JSON text, ending with a newline.
    public static func render(_ t: Timeline, file: String? = nil) -> String {
        var sink = ByteBuffer()
        // A ByteBuffer never throws.
        try? write(t, file: file, to: &sink)
        return sink.text
    }

    /// Writes the JSON text, ending with a newline, to `sink` as it goes; rethrows the sink's error.
    public static func write<Sink: ByteSink>(_ t: Timeline, file: String? = nil, to sink: inout Sink) throws {
        try withoutActuallyEscaping({ (bytes: UnsafeRawBufferPointer) throws in try sink.write(bytes) }) { flush in
            var w = JSONWriter(flush: flush)
            defer { w.deallocate() }
            try document(t, file: file, &w)
        }
    }

    /// The whole document, in one pass; not generic, so it is compiled once for every sink.
    private static func document(_ t: Timeline, file: String?, _ w: inout JSONWriter) throws {
        let keys = processKeys(t)
        let words = EventText(t)

        w.raw("{\n  \"schema\": ")
        w.string(schema)
        w.raw(",\n  \"scenario\": {\"name\": ")
        w.string(t.scenarioName)
        w.raw(", \"file\": ")
        w.string(file)
        w.raw(", \"seed\": ")
        w.unsigned(t.seed)
        w.raw(", \"kubernetesVersion\": ")
        w.string(t.kubernetesVersion.description)
        w.raw("},\n  \"events\": ")
        var reader = EventFieldReader(t, words: words, processKeys: keys)
        try list(t.events.count, &w) { i, w in
            let e = t.events[i]
            event(e, index: i, fields: reader.fields(e, index: i), words: words, keys: keys, &w)
        }
        w.raw(",\n  \"containers\": ")
        try list(t.containers.count, &w) { i, w in container(t.containers[i], &w) }
        w.raw(",\n  \"processes\": ")
        try list(t.processes.count, &w) { i, w in process(i, t, keys: keys, &w) }
        w.raw(",\n  \"consumers\": ")
        w.strings(t.consumers)
        w.raw(",\n  \"pod\": ")
        pod(t.pod, &w)
        w.raw(",\n  \"outcome\": ")
        let figures = t.outcome.figures
        if figures.isEmpty {
            w.raw("{}")
        } else {
            w.raw("{")
            for (n, (name, value)) in figures.enumerated() {
                w.raw(n == 0 ? "\n    " : ",\n    ")
                w.string(name)
                w.raw(": ")
                figure(value, &w)
                try w.flushIfFull()
            }
            w.raw("\n  }")
        }
        w.raw(",\n  \"endedAt\": ")
        w.int(t.endedAt)
        w.raw(",\n  \"hitHorizon\": ")
        w.bool(t.hitHorizon)
        w.raw("\n}\n")
        try w.flush()
    }

    /// The stable id of every process, by index (`Outcome.processKeys`).
    static func processKeys(_ t: Timeline) -> [String] {
        var keys = Array(repeating: "", count: t.processes.count)
        for (k, i) in Outcome.processKeys(t) { keys[i] = k }
        return keys
    }

    /// `[`, one element a line, `]`; `[]` when empty.
    private static func list(_ count: Int, _ w: inout JSONWriter, _ element: (Int, inout JSONWriter) -> Void) throws {
        guard count > 0 else {
            w.raw("[]")
            return
        }
        w.raw("[")
        for i in 0..<count {
            w.raw(i == 0 ? "\n    " : ",\n    ")
            element(i, &w)
            try w.flushIfFull()
        }
        w.raw("\n  ]")
    }

    private static func event(_ e: TimelineEvent, index: Int, fields f: EventFields, words: EventText, keys: [String], _ w: inout JSONWriter) {
        w.raw("{")
        w.raw("\"index\": "); w.int(index)
        w.raw(", \"t\": "); w.int(e.time)
        w.raw(", \"kind\": "); w.string(words.kindName(e.kind))
        w.raw(", \"actor\": "); w.string(words.actorName(e.actor, atEvent: index))
        w.raw(", \"source\": "); w.string(words.actorKind(e.actor))
        w.raw(", \"container\": "); w.string(e.container.map { words.timeline.containers[$0].name })
        w.raw(", \"process\": "); w.string(e.process.map { keys[$0] })
        w.raw(", \"pid\": "); w.int(e.process.map { words.timeline.processes[$0].pid })
        w.raw(", \"signal\": "); w.string(f.signal?.name)
        w.raw(", \"rule\": "); w.string(e.rule.id)
        w.raw(", \"message\": "); w.string(words.message(e, atEvent: index))
        w.raw(", \"from\": "); w.string(f.from)
        w.raw(", \"parent\": "); w.string(f.parent)
        w.raw(", \"parentPid\": "); w.int(f.parentPid)
        w.raw(", \"via\": "); w.string(f.via)
        w.raw(", \"consumer\": "); w.string(f.consumer)
        w.raw(", \"program\": "); w.string(f.program)
        w.raw(", \"argv\": "); w.strings(f.argv)
        w.raw(", \"previousArgv\": "); w.strings(f.previousArgv)
        w.raw(", \"graceSeconds\": "); w.int(f.graceSeconds)
        w.raw(", \"requestedGraceSeconds\": "); w.int(f.requestedGraceSeconds)
        w.raw(", \"currentGraceSeconds\": "); w.int(f.currentGraceSeconds)
        w.raw(", \"maxPodGraceSeconds\": "); w.int(f.maxPodGraceSeconds)
        w.raw(", \"graceLeftSeconds\": "); w.int(f.graceLeftSeconds)
        w.raw(", \"timeoutSeconds\": "); w.int(f.timeoutSeconds)
        w.raw(", \"deadlineMs\": "); w.int(f.deadlineMs)
        w.raw(", \"elapsedMs\": "); w.int(f.elapsedMs)
        w.raw(", \"cleanupMs\": "); w.int(f.cleanupMs)
        w.raw(", \"actsAtMs\": "); w.int(f.actsAtMs)
        w.raw(", \"nextInMs\": "); w.int(f.nextInMs)
        w.raw(", \"sessionTimeoutMs\": "); w.int(f.sessionTimeoutMs)
        w.raw(", \"exitCode\": "); w.int(f.exitCode)
        w.raw(", \"httpStatus\": "); w.int(f.httpStatus)
        w.raw(", \"waitStatus\": "); w.int(f.waitStatus)
        w.raw(", \"reason\": "); w.string(f.reason)
        w.raw(", \"phase\": "); w.string(f.phase)
        w.raw(", \"eviction\": "); w.string(f.eviction)
        w.raw(", \"probe\": "); w.string(f.probe)
        w.raw(", \"command\": "); w.string(f.command)
        w.raw(", \"hook\": "); hook(f.hook, &w)
        w.raw(", \"rewrittenTo\": "); w.string(f.rewrittenTo)
        w.raw(", \"victims\": "); w.int(f.victims)
        w.raw(", \"pendingEvents\": "); w.int(f.pendingEvents)
        w.raw(", \"restartCount\": "); w.int(f.restartCount)
        w.raw(", \"requestsInFlight\": "); w.int(f.requestsInFlight)
        w.raw(", \"bufferedMessages\": "); w.int(f.bufferedMessages)
        w.raw(", \"succeeded\": "); w.bool(f.succeeded)
        w.raw(", \"force\": "); w.bool(f.force)
        w.raw(", \"now\": "); w.bool(f.now)
        w.raw(", \"floored\": "); w.bool(f.floored)
        w.raw(", \"critical\": "); w.bool(f.critical)
        w.raw(", \"oomKilled\": "); w.bool(f.oomKilled)
        w.raw(", \"exitTrap\": "); w.bool(f.exitTrap)
        w.raw(", \"swallowed\": "); w.bool(f.swallowed)
        w.raw(", \"unsupported\": "); w.bool(f.unsupported)
        w.raw(", \"wasListening\": "); w.bool(f.wasListening)
        w.raw(", \"lost\": "); w.bool(f.lost)
        w.raw(", \"stopped\": "); w.bool(f.stopped)
        w.raw(", \"error\": "); w.string(f.error)
        w.raw("}")
    }

    /// `{"type": "exec", "command": […], "path": null, "port": null, "sleepSeconds": null}`, or null.
    private static func hook(_ h: LifecycleHandler?, _ w: inout JSONWriter) {
        guard let h else { return w.null() }
        var command: [String]?, path: String?, port: Int?, sleep: Int?
        let type: String
        switch h {
        case .exec(let c): type = "exec"; command = c
        case .httpGet(let p, let n): type = "httpGet"; path = p; port = n
        case .sleep(let s): type = "sleep"; sleep = s
        }
        w.raw("{")
        w.raw("\"type\": "); w.string(type)
        w.raw(", \"command\": "); w.strings(command)
        w.raw(", \"path\": "); w.string(path)
        w.raw(", \"port\": "); w.int(port)
        w.raw(", \"sleepSeconds\": "); w.int(sleep)
        w.raw("}")
    }

    private static func container(_ c: ContainerRecord, _ w: inout JSONWriter) {
        let last = c.lastExit
        w.raw("{")
        w.raw("\"name\": "); w.string(c.name)
        w.raw(", \"sidecar\": "); w.bool(c.isSidecar)
        w.raw(", \"argv\": "); w.strings(c.argv)
        w.raw(", \"stopSignal\": "); w.string(c.stopSignal.name)
        w.raw(", \"exitCode\": "); w.int(last?.code)
        w.raw(", \"reason\": "); w.string(last?.reason.rawValue)
        w.raw(", \"exitedAt\": "); w.int(last?.at)
        w.raw(", \"stopSignalAt\": "); w.int(c.stopSignalAt)
        w.raw(", \"sigkillAt\": "); w.int(c.sigkillAt)
        w.raw(", \"restarts\": "); w.int(c.restarts)
        w.raw(", \"exits\": ")
        w.raw("[")
        for (i, x) in c.exits.enumerated() {
            if i > 0 { w.raw(", ") }
            w.raw("{")
            w.raw("\"at\": "); w.int(x.at)
            w.raw(", \"exitCode\": "); w.int(x.code)
            w.raw(", \"reason\": "); w.string(x.reason.rawValue)
            w.raw("}")
        }
        w.raw("]")
        w.raw(", \"preStop\": ")
        if let h = c.preStop {
            w.raw("{")
            w.raw("\"startedAt\": "); w.int(h.startedAt)
            w.raw(", \"endedAt\": "); w.int(h.endedAt)
            w.raw(", \"succeeded\": "); w.bool(h.succeeded)
            w.raw(", \"abandoned\": "); w.bool(h.abandoned)
            w.raw("}")
        } else {
            w.null()
        }
        w.raw("}")
    }

    private static func process(_ i: Int, _ t: Timeline, keys: [String], _ w: inout JSONWriter) {
        let p = t.processes[i]
        let origin = { (o: SignalOrigin) in EventFieldReader.originName(o, keys: keys) }
        w.raw("{")
        w.raw("\"id\": "); w.string(keys[i])
        w.raw(", \"container\": "); w.string(t.containers[p.container].name)
        w.raw(", \"pid\": "); w.int(p.pid)
        w.raw(", \"name\": "); w.string(p.name)
        w.raw(", \"argv\": "); w.strings(p.argv)
        w.raw(", \"parent\": "); w.string(p.parent.map { keys[$0] })
        w.raw(", \"startedAt\": "); w.int(p.startedAt)
        w.raw(", \"containerInstance\": "); w.int(p.containerInstance)
        w.raw(", \"received\": ")
        w.raw("[")
        for (n, r) in p.received.enumerated() {
            if n > 0 { w.raw(", ") }
            w.raw("{")
            w.raw("\"at\": "); w.int(r.at)
            w.raw(", \"signal\": "); w.string(r.signal.name)
            w.raw(", \"from\": "); w.string(origin(r.origin))
            switch r.fate {
            case .caught: w.raw(", \"fate\": "); w.string("caught"); w.raw(", \"reason\": "); w.null()
            case .killed: w.raw(", \"fate\": "); w.string("killed"); w.raw(", \"reason\": "); w.null()
            case .discarded(let why): w.raw(", \"fate\": "); w.string("discarded"); w.raw(", \"reason\": "); w.string(why.rawValue)
            }
            w.raw("}")
        }
        w.raw("]")
        w.raw(", \"end\": ")
        if let end = p.end {
            w.raw("{")
            w.raw("\"at\": "); w.int(end.at)
            switch end.status {
            case .exited(let code):
                w.raw(", \"how\": "); w.string("exited")
                w.raw(", \"exitCode\": "); w.int(code)
                w.raw(", \"signal\": "); w.null()
            case .signaled(let s):
                w.raw(", \"how\": "); w.string("killed")
                w.raw(", \"exitCode\": "); w.int(s.exitCode)
                w.raw(", \"signal\": "); w.string(s.name)
            }
            w.raw(", \"by\": "); w.string(end.killedBy.map(origin))
            w.raw("}")
        } else {
            w.null()
        }
        w.raw(", \"reapedAt\": "); w.int(p.reapedAt)
        w.raw("}")
    }

    private static func pod(_ p: PodRecord, _ w: inout JSONWriter) {
        w.raw("{")
        w.raw("\"name\": "); w.string(p.name)
        w.raw(", \"deletedAt\": "); w.int(p.deletedAt)
        w.raw(", \"graceSeconds\": "); w.int(p.deletionGrace)
        w.raw(", \"effectiveGraceSeconds\": "); w.int(p.effectiveGrace)
        w.raw(", \"objectRemovedAt\": "); w.int(p.objectRemovedAt)
        w.raw(", \"goneAt\": "); w.int(p.goneAt)
        w.raw(", \"phase\": "); w.string(p.phase?.rawValue)
        w.raw(", \"reason\": "); w.string(p.reason)
        w.raw("}")
    }

    /// An outcome figure: numbers as numbers (durations in ms), words as strings, none as null.
    private static func figure(_ v: FigureValue, _ w: inout JSONWriter) {
        switch v {
        case .int(let i): w.int(i)
        case .duration(let ms): w.int(ms)
        case .bool(let b): w.bool(b)
        case .text(let s): w.string(s)
        case .list(let l): w.strings(l)
        case .none: w.null()
        }
    }
}
