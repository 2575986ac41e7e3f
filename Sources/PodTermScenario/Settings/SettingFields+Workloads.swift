import PodTerm

extension SettingFields {
    /// `workloads:`: each item's container and program, and the fields of its kind.
    static let workloads: [SettingField] = {
        func field<V: Sendable>(
            _ pattern: String, _ kind: SettingKind<V>,
            _ write: @escaping @Sendable (inout WorkloadSpec, SettingPlace, V, Scenario) throws -> Void
        ) -> SettingField {
            SettingField("workloads.*." + pattern, kind) { s, p, v in
                let before = s
                try item(&s.workloads, p.index(0), p) { try write(&$0, p, v, before) }
            }
        }
        @Sendable func mismatch(_ w: WorkloadSpec, _ p: SettingPlace, _ kind: String) -> ValueProblem {
            let has = switch w.kind {
            case .http: "http"
            case .kafka: "kafka"
            case .outbound: "outbound"
            }
            return ValueProblem("workloads.\(p.index(0)): expected exactly one of http, kafka, outbound, got \(has) and \(kind) (--set cannot change what a workload is)")
        }
        @Sendable func http(_ key: String, _ w: inout WorkloadSpec, _ p: SettingPlace, _ change: (inout HTTPWorkload) throws -> Void) throws {
            guard case .http(var h) = w.kind else { throw mismatch(w, p, "http") }
            try change(&h)
            w.kind = .http(h)
        }
        @Sendable func kafka(_ w: inout WorkloadSpec, _ p: SettingPlace, _ change: (inout KafkaWorkload) -> Void) throws {
            guard case .kafka(var k) = w.kind else { throw mismatch(w, p, "kafka") }
            change(&k)
            w.kind = .kafka(k)
        }
        @Sendable func outbound(_ w: inout WorkloadSpec, _ p: SettingPlace, _ change: (inout OutboundWorkload) -> Void) throws {
            guard case .outbound(var o) = w.kind else { throw mismatch(w, p, "outbound") }
            change(&o)
            w.kind = .outbound(o)
        }
        @Sendable func containers(_ s: Scenario) -> [String] { (s.pod.initContainers + s.pod.containers).map(\.name) }
        @Sendable func requireContainer(_ name: String, _ s: Scenario, _ p: SettingPlace) throws {
            let names = containers(s)
            guard names.contains(name) else {
                throw ValueProblem("\(p.path): no container named '\(name)' in the pod\(Suggestions.hint(name, in: names)); expected one of: \(names.joined(separator: ", "))")
            }
        }
        return [
            field("container", .string(nonEmpty: true)) { w, p, v, s in
                try requireContainer(v, s, p)
                if case .outbound(let o) = w.kind, o.via == v {
                    throw ValueProblem("workloads.\(p.index(0)).outbound.via: the calls must go through another container than '\(v)' (the proxy)")
                }
                w.container = v
            },
            field("program", .string(nonEmpty: true)) { w, _, v, _ in w.program = v },
            field("http.rate", .rate) { w, p, v, _ in try http("rate", &w, p) { $0.rate = v } },
            field("http.serviceTime", .duration(ValueRanges.positiveDuration)) { w, p, v, _ in try http("", &w, p) { $0.serviceTime = v } },
            field("http.keepServing", .duration()) { w, p, v, _ in try http("", &w, p) { $0.keepServing = v } },
            field("http.arrivals", .cases) { (w: inout WorkloadSpec, p, v: ArrivalPattern, _) in try http("", &w, p) { $0.arrivals = v } },
            field("http.closeKeepAlive", .bool) { w, p, v, _ in try http("", &w, p) { $0.closeKeepAlive = v } },
            field("http.consumerRates.*", .rate) { w, p, v, s in
                let consumers = s.network.consumers.map(\.name)
                let name = p.key(1)
                guard consumers.contains(name) else {
                    throw ValueProblem("workloads.\(w.name).http.consumerRates: no consumer named '\(name)'\(Suggestions.hint(name, in: consumers)); network.consumers has: \(consumers.joined(separator: ", "))")
                }
                try http("", &w, p) { $0.consumerRates[name] = v }
            },
            field("kafka.rate", .rate) { w, p, v, _ in try kafka(&w, p) { $0.rate = v } },
            field("kafka.batchSize", .number(ValueRanges.batchSize)) { w, p, v, _ in try kafka(&w, p) { $0.batchSize = v } },
            field("kafka.flushInterval", .duration(ValueRanges.positiveDuration)) { w, p, v, _ in try kafka(&w, p) { $0.flushInterval = v } },
            field("kafka.commit", .cases) { (w: inout WorkloadSpec, p, v: KafkaCommit, _) in try kafka(&w, p) { $0.commit = v } },
            field("kafka.onStop", .cases) { (w: inout WorkloadSpec, p, v: KafkaOnStop, _) in try kafka(&w, p) { $0.onStop = v } },
            field("kafka.sessionTimeout", .duration()) { w, p, v, _ in try kafka(&w, p) { $0.sessionTimeout = v } },
            field("outbound.rate", .rate) { w, p, v, _ in try outbound(&w, p) { $0.rate = v } },
            field("outbound.via", .string(nonEmpty: true)) { w, p, v, s in
                try requireContainer(v, s, p)
                if v == w.container {
                    throw ValueProblem("\(p.path): the calls must go through another container than '\(v)' (the proxy)")
                }
                try outbound(&w, p) { $0.via = v }
            },
        ]
    }()
}
