import PodTerm

/// The shape of every value a scenario file may hold, built from the decoder's own tables:
/// each mapping's keys are the decoder's key lists (`PodDecoding.keys`, `ContainerDecoding.ignoredKeys`,
/// `StopDecoding.kindKeys`, …), each number's bounds its `ValueRanges` entry, each word list the
/// `CaseIterable` type the decoder reads it into. The JSON Schema (`ScenarioSchema`) is written
/// from this; nothing in it is kept by hand beside the decoder.
indirect enum Shape: Sendable {
    case string(nonEmpty: Bool)
    case integer(ValueRange)
    case duration(ValueRange)
    case bool
    case signal
    case words([String])
    case stringList(minItems: Int)
    /// A string (shell form) or a list of strings (exec form).
    case command
    /// A mapping of known keys (each with its shape), ignored keys (anything), required keys.
    case mapping(keys: [(String, Shape)], ignored: [String], required: [String], exactlyOneOf: [String]?)
    /// A mapping whose keys are names the file chooses, all of one shape.
    case map(of: Shape, keyPattern: String?)
    case list(of: Shape, minItems: Int, maxItems: Int?)
    case anyOf([Shape])
    /// Anything (fields accepted and ignored, `expect:`).
    case anything
    /// One of these strings, or a number (how `kubernetes:` may be written).
    case versions([String])
    case seed
    /// A port number or a port's name.
    case port
    /// A Kubernetes name (DNS label).
    case dnsLabel
    /// `then` when the mapping has `key`, `otherwise` when not (JSON Schema if/then/else).
    case ifHasKey(String, then: Shape, otherwise: Shape)
}

/// The table itself.
enum ScenarioShapes {
    /// Keys of a decoder's list that have no shape here (a test keeps this empty).
    nonisolated(unsafe) static var missing: [String] = []

    /// A mapping whose keys are `keys` (the decoder's list), each shape looked up in `shapes`.
    static func mapping(
        _ place: String, _ keys: [String], _ shapes: [String: Shape], ignored: [String] = [], required: [String] = [],
        exactlyOneOf: [String]? = nil
    ) -> Shape {
        var out: [(String, Shape)] = []
        for k in keys {
            if let s = shapes[k] { out.append((k, s)) } else { missing.append("\(place).\(k)") }
        }
        for k in shapes.keys.sorted() where !keys.contains(k) { missing.append("\(place).\(k) (not a decoder key)") }
        return .mapping(keys: out, ignored: ignored, required: required, exactlyOneOf: exactlyOneOf)
    }

    static func words<T: CaseIterable & RawRepresentable>(_ t: T.Type) -> Shape where T.RawValue == String {
        .words(T.allCases.map(\.rawValue))
    }

    static let string = Shape.string(nonEmpty: false)
    static let name = Shape.string(nonEmpty: true)
    static let duration = Shape.duration(ValueRanges.duration)

    static var probe: Shape {
        mapping("probe", ContainerDecoding.probeKeys, ["terminationGracePeriodSeconds": .integer(ValueRanges.probeSeconds)],
                ignored: ContainerDecoding.probeIgnoredKeys)
    }

    static var lifecycle: Shape {
        let preStop = mapping("preStop", LifecycleDecoding.handlers, [
            "exec": mapping("exec", LifecycleDecoding.execKeys, ["command": .stringList(minItems: 1)], required: ["command"]),
            "httpGet": mapping("httpGet", LifecycleDecoding.httpGetKeys, [
                "path": string, "port": .port, "host": string, "scheme": .words(["HTTP", "HTTPS"]),
            ], ignored: LifecycleDecoding.httpGetIgnoredKeys, required: ["port"]),
            "sleep": mapping("sleep", LifecycleDecoding.sleepKeys, ["seconds": .integer(ValueRanges.seconds)], required: ["seconds"]),
        ], exactlyOneOf: LifecycleDecoding.handlers)
        return mapping("lifecycle", LifecycleDecoding.keys, ["preStop": preStop, "postStart": .anything, "stopSignal": .signal])
    }

