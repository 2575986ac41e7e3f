import PodTerm

extension Diagnosis {
    /// What probably explains the value of outcome figure `figure`, if the timeline says.
    func figure(_ figure: String) -> Hint? {
        let parts = figure.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let head = parts.first else { return nil }
        switch head {
        case "containers":
            guard parts.count >= 3, let c = t.containers.firstIndex(where: { $0.name == parts[1...].dropLast().joined(separator: ".") }) else { return nil }
            if parts.last == "stopSignalAt" { return stopSignalTime(c) }
            if parts.last == "restarts" { return restarts(c) }
            return container(c)
        case "processes":
            let key = parts[1...].dropLast().joined(separator: ".")
            guard let i = Outcome.processKeys(t).first(where: { $0.key == key })?.index else { return nil }
            return process(i)
        case "pod":
            return pod()
        case "endpoints":
            guard parts.count >= 3, let i = t.consumers.firstIndex(of: parts[1...].dropLast().joined(separator: ".")) else { return nil }
            return consumer(i)
        case "outcome":
            if parts.last == "zombies" { return zombies() }
            return sigkills()
        case "traffic":
            return traffic()
        case "kafka", "outbound":
            return workloadDeaths()
        default:
            return nil
        }
    }

    /// How process `i` ended, and why.
    func process(_ i: Int) -> Hint? {
        let rec = t.processes[i]
        let name = words.processName(i)
        guard let end = rec.end else {
            return Hint(text: "\(name) was still running when the run ended at \(formatDuration(t.endedAt))", evidence: [])
        }
        if rec.pid == 1 { return pid1Ending(i, end: end, lead: "\(name)", container: rec.container) }
        if end.killedBy == .namespaceTeardown {
            let leader = t.processes.indices.last { t.processes[$0].container == rec.container && t.processes[$0].pid == 1 && t.processes[$0].startedAt <= rec.startedAt }
            let pid1 = leader.map { words.processName($0) } ?? "PID 1"
            let others = rec.received.filter { $0.signal != .kill }
            var text = "\(name) was SIGKILLed at \(formatDuration(end.at)) because \(pid1) died, and the kernel kills every other process of a PID namespace whose PID 1 is gone"
            if others.isEmpty, let leader, let stop = t.processes[leader].received.first(where: { $0.origin == .runtime && $0.signal != .kill }) {
                text += "; no other signal reached \(name) before: the runtime sends \(stop.signal.name) only to PID 1, and \(pid1) did not pass it on to \(name)"
            }
            return Hint(text: text, evidence: killedEvent(i).map { [$0] } ?? [])
        }
        var text: String
        switch end.status {
        case .exited(let code): text = "\(name) exited with code \(code) at \(formatDuration(end.at))"
        case .signaled(let s): text = "\(name) was killed by \(s.name) at \(formatDuration(end.at))" + (end.killedBy.map { " from \(origin($0))" } ?? "")
        }
        if !rec.received.isEmpty {
            text += "; it received " + rec.received.map { r in
                "\(r.signal.name) at \(formatDuration(r.at)) (\(fate(r.fate)))"
            }.joined(separator: ", ")
        }
        return Hint(text: text, evidence: killedEvent(i).map { [$0] } ?? [])
    }

    /// The pod's end: the last container to stop decides it.
    func pod() -> Hint? {
        guard let gone = t.pod.goneAt else {
            if t.pod.deletedAt != nil {
                return Hint(text: "the pod was still terminating when the run ended at \(formatDuration(t.endedAt))", evidence: [])
            }
            return nil
        }
        let last = t.containers.indices.filter { t.containers[$0].lastExit?.at == gone }.last
        let since = t.pod.deletedAt.map { ", \(formatDuration(gone - $0)) after deletion" } ?? ""
        var text = "the pod was gone at \(formatDuration(gone))\(since)"
        var ev: [Int] = []
        if let last, let why = container(last) {
            text += ", when container \(t.containers[last].name) ended: " + why.text
            ev = why.evidence
        }
        return Hint(text: text, evidence: ev)
    }

    /// Every container that was SIGKILLed or OOMKilled, and why.
    func sigkills() -> Hint? {
        let killed = t.containers.indices.filter { t.containers[$0].sigkillAt != nil || t.containers[$0].exits.contains { $0.reason == .oomKilled } }
        guard !killed.isEmpty else { return Hint(text: "no container was SIGKILLed: each ended by itself before any deadline", evidence: []) }
        let hints = killed.map { c in
            (t.containers[c].name, container(c) ?? Hint(text: "SIGKILLed at \(t.containers[c].sigkillAt.map(formatDuration) ?? "?")", evidence: []))
        }
        return Hint(text: hints.map { "container \($0.0): \($0.1.text)" }.joined(separator: "; "), evidence: hints.flatMap(\.1.evidence))
    }

    /// When the stop signal went out, and what came before it.
    func stopSignalTime(_ c: Int) -> Hint? {
        let rec = t.containers[c]
        guard let at = rec.stopSignalAt else {
            return Hint(text: "container \(rec.name) was never sent its stop signal \(rec.stopSignal.name)", evidence: [])
        }
        var ev: [Int] = []
        if let sent = firstIndex(from: at, where: { $0.container == c && $0.signal == rec.stopSignal && isSignalSent($0.kind) }) { ev.append(sent) }
        var text = "the runtime sent \(rec.stopSignal.name) to \(rec.name) at \(formatDuration(at))"
        if let h = rec.preStop, h.startedAt <= at {
            text += ", after its preStop hook (from \(formatDuration(h.startedAt)) to \(formatDuration(h.endedAt ?? at))): the kubelet sends the stop signal only when the hook has finished"
            if let i = firstIndex(from: h.startedAt, where: { $0.container == c && isPreStopEnd($0.kind) }) { ev.append(i) }
        } else if let d = t.pod.deletedAt {
            text += ", \(formatDuration(at - d)) after the pod's deletion at \(formatDuration(d))"
        }
        return Hint(text: text, evidence: ev)
    }

