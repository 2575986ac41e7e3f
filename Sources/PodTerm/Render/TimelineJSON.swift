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
        let run = typedRun
        var c = NullRunCursor()
        if let v = f.from { w.key(TypedKey.from, of: run, &c); w.string(v) }
        if let v = f.parent { w.key(TypedKey.parent, of: run, &c); w.string(v) }
        if let v = f.parentPid { w.key(TypedKey.parentPid, of: run, &c); w.int(v) }
        if let v = f.via { w.key(TypedKey.via, of: run, &c); w.string(v) }
        if let v = f.consumer { w.key(TypedKey.consumer, of: run, &c); w.string(v) }
        if let v = f.program { w.key(TypedKey.program, of: run, &c); w.string(v) }
        if let v = f.argv { w.key(TypedKey.argv, of: run, &c); w.strings(v) }
        if let v = f.previousArgv { w.key(TypedKey.previousArgv, of: run, &c); w.strings(v) }
        if let v = f.graceSeconds { w.key(TypedKey.graceSeconds, of: run, &c); w.int(v) }
        if let v = f.requestedGraceSeconds { w.key(TypedKey.requestedGraceSeconds, of: run, &c); w.int(v) }
        if let v = f.currentGraceSeconds { w.key(TypedKey.currentGraceSeconds, of: run, &c); w.int(v) }
        if let v = f.maxPodGraceSeconds { w.key(TypedKey.maxPodGraceSeconds, of: run, &c); w.int(v) }
        if let v = f.graceLeftSeconds { w.key(TypedKey.graceLeftSeconds, of: run, &c); w.int(v) }
        if let v = f.timeoutSeconds { w.key(TypedKey.timeoutSeconds, of: run, &c); w.int(v) }
        if let v = f.deadlineMs { w.key(TypedKey.deadlineMs, of: run, &c); w.int(v) }
        if let v = f.elapsedMs { w.key(TypedKey.elapsedMs, of: run, &c); w.int(v) }
        if let v = f.cleanupMs { w.key(TypedKey.cleanupMs, of: run, &c); w.int(v) }
        if let v = f.actsAtMs { w.key(TypedKey.actsAtMs, of: run, &c); w.int(v) }
        if let v = f.nextInMs { w.key(TypedKey.nextInMs, of: run, &c); w.int(v) }
        if let v = f.sessionTimeoutMs { w.key(TypedKey.sessionTimeoutMs, of: run, &c); w.int(v) }
        if let v = f.exitCode { w.key(TypedKey.exitCode, of: run, &c); w.int(v) }
        if let v = f.httpStatus { w.key(TypedKey.httpStatus, of: run, &c); w.int(v) }
        if let v = f.waitStatus { w.key(TypedKey.waitStatus, of: run, &c); w.int(v) }
        if let v = f.reason { w.key(TypedKey.reason, of: run, &c); w.string(v) }
        if let v = f.phase { w.key(TypedKey.phase, of: run, &c); w.string(v) }
        if let v = f.eviction { w.key(TypedKey.eviction, of: run, &c); w.string(v) }
        if let v = f.probe { w.key(TypedKey.probe, of: run, &c); w.string(v) }
        if let v = f.command { w.key(TypedKey.command, of: run, &c); w.string(v) }
        if let v = f.hook { w.key(TypedKey.hook, of: run, &c); hook(v, &w) }
        if let v = f.rewrittenTo { w.key(TypedKey.rewrittenTo, of: run, &c); w.string(v) }
        if let v = f.victims { w.key(TypedKey.victims, of: run, &c); w.int(v) }
        if let v = f.pendingEvents { w.key(TypedKey.pendingEvents, of: run, &c); w.int(v) }
        if let v = f.restartCount { w.key(TypedKey.restartCount, of: run, &c); w.int(v) }
        if let v = f.requestsInFlight { w.key(TypedKey.requestsInFlight, of: run, &c); w.int(v) }
        if let v = f.bufferedMessages { w.key(TypedKey.bufferedMessages, of: run, &c); w.int(v) }
        if let v = f.succeeded { w.key(TypedKey.succeeded, of: run, &c); w.bool(v) }
        if let v = f.force { w.key(TypedKey.force, of: run, &c); w.bool(v) }
        if let v = f.now { w.key(TypedKey.now, of: run, &c); w.bool(v) }
        if let v = f.floored { w.key(TypedKey.floored, of: run, &c); w.bool(v) }
        if let v = f.critical { w.key(TypedKey.critical, of: run, &c); w.bool(v) }
        if let v = f.oomKilled { w.key(TypedKey.oomKilled, of: run, &c); w.bool(v) }
        if let v = f.exitTrap { w.key(TypedKey.exitTrap, of: run, &c); w.bool(v) }
        if let v = f.swallowed { w.key(TypedKey.swallowed, of: run, &c); w.bool(v) }
        if let v = f.unsupported { w.key(TypedKey.unsupported, of: run, &c); w.bool(v) }
        if let v = f.wasListening { w.key(TypedKey.wasListening, of: run, &c); w.bool(v) }
        if let v = f.lost { w.key(TypedKey.lost, of: run, &c); w.bool(v) }
        if let v = f.stopped { w.key(TypedKey.stopped, of: run, &c); w.bool(v) }
        if let v = f.error { w.key(TypedKey.error, of: run, &c); w.string(v) }
        if let v = f.newSession { w.key(TypedKey.newSession, of: run, &c); w.bool(v) }
        if let v = f.handlers { w.key(TypedKey.handlers, of: run, &c); w.strings(v) }
        if let v = f.ignoredSignals { w.key(TypedKey.ignoredSignals, of: run, &c); w.strings(v) }
        if let v = f.blockedSignals { w.key(TypedKey.blockedSignals, of: run, &c); w.strings(v) }
        if let v = f.workload { w.key(TypedKey.workload, of: run, &c); w.string(v) }
        if let v = f.meters {
            w.key(TypedKey.meters, of: run, &c)
            w.raw("{")
            for (n, m) in v.enumerated() {
                if n > 0 { w.raw(", ") }
                w.string(m.name)
                w.raw(": ")
                figure(m.value, &w)
            }
            w.raw("}")
        }
        if let g = f.growth { w.key(TypedKey.growth, of: run, &c); growth(g, &w) }
        w.end(of: run, c)
        w.raw("}")
    }

    /// The typed fields of an event, in the order they are written (see `EventFields`).
    enum TypedKey: Int, CaseIterable {
        case from, parent, parentPid, via, consumer, program, argv, previousArgv, graceSeconds,
            requestedGraceSeconds, currentGraceSeconds, maxPodGraceSeconds, graceLeftSeconds,
            timeoutSeconds, deadlineMs, elapsedMs, cleanupMs, actsAtMs, nextInMs, sessionTimeoutMs,
            exitCode, httpStatus, waitStatus, reason, phase, eviction, probe, command, hook,
            rewrittenTo, victims, pendingEvents, restartCount, requestsInFlight, bufferedMessages,
            succeeded, force, now, floored, critical, oomKilled, exitTrap, swallowed, unsupported,
            wasListening, lost, stopped, error, newSession, handlers, ignoredSignals, blockedSignals,
            workload, meters, growth
    }

    /// Those keys, all null: most of every event's line.
    static let typedRun = NullRun<TypedKey>()

    /// `{"type": "exec", "command": […], "path": null, "port": null, "sleepSeconds": null}`, or null.
    private static func hook(_ h: LifecycleHandler, _ w: inout JSONWriter) {
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
    /// `{"law": "traffic", "rates": [50], "accepted": true, …}`: every key on every growth,
    /// null where the law has none.
    private static func growth(_ g: MeterGrowth, _ w: inout JSONWriter) {
        var law: StaticString = "none"
        var rates: [Int]?, rate: Int?, accepted: Bool?, batchSize: Int?, flushIntervalMs: Int?, next: Int?
        var nextFlushMs: Int?, okFromMs: Int?
        switch g {
        case .none: break
        case .notClosedForm: law = "not-closed-form"
        case .traffic(let r, let a): law = "traffic"; rates = r; accepted = a
        case .kafka(let r, let b, let f, let n, let nf):
            law = "kafka"; rate = r; batchSize = b; flushIntervalMs = f.ms; next = n; nextFlushMs = nf.ms
        case .outbound(let r, let ok): law = "outbound"; rate = r; okFromMs = ok?.ms
        }
        w.raw("{\"law\": \"")
        w.raw(law)
        w.raw("\", \"rates\": ")
        if let rates {
            w.raw("[")
            for (i, r) in rates.enumerated() { if i > 0 { w.raw(", ") }; w.int(r) }
            w.raw("]")
        } else { w.null() }
        w.raw(", \"rate\": "); w.int(rate)
        w.raw(", \"accepted\": "); w.bool(accepted)
        w.raw(", \"batchSize\": "); w.int(batchSize)
        w.raw(", \"flushIntervalMs\": "); w.int(flushIntervalMs)
        w.raw(", \"next\": "); w.int(next)
        w.raw(", \"nextFlushMs\": "); w.int(nextFlushMs)
        w.raw(", \"okFromMs\": "); w.int(okFromMs)
        w.raw("}")
    }

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