    static func container(isInit: Bool) -> Shape {
        var shapes: [String: Shape] = [
            "name": .dnsLabel, "image": name, "command": .stringList(minItems: 0), "args": .stringList(minItems: 0),
            "lifecycle": lifecycle, "livenessProbe": probe, "startupProbe": probe, "readinessProbe": probe,
        ]
        if isInit { shapes["restartPolicy"] = .words(["Always"]) }
        return mapping(isInit ? "initContainer" : "container", ContainerDecoding.keys + (isInit ? ["restartPolicy"] : []), shapes,
                       ignored: ContainerDecoding.ignoredKeys, required: isInit ? ["name", "restartPolicy"] : ["name"])
    }

    static var pod: Shape {
        mapping("pod", PodDecoding.keys, [
            "metadata": mapping("metadata", PodDecoding.metadataKeys, [
                "name": name, "namespace": string, "labels": .map(of: .anything, keyPattern: nil),
                "annotations": .map(of: .anything, keyPattern: nil),
            ], ignored: PodDecoding.metadataIgnoredKeys),
            "terminationGracePeriodSeconds": .integer(ValueRanges.seconds),
            "restartPolicy": words(RestartPolicy.self),
            "initContainers": .list(of: container(isInit: true), minItems: 0, maxItems: nil),
            "containers": .list(of: container(isInit: false), minItems: 1, maxItems: nil),
            "shareProcessNamespace": .bool,
            "status": mapping("pod.status", ["phase"], ["phase": .words(["Pending", "Running"])]),
        ], ignored: PodDecoding.ignoredKeys, required: ["containers"])
    }

    static var image: Shape {
        mapping("image", ImageDecoding.keys, [
            "entrypoint": .command, "cmd": .command, "stopSignal": .signal, "shell": words(ShellFlavor.self),
        ])
    }

    static var program: Shape {
        let handler = mapping("handler", ProgramDecoding.handlerKeys, [
            "cleanup": duration, "exitCode": .integer(ValueRanges.exitCode), "then": .words(["exit", "keepRunning", "reraise"]),
            "forward": words(ForwardTarget.self), "waitUpTo": .duration(ValueRanges.positiveDuration),
            "atLimit": words(ForwardLimit.self), "limitExitCode": .integer(ValueRanges.exitCode),
        ])
        let block = mapping("blocks", ProgramDecoding.blockKeys, [
            "signals": .list(of: .signal, minItems: 1, maxItems: nil), "at": duration,
            "unblockAfter": .duration(ValueRanges.positiveDuration),
        ], required: ["signals"])
        let send = mapping("sends", ProgramDecoding.sendKeys, [
            "at": duration, "signal": .signal, "to": .words(ProgramDecoding.sendTargets.map(\.0)), "process": name,
        ], required: ["at", "signal"], exactlyOneOf: ["to", "process"])
        let supervised = mapping("supervisord.programs", ProgramDecoding.supervisedKeys, [
            "name": name, "command": .stringList(minItems: 1), "stopsignal": .signal,
            "stopwaitsecs": .integer(ValueRanges.seconds), "stopasgroup": .bool, "killasgroup": .bool,
            "priority": .integer(ValueRanges.priority), "redirect_stderr": .bool,
        ], required: ["name", "command"])
        return mapping("program", ProgramDecoding.keys, [
            "signals": .map(of: .anyOf([.words(["ignore", "default"]), handler]), keyPattern: signalPattern),
            "runsFor": duration, "exitCode": .integer(ValueRanges.exitCode), "reaps": words(ReapPolicy.self),
            "children": .list(of: mapping("child", ProgramDecoding.childKeys, [
                "command": .stringList(minItems: 1), "setsid": .bool, "startAfter": duration,
                "closes": .list(of: words(StandardStream.self), minItems: 0, maxItems: nil),
            ], required: ["command"]), minItems: 0, maxItems: nil),
            "http": .map(of: mapping("route", ProgramDecoding.routeKeys, [
                "takes": duration, "status": .integer(ValueRanges.httpStatus),
            ], required: ["takes"]), keyPattern: nil),
            "script": string, "shell": words(ShellFlavor.self), "preset": words(RuntimePreset.self),
            "presetCleanup": duration,
            "supervisord": mapping("supervisord", ProgramDecoding.supervisordKeys, [
                "programs": .list(of: supervised, minItems: 0, maxItems: nil), "pollPhase": .duration(ValueRanges.pollPhase),
            ], required: ["programs"]),
            "readyAfter": duration,
            "blocks": .list(of: block, minItems: 0, maxItems: ValueRanges.timedActions.max),
            "sends": .list(of: send, minItems: 0, maxItems: ValueRanges.timedActions.max),
        ])
    }

