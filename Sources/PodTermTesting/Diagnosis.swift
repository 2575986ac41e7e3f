import PodTerm

/// What probably went wrong, read from a timeline's events and rules: why a container or a
/// process ended as it did, why a time figure has the value it has.
///
/// Nothing here knows a scenario by name: every sentence is built from what the events say
/// (a stop signal discarded by PID 1 by rule `kernel.pid1-ignores-default`, a cleanup longer
/// than the time the runtime gave, a preStop hook that used the grace…).
struct Diagnosis {
    /// A sentence saying what probably happened, and the events that show it.
    struct Hint: Equatable {
        var text: String
        var evidence: [Int]
    }

    let t: Timeline
    let words: EventText

    init(_ timeline: Timeline) {
        t = timeline
        words = EventText(timeline)
    }

    // MARK: Containers

    /// Why container `c` ended as it did (its last end), or why it never ended.
    func container(_ c: Int) -> Hint? {
        let rec = t.containers[c]
        guard let exit = rec.lastExit else {
            if rec.stopSignalAt == nil {
                return Hint(text: "container \(rec.name) was still running when the run ended at \(formatDuration(t.endedAt)), and nothing sent it a stop signal", evidence: [])
            }
            return Hint(text: "container \(rec.name) was still running when the run ended at \(formatDuration(t.endedAt)), although it was sent \(rec.stopSignal.name) at \(formatDuration(rec.stopSignalAt!))", evidence: [])
        }
        if exit.reason == .oomKilled {
            let oom = lastIndex(before: exit.at, inclusive: true) { $0.container == c && $0.kind == .oomKill }
            if exit.code == Signal.kill.exitCode {
                return Hint(text: "the container was OOMKilled at \(formatDuration(exit.at)): the kernel's OOM killer sends SIGKILL at once, with no stop signal, no preStop hook and no grace period", evidence: oom.map { [$0] } ?? [])
            }
            let victims = t.processes.indices.filter { t.processes[$0].container == c && t.processes[$0].end?.killedBy == .oomKiller && t.processes[$0].end!.at <= exit.at }
            let names = victims.map { words.processName($0) }.joined(separator: ", ")
            let when = victims.first.flatMap { t.processes[$0].end?.at }.map(formatDuration) ?? "?"
            return Hint(text: "the OOM killer SIGKILLed \(names.isEmpty ? "a process" : names) of the container at \(when), at once (no stop signal, no preStop hook, no grace); the container's reason stays OOMKilled although it ended with \(exit.code) at \(formatDuration(exit.at))", evidence: oom.map { [$0] } ?? [])
        }
        // The PID 1 whose end ended the container's last instance (a restarted container's
        // new PID 1 may still run).
        guard let pid1 = t.processes.indices.last(where: {
            let p = t.processes[$0]
            return p.container == c && p.pid == 1 && p.end != nil && p.end!.at <= exit.at
        }), let end = t.processes[pid1].end else { return nil }
        var hint = pid1Ending(pid1, end: end, lead: "the container", container: c)
        if rec.restarts > 0 {
            hint.text += " (its last end; the kubelet restarted it \(rec.restarts)×)"
        }
        return hint
    }

