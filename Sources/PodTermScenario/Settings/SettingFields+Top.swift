import PodTerm

/// The settable fields of the format, each a pattern, a kind (with the decoder's range) and a
/// typed write into `Scenario`. A write that needs another field to agree checks it and
/// throws a `ValueProblem`, as the decoder would for the same file.
enum SettingFields {
    /// The top level: names, seed, version, horizon, front door, `docker:`, `network:`.
    static let top: [SettingField] = [
        SettingField("name", .string(nonEmpty: true)) { s, _, v in s.name = v },
        SettingField("summary", .string(nonEmpty: true)) { s, _, v in s.summary = v },
        SettingField("story", .string(nonEmpty: true)) { s, _, v in s.story = v },
        SettingField("seed", .seed) { s, _, v in s.seed = v },
        SettingField("kubernetes", .version) { s, _, v in s.kubernetesVersion = v },
        SettingField("horizon", .duration(ValueRanges.positiveDuration), checks: .stopsBeforeHorizon) { s, _, v in s.horizon = v },
        SettingField("frontDoor", .cases, checks: .frontDoor) { (s: inout Scenario, _, v: FrontDoor) in s.frontDoor = v },
        SettingField("docker.stopTimeout", .number(ValueRanges.dockerSeconds), checks: .frontDoor) { s, _, v in s.dockerStopTimeout = v },
        SettingField("kubelet.gracePeriodProfile", .cases) { (s: inout Scenario, _, v: GracePeriodProfile) in s.gracePeriodProfile = v },
        SettingField("podDisruptionBudget.disruptionsAllowed", .number(ValueRanges.disruptions)) { s, _, v in
            var b = s.disruptionBudget ?? DisruptionBudget()
            if v > 0, b.until != nil { throw ValueProblem(DisruptionDecoding.untilWithAllowance(v)) }
            b.disruptionsAllowed = v
            s.disruptionBudget = b
        },
        SettingField("podDisruptionBudget.until", .duration()) { s, _, v in
            var b = s.disruptionBudget ?? DisruptionBudget()
            if b.disruptionsAllowed > 0 { throw ValueProblem(DisruptionDecoding.untilWithAllowance(b.disruptionsAllowed)) }
            b.until = v
            s.disruptionBudget = b
        },
        SettingField("network.consumers.*.delay", .duration()) { s, p, v in
            try item(&s.network.consumers, p.index(0), p) { $0.delay = v }
        },
    ]

    /// Runs `body` on item `i` of `list`, or says the item is gone (a setting applied to
    /// another scenario than the one it was resolved against).
    static func item<T>(_ list: inout [T], _ i: Int, _ p: SettingPlace, _ body: (inout T) throws -> Void) throws {
        guard list.indices.contains(i) else { throw ValueProblem("\(p.path): the scenario has no such item (item \(i))") }
        try body(&list[i])
    }
}

extension SettingKind where Value == KubernetesVersion {
    /// A Kubernetes version the model knows, 1.22 to 1.34.
    static var version: Self {
        Self { text, what in
            let list = KubernetesVersion.supportedList.map(\.description).joined(separator: ", ")
            guard let parsed = KubernetesVersion(parsing: text) else {
                throw ValueProblem("\(what): expected a Kubernetes version like 1.33, got '\(text)'; supported: \(list)")
            }
            guard KubernetesVersion.supported.contains(parsed) else {
                throw ValueProblem("\(what): version \(parsed) is not modelled; expected one of \(list)")
            }
            return parsed
        }.shaped(.choice(KubernetesVersion.supportedList.map(\.description)))
    }
}