    static var stopItem: Shape {
        let k = StopDecoding.kindKeys
        let kinds: [String: Shape] = [
            "delete": mapping("delete", k["delete"]!, ["gracePeriod": .integer(ValueRanges.seconds), "force": .bool, "now": .bool]),
            "drain": mapping("drain", k["drain"]!, ["timeout": duration]),
            "preempt": mapping("preempt", k["preempt"]!, [:]),
            "evict": mapping("evict", k["evict"]!, [
                "threshold": .words(["soft", "hard"]), "evictionMaxPodGracePeriod": .integer(ValueRanges.seconds),
            ], required: ["threshold"]),
            "nodeShutdown": mapping("nodeShutdown", k["nodeShutdown"]!, [
                "shutdownGracePeriod": duration, "shutdownGracePeriodCriticalPods": duration,
            ], required: ["shutdownGracePeriod"]),
            "probeFailure": mapping("probeFailure", k["probeFailure"]!, [
                "container": name, "probe": .words(ProbeKind.allCases.map(\.rawValue)),
                "terminationGracePeriodSeconds": .integer(ValueRanges.probeSeconds),
            ], required: ["container"]),
            "oomKill": mapping("oomKill", k["oomKill"]!, ["container": name, "process": name], required: ["container"]),
            "dockerStop": mapping("dockerStop", k["dockerStop"]!, ["time": .integer(ValueRanges.dockerSeconds), "signal": .signal]),
            "dockerKill": mapping("dockerKill", k["dockerKill"]!, ["signal": .signal]),
            "dockerRm": mapping("dockerRm", k["dockerRm"]!, ["force": .bool]),
            "supervisorctl": mapping("supervisorctl", k["supervisorctl"]!, ["stop": name], required: ["stop"]),
            "kill": mapping("kill", k["kill"]!, ["target": name, "signal": .signal], required: ["target"]),
            "crictlStop": mapping("crictlStop", k["crictlStop"]!, [
                "container": name, "timeout": .integer(ValueRanges.seconds),
            ], required: ["container", "timeout"]),
        ]
        var shapes = kinds
        shapes["at"] = duration
        return mapping("stop", ["at"] + StopDecoding.kinds, shapes, required: ["at"], exactlyOneOf: StopDecoding.kinds)
    }

    static var workload: Shape {
        let k = WorkloadDecoding.kindKeys
        let rate = Shape.integer(ValueRanges.rate)
        return mapping("workload", WorkloadDecoding.itemKeys, [
            "name": name, "container": name, "program": name,
            "http": mapping("http", k["http"]!, [
                "rate": rate, "serviceTime": .duration(ValueRanges.positiveDuration), "keepServing": duration,
                "arrivals": words(ArrivalPattern.self), "consumerRates": .map(of: rate, keyPattern: nil), "closeKeepAlive": .bool,
            ], required: ["rate"]),
            "kafka": mapping("kafka", k["kafka"]!, [
                "rate": rate, "batchSize": .integer(ValueRanges.batchSize),
                "flushInterval": .duration(ValueRanges.positiveDuration), "commit": words(KafkaCommit.self),
                "onStop": words(KafkaOnStop.self), "sessionTimeout": duration,
            ], required: ["rate"]),
            "outbound": mapping("outbound", k["outbound"]!, ["rate": rate, "via": name], required: ["rate", "via"]),
        ], required: ["container"], exactlyOneOf: WorkloadDecoding.kinds)
    }

    /// The whole file: a multi-pod scenario when it has `pods:`, else a single-pod one.
    static var scenario: Shape {
        .ifHasKey("pods", then: cluster, otherwise: singlePod)
    }

    static var network: Shape {
        mapping("network", NetworkDecoding.keys, [
            "consumers": .list(of: mapping("consumer", NetworkDecoding.consumerKeys, ["name": name, "delay": duration], required: ["name"]),
                               minItems: ValueRanges.consumers.min, maxItems: ValueRanges.consumers.max),
        ])
    }

