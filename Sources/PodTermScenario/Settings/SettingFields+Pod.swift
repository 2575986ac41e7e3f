import PodTerm

extension SettingFields {
    /// `pod:`, its containers and init containers, and `images:`.
    static let pod: [SettingField] = {
        var f: [SettingField] = [
            SettingField("pod.metadata.name", .string(nonEmpty: true)) { s, _, v in s.pod.name = v },
            SettingField("pod.terminationGracePeriodSeconds", .number(ValueRanges.seconds), checks: .sleepWithinGrace) { s, _, v in
                s.pod.terminationGracePeriodSeconds = v
            },
            SettingField("pod.restartPolicy", .cases) { (s: inout Scenario, _, v: RestartPolicy) in s.pod.restartPolicy = v },
            SettingField("pod.shareProcessNamespace", .bool) { (s: inout Scenario, _, v: Bool) in s.pod.shareProcessNamespace = v },
            SettingField("pod.status.phase", .oneOf([("Pending", false), ("Running", true)])) { s, _, scheduled in
                if !scheduled {
                    if let i = s.actions.firstIndex(where: { if case .delete = $0.kind { return false } else { return true } }) {
                        throw ValueProblem(DisruptionDecoding.pendingStop(i))
                    }
                    if !s.workloads.isEmpty { throw ValueProblem(DisruptionDecoding.pendingWorkloads) }
                }
                s.pod.scheduled = scheduled
            },
            SettingField("pod.priorityClassName", .string(nonEmpty: false)) { s, _, v in
                s.criticalPod = v == "system-node-critical" || v == "system-cluster-critical"
            },
            SettingField("images.*.entrypoint", .command, checks: .programs) { s, p, v in s.images[p.key(0), default: ImageSpec()].entrypoint = v },
            SettingField("images.*.cmd", .command, checks: .programs) { s, p, v in s.images[p.key(0), default: ImageSpec()].cmd = v },
            SettingField("images.*.stopSignal", .signal) { s, p, v in s.images[p.key(0), default: ImageSpec()].stopSignal = v },
            SettingField("images.*.shell", .cases, checks: .programs) { (s: inout Scenario, p, v: ShellFlavor) in
                s.images[p.key(0), default: ImageSpec()].shell = v
            },
        ]
        for list in SettingFormat.containerLists {
            f += containerFields(list)
        }
        return f
    }()

    /// The fields of one item of `pod.containers` or `pod.initContainers`.
    private static func containerFields(_ list: String) -> [SettingField] {
        let isInit = list == "pod.initContainers"
        func field<V: Sendable>(
            _ suffix: String, _ kind: SettingKind<V>, checks: SettingChecks.Kinds = [],
            _ write: @escaping @Sendable (inout ContainerSpec, SettingPlace, V) throws -> Void
        ) -> SettingField {
            SettingField(list + ".*." + suffix, kind, checks: checks) { s, p, v in
                if isInit {
                    try item(&s.pod.initContainers, p.index(0), p) { try write(&$0, p, v) }
                } else {
                    try item(&s.pod.containers, p.index(0), p) { try write(&$0, p, v) }
                }
            }
        }
        @Sendable func otherHandler(_ c: ContainerSpec, _ p: SettingPlace, _ handler: String) throws {
            let has: String? = switch c.preStop {
            case .exec?: "exec"
            case .httpGet?: "httpGet"
            case .sleep?: "sleep"
            case nil: nil
            }
            if let has, has != handler {
                let at = p.path.components(separatedBy: ".lifecycle.preStop.").first ?? p.path
                throw ValueProblem("\(at).lifecycle.preStop has both \(has) and \(handler); a hook has exactly one handler")
            }
        }
        var f: [SettingField] = [
            field("image", .string(nonEmpty: true), checks: .programs) { c, _, v in c.image = v },
            field("lifecycle.stopSignal", .signal) { c, _, v in c.stopSignal = v },
            field("lifecycle.preStop.sleep.seconds", .number(ValueRanges.seconds), checks: .sleepWithinGrace) { c, p, v in
                try otherHandler(c, p, "sleep")
                c.preStop = .sleep(seconds: v)
            },
            field("lifecycle.preStop.kind", .cases, checks: [.sleepWithinGrace, .programs]) { (c: inout ContainerSpec, p, v: PreStopKind) in
                let at = String(p.path.dropLast(".kind".count))
                c.preStop = try v.switching(c.preStop, at: at)
            },
            field("lifecycle.preStop.httpGet.path", .string(nonEmpty: false)) { c, p, v in
                try otherHandler(c, p, "httpGet")
                guard case .httpGet(_, let port)? = c.preStop else {
                    throw ValueProblem("\(p.path.dropLast(5)): missing key 'port' (the hook's httpGet needs a port; set \(p.path.dropLast(5)).port too, first)")
                }
                c.preStop = .httpGet(path: v, port: port)
            },
            field("lifecycle.preStop.httpGet.port", .number(ValueRanges.port)) { c, p, v in
                try otherHandler(c, p, "httpGet")
                if case .httpGet(let path, _)? = c.preStop { c.preStop = .httpGet(path: path, port: v) } else { c.preStop = .httpGet(path: "/", port: v) }
            },
        ]
        for probe in [ProbeKind.liveness, .startup] {
            f.append(field("\(probe.rawValue)Probe.terminationGracePeriodSeconds", .number(ValueRanges.probeSeconds)) { c, _, v in
                c.probeGracePeriodSeconds[probe] = v
            })
        }
        if isInit {
            f.append(field("restartPolicy", .cases) { (c: inout ContainerSpec, p, v: RestartPolicy) in
                guard v == .always else {
                    throw ValueProblem("init container \(c.name) has restartPolicy: \(v.rawValue): \(ContainerDecoding.initContainerMessage)")
                }
            })
        }
        return f
    }
}

extension SettingKind where Value == [String] {
    /// An image's ENTRYPOINT or CMD in shell form: the text, run by `/bin/sh -c`.
    static var command: Self { Self { text, _ in ["/bin/sh", "-c", text] } }
}
