import PodTerm

extension SettingFields {
    /// `stop:`: each item's `at`, and the fields of its kind. A field of another kind than the
    /// item's is refused (an item has exactly one kind, as in the file).
    static let stop: [SettingField] = {
        func field<V: Sendable>(
            _ kind: String, _ key: String, _ valueKind: SettingKind<V>, checks: SettingChecks.Kinds = [],
            _ write: @escaping @Sendable (inout StopAction.Kind, SettingPlace, V) throws -> Void
        ) -> SettingField {
            SettingField("stop.*.\(kind).\(key)", valueKind, checks: checks) { s, p, v in
                try item(&s.actions, p.index(0), p) { a in
                    let has = SettingFields.name(of: a.kind)
                    guard has == kind else {
                        throw ValueProblem("stop.\(p.index(0)) has both \(has) and \(kind); give each its own item in stop: (--set cannot change what an item does)")
                    }
                    try write(&a.kind, p, v)
                }
            }
        }
        @Sendable func delete(_ k: inout StopAction.Kind, _ change: (inout DeleteOptions) -> Void) {
            guard case .delete(var o) = k else { return }
            change(&o)
            k = .delete(o)
        }
        let containerNames: @Sendable (Scenario) -> [String] = { s in (s.pod.initContainers + s.pod.containers).map(\.name) }
        @Sendable func container(_ name: String, _ s: Scenario, _ p: SettingPlace) throws -> String {
            let names = containerNames(s)
            guard names.contains(name) else {
                throw ValueProblem("\(p.path): no container named '\(name)'\(Suggestions.hint(name, in: names)); the pod has: \(names.joined(separator: ", "))")
            }
            return name
        }
        return [
            SettingField("stop.*.at", .duration(), checks: .stopsBeforeHorizon) { s, p, v in try item(&s.actions, p.index(0), p) { $0.at = v } },
            field("delete", "gracePeriod", .number(ValueRanges.seconds)) { k, p, v in
                if case .delete(let o) = k, o.now {
                    throw ValueProblem("stop.\(p.index(0)).delete: now cannot go with gracePeriod (kubectl refuses --now with --grace-period); keep one")
                }
                delete(&k) { $0.gracePeriod = v }
            },
            field("delete", "force", .bool) { k, _, v in delete(&k) { $0.force = v } },
            field("delete", "now", .bool) { k, p, v in
                if v, case .delete(let o) = k, o.gracePeriod != nil {
                    throw ValueProblem("stop.\(p.index(0)).delete: now cannot go with gracePeriod (kubectl refuses --now with --grace-period); keep one")
                }
                delete(&k) { $0.now = v }
            },
            field("evict", "threshold", .oneOf([("soft", true), ("hard", false)])) { k, _, soft in
                if soft {
                    if case .evict(.softPressure) = k {} else { k = .evict(.softPressure(maxPodGracePeriod: 0)) }
                } else {
                    k = .evict(.hardPressure)
                }
            },
            field("evict", "evictionMaxPodGracePeriod", .number(ValueRanges.seconds)) { k, p, v in
                guard case .evict(.softPressure) = k else {
                    throw ValueProblem("\(p.path): applies to soft thresholds only; a hard eviction always uses grace 1")
                }
                k = .evict(.softPressure(maxPodGracePeriod: v))
            },
            field("drain", "timeout", .duration()) { k, _, v in k = .evict(.api(drainTimeout: v == 0 ? nil : v)) },
            field("nodeShutdown", "shutdownGracePeriod", .wholeSeconds) { k, p, v in
                guard case .nodeShutdown(_, let critical) = k else { return }
                guard critical <= v else {
                    throw ValueProblem("stop.\(p.index(0)).nodeShutdown.shutdownGracePeriodCriticalPods: must not exceed shutdownGracePeriod (\(v)s), as the kubelet validates")
                }
                k = .nodeShutdown(gracePeriod: v, criticalPodsGracePeriod: critical)
            },
            field("nodeShutdown", "shutdownGracePeriodCriticalPods", .wholeSeconds) { k, p, v in
                guard case .nodeShutdown(let total, _) = k else { return }
                guard v <= total else {
                    throw ValueProblem("\(p.path): must not exceed shutdownGracePeriod (\(total)s), as the kubelet validates")
                }
                k = .nodeShutdown(gracePeriod: total, criticalPodsGracePeriod: v)
            },
            SettingField("stop.*.probeFailure.container", .string(nonEmpty: false)) { s, p, v in
                let name = try container(v, s, p)
                try item(&s.actions, p.index(0), p) { a in
                    guard case .probeFailure(_, let probe, let grace) = a.kind else {
                        throw ValueProblem("stop.\(p.index(0)) has both \(SettingFields.name(of: a.kind)) and probeFailure; give each its own item in stop:")
                    }
                    a.kind = .probeFailure(container: name, probe: probe, terminationGracePeriodSeconds: grace)
                }
            },
            field("probeFailure", "probe", .oneOf(ProbeKind.allCases.map { ($0.rawValue, $0) } + [("readiness", nil)])) { k, p, v in
                guard let v else { throw ValueProblem("\(p.path): expected liveness or startup, got 'readiness' (a failing readiness probe restarts nothing)") }
                if case .probeFailure(let c, _, let g) = k { k = .probeFailure(container: c, probe: v, terminationGracePeriodSeconds: g) }
            },
            field("probeFailure", "terminationGracePeriodSeconds", .number(ValueRanges.probeSeconds)) { k, _, v in
                if case .probeFailure(let c, let probe, _) = k { k = .probeFailure(container: c, probe: probe, terminationGracePeriodSeconds: v) }
            },
            SettingField("stop.*.oomKill.container", .string(nonEmpty: false)) { s, p, v in
                let name = try container(v, s, p)
                try item(&s.actions, p.index(0), p) { a in
                    guard case .oomKill(_, let process) = a.kind else {
                        throw ValueProblem("stop.\(p.index(0)) has both \(SettingFields.name(of: a.kind)) and oomKill; give each its own item in stop:")
                    }
                    a.kind = .oomKill(container: name, process: process)
                }
            },
            field("oomKill", "process", .string(nonEmpty: true)) { k, _, v in
                if case .oomKill(let c, _) = k { k = .oomKill(container: c, process: v) }
            },
            field("dockerStop", "time", .number(ValueRanges.dockerSeconds)) { k, _, v in
                if case .docker(.stop(_, let sig)) = k { k = .docker(.stop(time: v, signal: sig)) }
            },
            field("dockerStop", "signal", .signal) { k, _, v in
                if case .docker(.stop(let t, _)) = k { k = .docker(.stop(time: t, signal: v)) }
            },
            field("dockerKill", "signal", .signal) { k, _, v in k = .docker(.kill(signal: v)) },
            field("dockerRm", "force", .bool) { k, _, v in k = .docker(v ? .removeForce : .remove) },
            field("supervisorctl", "stop", .string(nonEmpty: true)) { k, _, v in k = .supervisorctlStop(program: v) },
            SettingField("stop.*.crictlStop.container", .string(nonEmpty: false)) { s, p, v in
                let name = try container(v, s, p)
                try item(&s.actions, p.index(0), p) { a in
                    guard case .crictlStop(_, let timeout) = a.kind else {
                        throw ValueProblem("stop.\(p.index(0)) has both \(SettingFields.name(of: a.kind)) and crictlStop; give each its own item in stop:")
                    }
                    a.kind = .crictlStop(container: name, timeout: timeout)
                }
            },
            field("crictlStop", "timeout", .number(ValueRanges.seconds)) { k, _, v in
                if case .crictlStop(let c, _) = k { k = .crictlStop(container: c, timeout: v) }
            },
            SettingField("stop.*.kill.target", .string(nonEmpty: true)) { s, p, v in
                let target = try HandKillParsing.target(v, containerNames(s))
                try item(&s.actions, p.index(0), p) { a in
                    guard case .kill(var k) = a.kind else {
                        throw ValueProblem("stop.\(p.index(0)) has both \(SettingFields.name(of: a.kind)) and kill; give each its own item in stop:")
                    }
                    k.target = target
                    a.kind = .kill(k)
                }
            },
            field("kill", "signal", .signal) { k, p, v in
                if HandKill.isStopSignal(v) { throw ValueProblem("\(p.path): \(v.name) stops a process, and podterm does not model stopped processes; use another signal") }
                if case .kill(var h) = k { h.signal = v; k = .kill(h) }
            },
        ]
    }()

    /// The key a stop item's kind is written with in the file.
    static func name(of kind: StopAction.Kind) -> String {
        switch kind {
        case .delete: "delete"
        case .evict(.api): "drain"
        case .evict(.preemption): "preempt"
        case .evict: "evict"
        case .nodeShutdown: "nodeShutdown"
        case .probeFailure: "probeFailure"
        case .oomKill: "oomKill"
        case .docker(.stop): "dockerStop"
        case .docker(.kill): "dockerKill"
        case .docker(.removeForce), .docker(.remove): "dockerRm"
        case .supervisorctlStop: "supervisorctl"
        case .kill: "kill"
        case .crictlStop: "crictlStop"
        }
    }
}