    /// A multi-pod scenario (`ClusterDecoding`).
    static var cluster: Shape {
        let podEntry = mapping("pods[]", ClusterDecoding.podKeys, [
            "name": .dnsLabel, "pod": pod, "images": .map(of: image, keyPattern: nil), "programs": .map(of: program, keyPattern: nil),
            "stop": .list(of: stopItem, minItems: 0, maxItems: nil),
            "workloads": .list(of: workload, minItems: ValueRanges.workloads.min, maxItems: ValueRanges.workloads.max),
            "readyAfter": duration, "serves": .dnsLabel,
        ], required: ["pod"])
        let group = mapping("shutdownGracePeriodByPodPriority[]", ClusterDecoding.groupKeys, [
            "priority": .integer(ValueRanges.podPriority), "shutdownGracePeriodSeconds": .integer(ValueRanges.seconds),
        ], required: ["priority", "shutdownGracePeriodSeconds"])
        return mapping("", ClusterDecoding.topLevelKeys, [
            "name": name, "summary": name, "story": name, "seed": .seed,
            "kubernetes": .versions(KubernetesVersion.supportedList.map(\.description)),
            "horizon": .duration(ValueRanges.positiveDuration),
            "images": .map(of: image, keyPattern: nil),
            "programs": .map(of: program, keyPattern: nil),
            "network": network,
            "pods": .list(of: podEntry, minItems: ValueRanges.pods.min, maxItems: ValueRanges.pods.max),
            "nodeShutdown": mapping("nodeShutdown", ClusterDecoding.nodeShutdownKeys, [
                "at": duration, "shutdownGracePeriod": duration, "shutdownGracePeriodCriticalPods": duration,
                "shutdownGracePeriodByPodPriority": .list(of: group, minItems: ValueRanges.shutdownGroups.min, maxItems: ValueRanges.shutdownGroups.max),
            ], required: ["at"]),
            "rollout": mapping("rollout", ClusterDecoding.rolloutKeys, [
                "at": duration, "old": .list(of: .dnsLabel, minItems: 1, maxItems: ValueRanges.pods.max),
                "new": .list(of: .dnsLabel, minItems: 1, maxItems: ValueRanges.pods.max),
                "maxSurge": .integer(ValueRanges.rolloutPods), "maxUnavailable": .integer(ValueRanges.rolloutPods),
            ], required: ["at", "old", "new"]),
            "traffic": mapping("traffic", ClusterDecoding.trafficKeys, [
                "rate": .integer(ValueRanges.rate), "serviceTime": .duration(ValueRanges.positiveDuration), "keepServing": duration,
                "terminatingFallback": .bool,
            ], required: ["rate"]),
            "expect": .anything,
        ], required: ["summary", "story", "pods"])
    }

    /// A single-pod scenario.
    static var singlePod: Shape {
        mapping("", ScenarioDecoding.topLevelKeys, [
            "name": name, "summary": name, "story": name, "seed": .seed,
            "kubernetes": .versions(KubernetesVersion.supportedList.map(\.description)),
            "horizon": .duration(ValueRanges.positiveDuration),
            "pod": pod,
            "images": .map(of: image, keyPattern: nil),
            "programs": .map(of: program, keyPattern: nil),
            "network": network,
            "stop": .list(of: stopItem, minItems: 0, maxItems: nil),
            "expect": .anything,
            "questions": .anything,
            "frontDoor": words(FrontDoor.self),
            "docker": mapping("docker", FrontDoorDecoding.dockerKeys, ["stopTimeout": .integer(ValueRanges.dockerSeconds)]),
            "workloads": .list(of: workload, minItems: ValueRanges.workloads.min, maxItems: ValueRanges.workloads.max),
            "podDisruptionBudget": mapping("podDisruptionBudget", DisruptionDecoding.budgetKeys, [
                "disruptionsAllowed": .integer(ValueRanges.disruptions), "until": duration,
            ]),
            "kubelet": mapping("kubelet", DisruptionDecoding.kubeletKeys, ["gracePeriodProfile": words(GracePeriodProfile.self)]),
        ], required: ["summary", "story", "pod"])
    }

    /// `SIGTERM`, `TERM` or a number, as `Signal(parsing:)` reads them.
    static var signalPattern: String {
        let names = Signal.allNames.map { String($0.dropFirst(3)) } + ["IOT", "POLL", "CLD"]
        return "^([Ss][Ii][Gg])?(" + names.map { n in n.map { c in c.isLetter ? "[\(c)\(c.lowercased())]" : String(c) }.joined() }.joined(separator: "|") + ")$|^[0-9]+$"
    }
}
