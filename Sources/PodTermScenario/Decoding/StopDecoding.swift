import Foundation
import PodTerm

/// Decodes `stop:`: what stops the pod or a container, and when.
enum StopDecoding {
    static let kinds = [
        "delete", "drain", "preempt", "evict", "nodeShutdown", "probeFailure", "oomKill",
        "dockerStop", "dockerKill", "dockerRm", "supervisorctl", "kill", "crictlStop",
    ]
    /// The keys of each kind's mapping.
    static let kindKeys: [String: [String]] = [
        "delete": ["gracePeriod", "force", "now"], "drain": ["timeout"], "preempt": [],
        "evict": ["threshold", "evictionMaxPodGracePeriod"],
        "nodeShutdown": ["shutdownGracePeriod", "shutdownGracePeriodCriticalPods"],
        "probeFailure": ["container", "probe", "terminationGracePeriodSeconds"],
        "oomKill": ["container", "process"], "dockerStop": ["time", "signal"], "dockerKill": ["signal"],
        "dockerRm": ["force"], "supervisorctl": ["stop"], "kill": ["target", "signal"],
        "crictlStop": ["container", "timeout"],
    ]

    static func decode(
        _ node: SourceNode?, containers: [DecodedContainer], horizon: Millis, horizonNode: SourceNode?
    ) throws -> [StopAction] {
        guard let node else { return [] }
        let items = try Scalars.list(node, "stop", example: "- {at: 10s, delete: {}}")
        var actions: [StopAction] = []
        let sawDelete = false
        for (i, item) in items.enumerated() {
            let path = "stop.\(i)"
            let s = try MappingReader(item, path: path, known: ["at"] + kinds)
            let atNode = try s.required("at", ": when it happens, e.g. at: 10s")
            let at = try Scalars.duration(atNode, path + ".at")
            if at > horizon {
                let horizonText = horizonNode == nil ? " (the default)" : ""
                throw LocatedError(
                    at: atNode,
                    "\(path).at: \(formatDuration(at)) is after the horizon of \(formatDuration(horizon))\(horizonText), so it would never happen; move it earlier or raise horizon")
            }
            let given = s.entries.filter { kinds.contains($0.key) }
            guard let kind = given.first else {
                throw LocatedError(at: item, "\(path): expected one of \(kinds.joined(separator: ", ")) beside at")
            }
            if given.count > 1 {
                throw LocatedError(at: given[1].keyNode, "\(path) has both \(given[0].key) and \(given[1].key); give each its own item in stop:")
            }
            let kpath = path + "." + kind.key
            let action: StopAction.Kind
            switch kind.key {
            case "delete":
                action = .delete(try delete(kind.value, path: kpath))
            case "drain":
                let d = try MappingReader(kind.value, path: kpath, known: kindKeys["drain"]!)
                // kubectl drain --timeout: 0 (the default) waits forever.
                let timeout = try d.duration("timeout")
                action = .evict(.api(drainTimeout: timeout == 0 ? nil : timeout))
            case "preempt":
                _ = try MappingReader(kind.value, path: kpath, known: [])
                action = .evict(.preemption)
            case "evict":
                let e = try MappingReader(kind.value, path: kpath, known: kindKeys["evict"]!)
                let tnode = try e.required("threshold", ": soft or hard (node-pressure eviction)")
                let threshold = try Scalars.string(tnode, kpath + ".threshold")
                switch threshold {
                case "hard":
                    if let k = e.entry("evictionMaxPodGracePeriod")?.keyNode {
                        throw LocatedError(at: k, "\(kpath).evictionMaxPodGracePeriod: applies to soft thresholds only; a hard eviction always uses grace 1")
                    }
                    action = .evict(.hardPressure)
                case "soft":
                    action = .evict(.softPressure(maxPodGracePeriod: try e.int("evictionMaxPodGracePeriod", ValueRanges.seconds) ?? 0))
                default:
                    throw LocatedError(at: tnode, "\(kpath).threshold: expected soft or hard, got '\(threshold)'")
                }
            case "nodeShutdown":
                let n = try MappingReader(kind.value, path: kpath, known: kindKeys["nodeShutdown"]!)
                let total = try wholeSeconds(n, "shutdownGracePeriod", kpath, required: true)
                let critical = try wholeSeconds(n, "shutdownGracePeriodCriticalPods", kpath, required: false)
                if critical > total, let k = n.entry("shutdownGracePeriodCriticalPods")?.keyNode {
                    throw LocatedError(at: k, "\(kpath).shutdownGracePeriodCriticalPods: must not exceed shutdownGracePeriod (\(total)s), as the kubelet validates")
                }
                action = .nodeShutdown(gracePeriod: total, criticalPodsGracePeriod: critical)
            case "probeFailure":
                let pr = try MappingReader(kind.value, path: kpath, known: kindKeys["probeFailure"]!)
                let name = try container(pr, kpath, containers)
                var probe = ProbeKind.liveness
                if let pnode = pr.value("probe") {
                    let text = try Scalars.string(pnode, kpath + ".probe")
                    guard let p = ProbeKind(rawValue: text) else {
                        throw LocatedError(at: pnode, "\(kpath).probe: expected liveness or startup, got '\(text)' (a failing readiness probe restarts nothing)")
                    }
                    probe = p
                }
                action = .probeFailure(container: name, probe: probe, terminationGracePeriodSeconds: try pr.int("terminationGracePeriodSeconds", ValueRanges.probeSeconds))
            case "oomKill":
                let o = try MappingReader(kind.value, path: kpath, known: kindKeys["oomKill"]!)
                action = .oomKill(container: try container(o, kpath, containers), process: try o.nonEmptyString("process"))
            case "dockerStop":
                let d = try MappingReader(kind.value, path: kpath, known: kindKeys["dockerStop"]!)
                action = .docker(.stop(time: try d.int("time", ValueRanges.dockerSeconds), signal: try d.signal("signal")))
            case "dockerKill":
                let d = try MappingReader(kind.value, path: kpath, known: kindKeys["dockerKill"]!)
                action = .docker(.kill(signal: try d.signal("signal")))
            case "supervisorctl":
                let d = try MappingReader(kind.value, path: kpath, known: kindKeys["supervisorctl"]!)
                _ = try d.required("stop", ": the [program:x] name to stop")
                let name = try d.nonEmptyString("stop")!
                action = .supervisorctlStop(program: name)
            case "kill":
                action = .kill(try handKill(kind.value, path: kpath, containers))
            case "crictlStop":
                let r = try MappingReader(kind.value, path: kpath, known: kindKeys["crictlStop"]!)
                let name = try container(r, kpath, containers)
                _ = try r.required("timeout", ": crictl stop's --timeout in seconds (0: SIGKILL at once)")
                action = .crictlStop(container: name, timeout: try r.int("timeout", ValueRanges.seconds) ?? 0)
            default:  // dockerRm
                let d = try MappingReader(kind.value, path: kpath, known: kindKeys["dockerRm"]!)
                // cri.stop-timeout-0: without -f, Docker refuses to remove a running container
                // at run time; the refusal is an event, not a load error.
                action = .docker(try d.bool("force") == true ? .removeForce : .remove)
            }
            _ = sawDelete
            actions.append(StopAction(at: at, action))
        }
        return actions
    }

