import Foundation
import PodTerm

/// Checks that a timeline tells one story: the outcome figures, the text summary and the JSON
/// say what the event list says. Returns one line per disagreement (empty: consistent).
///
/// What it checks, each against the events alone:
/// - every process dies at most once, and its record (`end`) is that death;
/// - a SIGKILL sent to a living process (not discarded when sent) is what kills it;
/// - `containers.X.sigkilled` is true iff the runtime's SIGKILL killed a living PID 1 of X (or
///   X was OOM-killed), `sigkillAt` is when, and the summary says "SIGKILLed by the runtime"
///   exactly then;
/// - each container exit has the exit code of its PID 1's death, and the exit figures and the
///   JSON are the last of those exits;
/// - `outcome.sigkilled` and `outcome.processesSigkilled` sum those up;
/// - a preStop hook ends once (finished or abandoned), as its figure says;
/// - a Kafka consumer either closes or dies, once.
func storyDisagreements(_ t: Timeline) -> [String] {
    var problems: [String] = []
    let events = t.events
    let outcome = t.outcome
    func name(_ p: Int) -> String { "\(t.containers[t.processes[p].container].name)/\(t.processes[p].name)[\(t.processes[p].pid)]" }
    func at(_ i: Int) -> String { "event \(i) at \(events[i].time) ms" }

    // Deaths, from the events.
    var death: [Int: (index: Int, status: WaitStatus, origin: SignalOrigin?)] = [:]
    for (i, e) in events.enumerated() {
        guard let p = e.process else { continue }
        let status: WaitStatus
        var origin: SignalOrigin?
        switch e.kind {
        case .exited(let code): status = .exited(code)
        case .killedBySignal(let o):
            guard let s = e.signal else { problems.append("\(at(i)): a kill without a signal"); continue }
            status = .signaled(s)
            origin = o
        default: continue
        }
        if let d = death[p] {
            problems.append("\(at(i)): \(name(p)) dies again (\(status)) after \(d.status) at event \(d.index)")
            continue
        }
        death[p] = (i, status, origin)
    }
    for (p, rec) in t.processes.enumerated() {
        let d = death[p]
        if rec.end?.status != d?.status || rec.end?.at != d.map({ events[$0.index].time }) {
            problems.append("\(name(p)): record says \(String(describing: rec.end)), events say \(String(describing: d))")
        }
    }

    // A SIGKILL that reaches a living process kills it: nothing of its own happens after.
    for (i, e) in events.enumerated() {
        guard case .signalSent = e.kind, e.signal == .kill, let p = e.process else { continue }
        let next = i + 1 < events.count ? events[i + 1] : nil
        if let n = next, case .signalDiscarded = n.kind, n.process == p, n.signal == .kill { continue }
        guard let d = death[p] else {
            if !t.hitHorizon { problems.append("\(at(i)): SIGKILL sent to \(name(p)), which never dies") }
            continue
        }
        if d.index < i {
            problems.append("\(at(i)): SIGKILL sent to \(name(p)), dead since event \(d.index), and not discarded")
        } else if d.status != .signaled(.kill) {
            problems.append("\(at(i)): SIGKILL sent to living \(name(p)), which then \(d.status) at event \(d.index)")
        }
    }

    // Containers: SIGKILLed by the runtime, exits, and what the summary and the JSON say.
    let summary = TimelineText().summary(t)
    let json = (try? JSONSerialization.jsonObject(with: Data(TimelineJSON.render(t).utf8))) as? [String: Any]
    let jsonContainers = json?["containers"] as? [[String: Any]] ?? []
    if jsonContainers.count != t.containers.count { problems.append("JSON lists \(jsonContainers.count) containers, not \(t.containers.count)") }
    var anyKilled = false
    // A container's own process: its PID 1, or with a shared PID namespace (whose PID 1 is the
    // pause process) the first process the runtime started in the instance.
    let mainOf = Set(Dictionary(grouping: t.processes.indices.filter { t.processes[$0].parent == nil }) {
        "\(t.processes[$0].container)/\(t.processes[$0].containerInstance)"
    }.values.compactMap { $0.min() })
    func isMain(_ q: Int) -> Bool { t.processes[q].pid == 1 || mainOf.contains(q) }
    // The sandbox (`POD`) is no container of the spec: its pause process has no container figures.
    for (c, rec) in t.containers.enumerated() where !rec.isSandbox {
        let p = "containers.\(rec.name)."
        let kills = events.enumerated().filter { _, e in
            guard case .killedBySignal(.runtime) = e.kind, e.signal == .kill, let q = e.process else { return false }
            return t.processes[q].container == c && isMain(q)
        }
        let oom = rec.exits.contains { $0.reason == .oomKilled }
        let killed = !kills.isEmpty || oom
        anyKilled = anyKilled || killed
        if outcome[p + "sigkilled"] != .bool(killed) {
            problems.append("\(p)sigkilled is \(String(describing: outcome[p + "sigkilled"])), events say \(killed)")
        }
        let killAt: FigureValue = kills.last.map { .duration($0.element.time) } ?? .none
        if outcome[p + "sigkillAt"] != killAt {
            problems.append("\(p)sigkillAt is \(String(describing: outcome[p + "sigkillAt"])), events say \(killAt)")
        }
        let role = rec.isSidecar ? "sidecar " : "container "
        let line = summary.split(separator: "\n").first { $0.hasPrefix(role + rec.name + ":") }.map(String.init) ?? ""
        if line.contains("SIGKILLed by the runtime") != !kills.isEmpty {
            problems.append("summary '\(line)' disagrees with the events (runtime SIGKILL reached PID 1: \(!kills.isEmpty))")
        }
        // Each exit is the death of the PID 1 before it.
        let exitEvents = events.enumerated().filter { _, e in
            if case .containerExited = e.kind, e.container == c { return true }
            return false
        }
        if exitEvents.count != rec.exits.count { problems.append("\(rec.name): \(exitEvents.count) exit events, \(rec.exits.count) exits recorded") }
        for ((i, e), x) in zip(exitEvents, rec.exits) {
            guard case .containerExited(let code, let reason) = e.kind else { continue }
            if x.code != code || x.reason != reason || x.at != e.time { problems.append("\(at(i)): \(rec.name) exit \(code) \(reason), recorded \(x)") }
            let pid1Death = death.filter { q, d in t.processes[q].container == c && isMain(q) && d.index < i }
                .max { $0.value.index < $1.value.index }
            if let d = pid1Death?.value, d.status.exitCode != code {
                problems.append("\(at(i)): \(rec.name) exits \(code) but its PID 1 ended \(d.status)")
            }
        }
        let last = rec.lastExit
        if outcome[p + "exitCode"] != (last.map { .int($0.code) } ?? FigureValue.none) { problems.append("\(p)exitCode disagrees with the last exit") }
        if outcome[p + "reason"] != (last.map { .text($0.reason.rawValue) } ?? FigureValue.none) { problems.append("\(p)reason disagrees with the last exit") }
        if c < jsonContainers.count {
            let j = jsonContainers[c]
            if (j["sigkillAt"] as? Int) != kills.last?.element.time.ms { problems.append("JSON \(rec.name).sigkillAt is \(j["sigkillAt"] ?? "nil")") }
            if (j["exitCode"] as? Int) != last?.code { problems.append("JSON \(rec.name).exitCode is \(j["exitCode"] ?? "nil")") }
        }
        // preStop: ends once, as the figure says.
        var open = false
        var lastEnd: String?
        for (i, e) in events.enumerated() where e.container == c {
            switch e.kind {
            case .preStopStarted: open = true
            case .preStopFinished(let ok, _, _, _):
                if !open { problems.append("\(at(i)): \(rec.name)'s preStop finishes after it had ended") }
                open = false
                lastEnd = ok ? "succeeded" : "failed"
            case .preStopAbandoned:
                if !open { problems.append("\(at(i)): \(rec.name)'s preStop is abandoned after it had ended") }
                open = false
                lastEnd = "abandoned"
            default: break
            }
        }
        if let w = lastEnd, outcome[p + "preStop"] != .text(w) {
            problems.append("\(p)preStop is \(String(describing: outcome[p + "preStop"])), events say \(w)")
        }
    }
    if outcome["outcome.sigkilled"] != .bool(anyKilled) { problems.append("outcome.sigkilled disagrees with the containers") }
    let killedByKill = death.values.filter { $0.status == .signaled(.kill) }.count
    if outcome["outcome.processesSigkilled"] != .int(killedByKill) {
        problems.append("outcome.processesSigkilled is \(String(describing: outcome["outcome.processesSigkilled"])), events say \(killedByKill)")
    }

    // A Kafka consumer closes or dies, once, and only as its process ends.
    var kafkaEnds: [Int: Int] = [:]
    for (i, e) in events.enumerated() {
        guard let p = e.process else { continue }
        switch e.kind {
        case .kafkaClosed:
            if case .exited? = death[p]?.status {} else {
                problems.append("\(at(i)): \(name(p)) closed its Kafka consumer cleanly but ended \(String(describing: death[p]?.status))")
            }
            fallthrough
        case .kafkaDied:
            kafkaEnds[p, default: 0] += 1
            if kafkaEnds[p]! > 1 { problems.append("\(at(i)): \(name(p))'s Kafka consumer ends twice") }
        default: break
        }
    }
    return problems
}