    /// How PID 1 `p` of container `c` ended, and the likely cause.
    func pid1Ending(_ p: Int, end: ProcessEnd, lead: String, container c: Int) -> Hint {
        let name = words.processName(p)
        let rec = t.processes[p]
        switch end.status {
        case .signaled(.kill):
            let killEvent = lastIndex(before: end.at, inclusive: true) { $0.process == p && $0.signal == .kill && isSignalSent($0.kind) }
            let stop = rec.received.last { $0.signal != .kill && $0.at <= end.at && $0.origin.isOutsideOrKernel }
            var ev = killEvent.map { [$0] } ?? []
            guard let stop else {
                return Hint(text: "\(lead) was SIGKILLed at \(formatDuration(end.at)) with no stop signal before it: nothing gave \(name) a chance to clean up", evidence: ev)
            }
            let sent = firstIndex(from: stop.at) { $0.process == p && $0.signal == stop.signal && isSignalSent($0.kind) }
            ev += sent.map { [$0] } ?? []
            let prefix = "\(lead) was SIGKILLed at \(formatDuration(end.at)): "
            switch stop.fate {
            case .discarded(let reason):
                let fateEvent = firstIndex(from: stop.at) { $0.process == p && $0.signal == stop.signal && isDiscard($0.kind) }
                ev += fateEvent.map { [$0] } ?? []
                let rule = fateEvent.map { " (rule \(t.events[$0].rule.id))" } ?? ""
                let when = "the stop signal \(stop.signal.name) was discarded at \(formatDuration(stop.at))"
                switch reason {
                case .pid1Default:
                    let kids = children(of: p, aliveAt: stop.at)
                    if kids.isEmpty {
                        return Hint(text: prefix + when + ": PID 1 \(name) has no handler for it, and the kernel drops such signals for PID 1\(rule); did you mean to exec the app or add a handler?", evidence: ev)
                    }
                    let kidNames = kids.map { words.processName($0) }.joined(separator: ", ")
                    return Hint(text: prefix + when + ": PID 1 \(name) has no handler for it\(rule), so it never reached \(kidNames); did you mean to exec the app, so that it is PID 1, or to run it under an init that forwards signals (tini, dumb-init)?", evidence: ev)
                case .ignored:
                    return Hint(text: prefix + "PID 1 \(name) ignores the stop signal \(stop.signal.name): its disposition is SIG_IGN, set by it or inherited from its parent\(rule); handle it, or set lifecycle.stopSignal (or the image's STOPSIGNAL) to a signal it handles", evidence: ev)
                default:
                    return Hint(text: prefix + when + ": \(reason.rawValue)\(rule)", evidence: ev)
                }
            case .caught:
                let caught = firstIndex(from: stop.at) { $0.process == p && $0.signal == stop.signal && isCatch($0.kind) }
                ev += caught.map { [$0] } ?? []
                var text = prefix + "\(name) caught \(stop.signal.name) at \(formatDuration(stop.at))"
                let given = end.at - stop.at
                var cleanupEnd: Millis? = nil
                if let caught, case .signalCaught(let cleanup) = t.events[caught].kind {
                    if stop.at + cleanup > end.at {
                        text += ", but its cleanup takes \(formatDuration(cleanup)) and it was given \(formatDuration(given))"
                        let note = preStopNote(c, stopAt: stop.at, evidence: &ev)
                        text += note
                        text += note.isEmpty ? "; shorten the cleanup or raise terminationGracePeriodSeconds"
                            : "; shorten the preStop hook or the cleanup, or raise terminationGracePeriodSeconds"
                        return Hint(text: text, evidence: ev)
                    }
                    cleanupEnd = stop.at + cleanup
                    text += ", its cleanup ended at \(formatDuration(stop.at + cleanup))"
                }
                text += ", but it had not exited \(formatDuration(given)) after the stop signal"
                text += afterCatching(p, stop: stop, from: cleanupEnd ?? stop.at, evidence: &ev)
                text += preStopNote(c, stopAt: stop.at, evidence: &ev)
                return Hint(text: text, evidence: ev)
            case .killed:
                return Hint(text: prefix + "after \(stop.signal.name) at \(formatDuration(stop.at))", evidence: ev)
            }
        case .signaled(let s):
            let got = rec.received.last { $0.signal == s && $0.fate == .killed }
            let from = got.map { " sent by \(origin($0.origin)) at \(formatDuration($0.at))" } ?? ""
            return Hint(text: "PID 1 \(name) was killed by \(s.name)\(from): it has no handler for \(s.name), whose default action ends the process (exit code 128+\(s.rawValue) = \(s.exitCode))", evidence: killedEvent(p).map { [$0] } ?? [])
        case .exited(let code):
            var text = "PID 1 \(name) exited with code \(code) at \(formatDuration(end.at))"
            if let caught = rec.received.last(where: { $0.fate == .caught && $0.at <= end.at }) {
                text += ", \(formatDuration(end.at - caught.at)) after catching \(caught.signal.name)"
            } else if code == 127, let failed = firstIndex(from: rec.startedAt, where: { $0.process == p && $0.kind == .execFailed }) {
                return Hint(text: "PID 1 \(name) could not start (exit 127): \(words.message(t.events[failed], atEvent: failed))", evidence: [failed])
            } else if rec.received.isEmpty {
                text += ", by itself: no signal reached it"
            }
            let exitEvent = firstIndex(from: end.at) { $0.process == p && $0.kind == .exited(code: code) }
            return Hint(text: text, evidence: exitEvent.map { [$0] } ?? [])
        }
    }

