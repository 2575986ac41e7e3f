import PodTerm

/// The checks of the file's decoder that involve more than one field, run again on the typed
/// scenario after settings change it: a setting can break them from the other side (a grace
/// shorter than a preStop sleep, a horizon before a stop, an image whose program is unknown).
///
/// Checks that involve the changed field and one other are made by the field's write itself
/// (a `stop` item's kind, a workload's containers, `now` with `gracePeriod`).
enum SettingChecks {
    /// Which checks a field's change can break.
    struct Kinds: OptionSet, Sendable {
        let rawValue: Int
        /// A preStop sleep no longer than the pod's grace.
        static let sleepWithinGrace = Kinds(rawValue: 1)
        /// Every stop at or before the horizon.
        static let stopsBeforeHorizon = Kinds(rawValue: 2)
        /// Every container's argv names a program, and its scripts can be played.
        static let programs = Kinds(rawValue: 4)
        /// The stop actions and `docker:` belong to the front door.
        static let frontDoor = Kinds(rawValue: 8)
    }

    /// A check that failed: the field at fault (to point at the file when no setting made it),
    /// and what is wrong.
    struct Problem: Error, Sendable {
        var kind: Kinds
        var path: String?
        var message: String
    }

    /// Runs the checks of `kinds` on `s`.
    static func check(_ s: Scenario, _ kinds: Kinds) throws(Problem) {
        if kinds.contains(.sleepWithinGrace) { try sleepWithinGrace(s) }
        if kinds.contains(.stopsBeforeHorizon) { try stopsBeforeHorizon(s) }
        if kinds.contains(.programs) { try programs(s) }
        if kinds.contains(.frontDoor) { try frontDoor(s) }
    }

    /// Sidecars, then regular containers, with the path the decoder gives each.
    static func containers(_ s: Scenario) -> [(ContainerSpec, String)] {
        s.pod.initContainers.map { ($0, "pod.initContainers.\($0.name)") }
            + s.pod.containers.map { ($0, "pod.containers.\($0.name)") }
    }

    private static func sleepWithinGrace(_ s: Scenario) throws(Problem) {
        let grace = s.pod.terminationGracePeriodSeconds
        for (c, path) in containers(s) {
            if case .sleep(let seconds)? = c.preStop, seconds > grace {
                let field = "\(path).lifecycle.preStop.sleep.seconds"
                throw Problem(
                    kind: .sleepWithinGrace, path: field,
                    message: "\(field): \(seconds) is longer than the pod's terminationGracePeriodSeconds (\(grace)); the API server rejects such a pod")
            }
        }
    }

    private static func stopsBeforeHorizon(_ s: Scenario) throws(Problem) {
        for (i, a) in s.actions.enumerated() where a.at > s.horizon {
            throw Problem(
                kind: .stopsBeforeHorizon, path: "stop.\(i).at",
                message: "stop.\(i).at: \(formatDuration(a.at)) is after the horizon of \(formatDuration(s.horizon)), so it would never happen; move it earlier or raise horizon")
        }
    }

    private static func programs(_ s: Scenario) throws(Problem) {
        func known(_ argv: [String], _ who: String) throws(Problem) {
            if Simulator.knowsProgram(argv, programs: s.programs) {
                let problems = Simulator.scriptProblems(argv, programs: s.programs)
                if !problems.isEmpty {
                    throw Problem(kind: .programs, message: "\(who): \(problems.joined(separator: "; "))")
                }
                return
            }
            let exe = argv.first ?? ""
            let base = ProgramChecks.baseName(exe)
            let from = base == exe ? "" : " (from \(exe))"
            let names = s.programs.keys.sorted()
            let suggestion = Suggestions.nearest(exe, in: names).map { " (did you mean '\($0)'?)" } ?? Suggestions.hint(base, in: names)
            throw Problem(
                kind: .programs,
                message: "\(who) runs \(exe): no program '\(base)'\(from): declare it under programs: by path or by name\(suggestion)")
        }
        for (c, _) in containers(s) {
            let argv = c.argv(image: s.images[c.image])
            guard !argv.isEmpty else {
                let imageName = c.image.isEmpty ? "its image" : "image \(c.image)"
                throw Problem(
                    kind: .programs,
                    message: "container \(c.name) has no command: give it `command`, or declare \(imageName) under images: with an entrypoint or cmd")
            }
            try known(argv, "container \(c.name)")
            if case .exec(let command)? = c.preStop { try known(command, "the preStop hook of container \(c.name)") }
        }
        for key in s.programs.keys.sorted() {
            for child in s.programs[key]?.children ?? [] { try known(child.command, "a child of program \(key)") }
        }
    }

    private static func frontDoor(_ s: Scenario) throws(Problem) {
        if s.dockerStopTimeout != nil, s.frontDoor != .docker {
            throw Problem(kind: .frontDoor, path: "docker", message: "docker: only applies with frontDoor: docker")
        }
        for (i, a) in s.actions.enumerated() {
            let isDocker: Bool
            switch a.kind {
            case .docker: isDocker = true
            case .oomKill, .supervisorctlStop, .kill: continue
            default: isDocker = false
            }
            if isDocker, s.frontDoor != .docker {
                throw Problem(kind: .frontDoor, path: "stop.\(i)", message: "stop.\(i): a Docker command needs frontDoor: docker at the top of the file")
            }
            if !isDocker, s.frontDoor == .docker {
                throw Problem(
                    kind: .frontDoor, path: "stop.\(i)",
                    message: "stop.\(i): a Kubernetes action cannot stop a container run by Docker (frontDoor: docker); use dockerStop, dockerKill or dockerRm")
            }
        }
    }
}