    /// Why a container restarted.
    func restarts(_ c: Int) -> Hint? {
        let rec = t.containers[c]
        guard rec.restarts > 0 else { return Hint(text: "container \(rec.name) never restarted", evidence: []) }
        let ev = t.events.indices.filter { t.events[$0].container == c && { if case .containerRestarted = $0 { return true }; return false }(t.events[$0].kind) }
        let ends = rec.exits.map { "exit \($0.code) (\($0.reason.rawValue)) at \(formatDuration($0.at))" }.joined(separator: ", ")
        return Hint(text: "container \(rec.name) restarted \(rec.restarts)× after it ended: \(ends)", evidence: ev)
    }

    /// When a consumer stopped routing, from the EndpointSlice change and its delay.
    func consumer(_ i: Int) -> Hint? {
        let name = t.consumers[i]
        guard let stop = t.events.indices.first(where: { t.events[$0].actor == .consumer(i) && t.events[$0].kind == .consumerStopped }) else {
            return Hint(text: "\(name) never stopped routing to the pod: the pod was never marked terminating", evidence: [])
        }
        // The change it applied: the first before its stop that took the pod's endpoint out of
        // routing (a deletion, the terminal phase, or a container down).
        let change = t.events.indices.first { j in
            guard j < stop else { return false }
            switch t.events[j].kind {
            case .endpointNotReady, .endpointRemoved, .endpointChanged(ready: false, _, _): return true
            default: return false
            }
        }
        var text = "\(name) stopped routing at \(formatDuration(t.events[stop].time))"
        if let change {
            text += ", its delay of \(formatDuration(t.events[stop].time - t.events[change].time)) after the EndpointSlice change at \(formatDuration(t.events[change].time))"
        }
        return Hint(text: text, evidence: [change, stop].compactMap { $0 })
    }

    /// Requests refused or cut: when the listener closed against when each consumer let go.
    func traffic() -> Hint? {
        let closed = t.events.indices.filter {
            switch t.events[$0].kind {
            case .listenerClosed, .requestsCut: return true
            default: return false
            }
        }
        let stops = t.events.indices.filter { t.events[$0].kind == .consumerStopped }
        guard let first = closed.first else { return nil }
        var text = "the server stopped taking requests at \(formatDuration(t.events[first].time))"
        if let last = stops.last, t.events[last].time > t.events[first].time {
            text += ", but \(words.actorName(t.events[last].actor)) routed to it until \(formatDuration(t.events[last].time)): requests sent in between were refused; a preStop sleep longer than the slowest consumer's delay keeps the listener open until then"
        } else if let last = stops.last {
            text += ", after every consumer had stopped routing (the last at \(formatDuration(t.events[last].time)))"
        }
        let cut = closed.filter { if case .requestsCut(let n, _) = t.events[$0].kind { return n > 0 }; return false }
        if let c = cut.first, case .requestsCut(let n, _) = t.events[c].kind, let p = t.events[c].process {
            text += "; \(n) requests in flight were cut when \(words.processName(p)) died at \(formatDuration(t.events[c].time))"
        }
        return Hint(text: text, evidence: closed + stops)
    }

    /// Kafka consumers and outbound callers that died, and what died with them.
    func workloadDeaths() -> Hint? {
        let deaths = t.events.indices.filter {
            switch t.events[$0].kind {
            case .kafkaDied, .kafkaClosed, .outboundBroken: return true
            default: return false
            }
        }
        guard !deaths.isEmpty else { return nil }
        var text = deaths.map { words.message(t.events[$0], atEvent: $0) + " at \(formatDuration(t.events[$0].time))" }.joined(separator: "; ")
        if let d = deaths.first(where: { if case .kafkaDied = t.events[$0].kind { return true }; return false }),
            let p = t.events[d].process, let why = process(p) {
            text += "; " + why.text
        }
        return Hint(text: text, evidence: deaths)
    }

    /// Zombies never collected.
    func zombies() -> Hint? {
        let z = t.events.indices.filter { if case .becameZombie = t.events[$0].kind { return true }; return false }
        guard !z.isEmpty else { return Hint(text: "no process became a zombie", evidence: []) }
        let reaped = Set(t.events.compactMap { e -> Int? in
            if case .reaped(let by) = e.kind, by != nil { return e.process }
            return nil
        })
        let left = z.filter { !reaped.contains(t.events[$0].process ?? -1) }
        guard !left.isEmpty else { return Hint(text: "every zombie was collected by its parent", evidence: z) }
        let names = left.map { i -> String in
            let e = t.events[i]
            var s = (e.process.map { words.processName($0) } ?? "a process") + " at \(formatDuration(e.time))"
            if case .becameZombie(let parent) = e.kind { s += " (its parent \(words.processName(parent)) never waits for it)" }
            return s
        }
        return Hint(text: "left as zombies: " + names.joined(separator: ", ") + "; an init that reaps (tini, dumb-init) as PID 1 collects orphans", evidence: left)
    }

}