    /// What kept PID 1 `p` alive after it caught the stop signal: a signal it passed on and
    /// its receivers discarded or outlived, or a signal it raised on itself as PID 1.
    func afterCatching(_ p: Int, stop: ReceivedSignal, from time: Millis, evidence ev: inout [Int]) -> String {
        let s = stop.signal
        let passedOn: [(Int, ReceivedSignal)] = t.processes.indices.compactMap { q in
            guard q != p, let r = t.processes[q].received.first(where: { $0.origin == .process(p) && $0.signal == s && $0.at >= stop.at }) else { return nil }
            return (q, r)
        }
        if !passedOn.isEmpty {
            for (q, r) in passedOn {
                if let i = firstIndex(from: r.at, where: { $0.process == q && $0.signal == s && isDiscard($0.kind) }) { ev.append(i) }
            }
            let list = passedOn.map { "\(words.processName($0.0)) (\(fate($0.1.fate)))" }.joined(separator: ", ")
            var text = ": it passed \(s.name) on to \(list)"
            if passedOn.allSatisfy({ if case .discarded(.ignored) = $0.1.fate { return true }; return false }) {
                text += ", which ignore it: a disposition set to ignore survives fork and exec, so a parent that ignored \(s.name) passes that on; reset or handle \(s.name) in the app"
            } else if passedOn.allSatisfy({ $0.1.fate == .caught }) {
                text += ", which caught it but had not finished when SIGKILL came"
            }
            return text
        }
        if let raised = t.processes[p].received.first(where: { $0.origin == .process(p) && $0.signal == s && $0.at >= time }),
            case .discarded(.pid1Default) = raised.fate {
            let i = firstIndex(from: raised.at) { $0.process == p && $0.signal == s && isDiscard($0.kind) }
            if let i { ev.append(i) }
            return ": it raised \(s.name) on itself at \(formatDuration(raised.at)), which the kernel discarded, as it does any signal PID 1 leaves at its default disposition\(i.map { " (rule \(t.events[$0].rule.id))" } ?? ""); as PID 1 it must exit by itself (for example with 128+\(s.rawValue)), or run under an init such as tini"
        }
        return ""
    }

    func fate(_ f: SignalFate) -> String {
        switch f {
        case .caught: return "caught"
        case .killed: return "killed it"
        case .discarded(.ignored): return "ignored"
        case .discarded(.pid1Default): return "discarded: PID 1 with no handler"
        case .discarded(let r): return "discarded: \(r.rawValue)"
        }
    }

    /// `; the preStop hook ran from 10s to 38s first` when one ran before the stop signal.
    func preStopNote(_ c: Int, stopAt: Millis, evidence: inout [Int]) -> String {
        guard let h = t.containers[c].preStop, h.startedAt <= stopAt else { return "" }
        let end = h.endedAt ?? stopAt
        if let i = firstIndex(from: h.startedAt, where: { $0.container == c && isPreStopEnd($0.kind) }) { evidence.append(i) }
        let floor = lastIndex(before: stopAt, inclusive: true) { $0.container == c && isFlooredStop($0.kind) }
        var text = "; the preStop hook ran from \(formatDuration(h.startedAt)) to \(formatDuration(end))\(h.abandoned ? " (abandoned: it used the whole grace)" : ""), before the stop signal"
        if let floor {
            evidence.append(floor)
            text += ", which left only the 2 s minimum"
        }
        return text
    }

    // MARK: Looking things up

    /// PID 1 of the last instance of container `c`.
    func pid1(of c: Int) -> Int? {
        t.processes.indices.last { t.processes[$0].container == c && t.processes[$0].pid == 1 }
    }

    /// The children of `p` (at start) that were alive at `time`.
    func children(of p: Int, aliveAt time: Millis) -> [Int] {
        t.processes.indices.filter {
            let q = t.processes[$0]
            return q.parent == p && q.startedAt <= time && (q.end.map { $0.at > time } ?? true)
        }
    }

    func killedEvent(_ p: Int) -> Int? {
        t.events.indices.last { i in
            if t.events[i].process == p, case .killedBySignal = t.events[i].kind { return true }
            return false
        }
    }

    func origin(_ o: SignalOrigin) -> String {
        switch o {
        case .runtime: return "the runtime"
        case .namespaceTeardown: return "the kernel (its PID 1 died)"
        case .oomKiller: return "the OOM killer"
        case .node: return "someone on the node, by hand"
        case .timer: return "a timer"
        case .process(let i): return words.processName(i)
        }
    }

    func firstIndex(from time: Millis, where test: (TimelineEvent) -> Bool) -> Int? {
        t.events.indices.first { t.events[$0].time >= time && test(t.events[$0]) }
    }

    func lastIndex(before time: Millis, inclusive: Bool, where test: (TimelineEvent) -> Bool) -> Int? {
        t.events.indices.last { (inclusive ? t.events[$0].time <= time : t.events[$0].time < time) && test(t.events[$0]) }
    }

    func isSignalSent(_ k: EventKind) -> Bool { if case .signalSent = k { return true }; return false }
    func isDiscard(_ k: EventKind) -> Bool { if case .signalDiscarded = k { return true }; return false }
    func isCatch(_ k: EventKind) -> Bool { if case .signalCaught = k { return true }; return false }
    func isPreStopEnd(_ k: EventKind) -> Bool {
        switch k {
        case .preStopFinished, .preStopAbandoned: return true
        default: return false
        }
    }
    func isFlooredStop(_ k: EventKind) -> Bool { if case .stopContainer(_, let floored, _) = k { return floored }; return false }
}