    /// `kill: {target: java, signal: SIGTERM}`: a signal sent by hand from the node.
    static func handKill(_ node: SourceNode, path: String, _ containers: [DecodedContainer]) throws -> HandKill {
        let k = try MappingReader(node, path: path, known: kindKeys["kill"]!)
        let tnode = try k.required("target", ": the process, by program name (java), CONTAINER/PROGRAM or CONTAINER/PROGRAM#N")
        let text = try Scalars.string(tnode, path + ".target")
        let target = try HandKillParsing.targetResult(text, containers.map(\.spec.name)).get(at: tnode, path + ".target")
        let signal = try k.signal("signal") ?? .term
        if HandKill.isStopSignal(signal), let snode = k.value("signal") {
            throw LocatedError(at: snode, "\(path).signal: \(signal.name) stops a process, and podterm does not model stopped processes; use another signal")
        }
        return HandKill(target: target, signal: signal)
    }

    /// The `container` key of a stop item, which must name a container of the pod.
    static func container(_ r: MappingReader, _ path: String, _ containers: [DecodedContainer]) throws -> String {
        let cnode = try r.required("container", ": the container it concerns")
        let name = try Scalars.string(cnode, path + ".container")
        let names = containers.map(\.spec.name)
        guard names.contains(name) else {
            throw LocatedError(
                at: cnode,
                "\(path).container: no container named '\(name)'\(Suggestions.hint(name, in: names)); the pod has: \(names.joined(separator: ", "))")
        }
        return name
    }

    /// A kubelet-configuration duration that must be a whole number of seconds.
    static func wholeSeconds(_ r: MappingReader, _ key: String, _ path: String, required: Bool) throws -> Int {
        guard let node = required ? try r.required(key, ": a duration such as 30s") : r.value(key) else { return 0 }
        let ms = try Scalars.duration(node, path + "." + key)
        guard ms % 1000 == 0 else {
            throw LocatedError(at: node, "\(path).\(key): expected whole seconds, got '\(formatDuration(ms))'")
        }
        return GraceSeconds(wholeSecondsIn: ms).seconds
    }

    static func delete(_ node: SourceNode, path: String) throws -> DeleteOptions {
        let d = try MappingReader(node, path: path, known: kindKeys["delete"]!)
        let options = DeleteOptions(
            gracePeriod: try d.int("gracePeriod", ValueRanges.seconds), force: try d.bool("force") ?? false,
            now: try d.bool("now") ?? false)
        if options.now, options.gracePeriod != nil, let key = d.entry("now")?.keyNode {
            throw LocatedError(at: key, "\(path): now cannot go with gracePeriod (kubectl refuses --now with --grace-period); keep one")
        }
        return options
    }
}
