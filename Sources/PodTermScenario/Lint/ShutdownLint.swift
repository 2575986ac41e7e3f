import PodTerm

/// `podterm lint`: runs a scenario and reads its run for shutdown risks. Each finding is told by
/// the run itself (who received which signal and what it did, when routing stopped, what the
/// workloads counted), not by the file's text alone.
///
/// ```swift
/// let loaded = try ScenarioLoader.load(file: "web.yaml")
/// for f in ShutdownLint.findings(loaded.scenario, try Simulator.run(loaded.scenario)) { print(f.message) }
/// ```
public enum ShutdownLint {
    static let shells: Set<String> = ["sh", "dash", "bash", "ash", "busybox"]
    static let proxyWords = ["envoy", "istio-proxy", "istio/proxy", "pilot-agent", "linkerd-proxy", "linkerd2-proxy", "cloud-sql-proxy", "oauth2-proxy", "haproxy"]

    /// The risks in one run of `scenario`, in the order of `LintChecks.all`, then of the containers.
    public static func findings(_ scenario: Scenario, _ timeline: Timeline) -> [LintFinding] {
        let m = timeline.lastMoment
        let pod = scenario.pod
        var out: [LintFinding] = []
        let all = pod.initContainers.filter { $0.restartPolicy == .always } + pod.containers
        func spec(_ name: String) -> ContainerSpec? { all.first { $0.name == name } }
        func path(_ c: ContainerState) -> String {
            (c.isSidecar ? "pod.initContainers." : "pod.containers.") + c.name
        }
        func commandPath(_ c: ContainerState) -> String {
            let s = spec(c.name)
            return path(c) + (s?.command != nil ? ".command" : s?.args != nil ? ".args" : ".image")
        }
        let deletedAt = m.pod.deletedAt

        // 1, 2: PID 1 is a shell or a script that keeps the stop signal from the app.
        for (ci, c) in m.containers.enumerated() {
            guard let pid1 = m.processes.first(where: { $0.container == ci && $0.containerInstance == 0 && $0.pid == 1 }),
                  let stopAt = c.stopSignalAt
            else { continue }
            let children = m.processes.filter { $0.container == ci && $0.containerInstance == 0 && $0.pid != 1 && $0.startedAt <= stopAt }
            let deaf = children.filter { ch in
                !ch.received.contains { $0.signal == c.stopSignal && $0.fate != .discarded(.ignored) && $0.at >= stopAt }
                    && ch.received.contains { $0.signal == .kill }
            }
            guard let victim = deaf.first else { continue }
            let base = pid1.argv.first.map { String($0.split(separator: "/").last ?? "") } ?? pid1.name
            let isScript = base.hasSuffix(".sh") || scenario.programs[pid1.argv.first ?? ""]?.script != nil
            let isShellC = shells.contains(base) && pid1.argv.contains("-c")
            let discarded = pid1.received.first { $0.signal == c.stopSignal }
            let fate = discarded.map { r -> String in
                if case .discarded = r.fate { return "discards it (PID 1 with no handler)" }
                return "does not pass it on"
            } ?? "never gets it"
            let killed = c.sigkillAt.map { " at \(formatDuration($0))" } ?? ""
            if isShellC {
                out.append(LintFinding(
                    check: "shell-form-pid1", rule: "sh.dash-no-exec",
                    message: "container \(c.name): the shell form keeps \(pid1.name)[1] (\(pid1.argv.prefix(2).joined(separator: " ")) …) as PID 1; it \(fate), so \(victim.name)[\(victim.pid)] never hears \(c.stopSignal.name) and is SIGKILLed\(killed)",
                    fix: "use the exec form (command: [\"\(victim.argv.first ?? victim.name)\", …]), or write `exec \(victim.argv.first ?? victim.name) …` inside the string, or run it under tini",
                    path: commandPath(c)))
            } else if isScript {
                out.append(LintFinding(
                    check: "script-no-exec", rule: "kernel.pid1-ignores-default",
                    message: "container \(c.name): the entrypoint script \(pid1.argv.first ?? pid1.name) runs \(victim.name) without exec, so the script stays PID 1; it \(fate), and \(victim.name)[\(victim.pid)] is SIGKILLed\(killed)",
                    fix: "end the script with `exec \(victim.argv.first ?? victim.name) …` (or `exec \"$@\"`), so the app becomes PID 1; or run the script under tini",
                    path: commandPath(c)))
            }
        }

        // 3: the stop signal before the slowest consumer lets go.
        if let deletedAt, let slowest = scenario.network.consumers.max(by: { $0.delay < $1.delay }) {
            for c in m.containers where !c.isSidecar {
                guard let stopAt = c.stopSignalAt, stopAt < deletedAt + slowest.delay else { continue }
                let waited = stopAt - deletedAt
                let loads = scenario.workloads.filter {
                    if case .http = $0.kind { return $0.container == c.name } else { return false }
                }
                guard !loads.isEmpty else { continue }
                var refused = 0
                for w in loads { if case .int(let n)? = timeline.outcome["workloads.\(w.name).refused"] { refused += n } }
                guard refused > 0 else { continue }
                let rates = loads.compactMap { w -> String? in if case .http(let h) = w.kind { return "\(h.rate)/s" } else { return nil } }
                let sleep = max(1, (slowest.delay.ms + 999) / 1000)
                out.append(LintFinding(
                    check: "prestop-shorter-than-consumers", rule: "endpoints.consumer-delay",
                    message: "container \(c.name): \(c.stopSignal.name) comes \(formatDuration(waited)) after the delete, but \(slowest.name) routes to the pod for \(formatDuration(slowest.delay)): \(refused) requests refused at \(rates.joined(separator: ", ")) from each consumer",
                    fix: "add (or lengthen) a preStop sleep to at least \(sleep) s: lifecycle: {preStop: {sleep: {seconds: \(sleep)}}}, and keep it inside terminationGracePeriodSeconds",
                    path: path(c) + ".lifecycle.preStop"))
            }
        }

        // 4: SIGKILL while a handler was still shutting the app down.
        for (ci, c) in m.containers.enumerated() {
            guard let killAt = c.sigkillAt, let stopAt = c.stopSignalAt else { continue }
            let busy = m.processes.first { p in
                p.container == ci && p.containerInstance == 0
                    && p.received.contains { $0.signal == c.stopSignal && $0.fate == .caught && $0.at >= stopAt }
                    && p.received.contains { $0.signal == .kill && $0.at == killAt }
            }
            guard let p = busy else { continue }
            let grace = m.pod.effectiveGrace ?? pod.terminationGracePeriodSeconds
            let program = scenario.programs[p.argv.first ?? ""] ?? scenario.programs[p.name]
            var needed = ""
            if let prog = program {
                var cleanup = prog.presetCleanup
                if case .handle(let h)? = prog.signals[c.stopSignal] { cleanup = h.cleanup }
                if let d = deletedAt {
                    let total = (stopAt - d) + cleanup
                    needed = " (the preStop and its \(formatDuration(cleanup)) shutdown need \(formatDuration(total)))"
                }
            }
            out.append(LintFinding(
                check: "grace-shorter-than-shutdown", rule: "containerd.stop",
                message: "container \(c.name): \(p.name)[\(p.pid)] caught \(c.stopSignal.name) at \(formatDuration(stopAt)) and was still shutting down when the grace of \(grace) s ran out: SIGKILL at \(formatDuration(killAt))\(needed)",
                fix: "raise terminationGracePeriodSeconds above the preStop plus the app's shutdown, or make the shutdown shorter",
                path: "pod.terminationGracePeriodSeconds"))
        }

        // 5: nginx stopped with SIGTERM.
        for (ci, c) in m.containers.enumerated() where c.stopSignal == .term {
            let nginx = m.processes.first { p in
                p.container == ci && (p.name == "nginx" || scenario.programs[p.argv.first ?? ""]?.preset == .nginx || scenario.programs[p.name]?.preset == .nginx)
                    && p.received.contains { $0.signal == .term && $0.fate == .caught }
            }
            guard let p = nginx else { continue }
            out.append(LintFinding(
                check: "nginx-sigterm", rule: "app.nginx",
                message: "container \(c.name): \(p.name)[\(p.pid)] is stopped with SIGTERM, nginx's fast shutdown: it closes its connections at once and cuts the requests in flight",
                fix: "stop it with SIGQUIT (graceful): lifecycle: {stopSignal: SIGQUIT} (Kubernetes 1.33+) or STOPSIGNAL SIGQUIT in the image, or a preStop exec [\"nginx\", \"-s\", \"quit\"]",
                path: path(c)))
        }

        // 6: a proxy as an ordinary container.
        if pod.containers.count > 1 {
            for c in pod.containers {
                let words = ([c.name, c.image] + (c.command ?? []) + (scenario.images[c.image]?.entrypoint ?? []) + (scenario.images[c.image]?.cmd ?? [])).map { $0.lowercased() }
                guard words.contains(where: { w in proxyWords.contains { w.contains($0) } }) else { continue }
                guard let cs = m.containers.first(where: { $0.name == c.name }), let proxyEnd = cs.lastExit?.at else { continue }
                let later = m.containers.filter { $0.name != c.name && !$0.isSidecar && ($0.lastExit?.at ?? .zero) > proxyEnd }
                let after = later.first.map { ", while \($0.name) runs until \(formatDuration($0.lastExit!.at))" } ?? ""
                var failed = ""
                if case .int(let n)? = timeline.outcome["outbound.failed"], n > 0 { failed = ": \(n) outbound calls failed" }
                out.append(LintFinding(
                    check: "proxy-not-native-sidecar", rule: "kubelet.sidecar-order",
                    message: "container \(c.name) is a proxy in an ordinary container: it gets the stop signal with the app and is gone at \(formatDuration(proxyEnd))\(after)\(failed)",
                    fix: "make it a native sidecar: move it to initContainers with restartPolicy: Always (Kubernetes 1.29+), so it starts first and stops after the app",
                    path: "pod.containers.\(c.name)"))
            }
        }

        // 7: a preStop sleep as long as the grace. Up to 1.27 the hook did not count against the
        // grace (kubelet.prestop-budget-legacy): the runtime got the full grace after it.
        for c in all where scenario.kubernetesVersion >= KubernetesVersion(1, 28) {
            var seconds: Int?
            switch c.preStop {
            case .sleep(let s)?: seconds = s
            case .exec(let argv)?:
                let words = argv.count == 3 && shells.contains(String(argv[0].split(separator: "/").last ?? "")) && argv[1] == "-c"
                    ? argv[2].split(separator: " ").map(String.init) : argv
                if let i = words.firstIndex(where: { $0 == "sleep" || $0.hasSuffix("/sleep") }), i + 1 < words.count {
                    seconds = Int(words[i + 1].trimmingCharacters(in: CharacterSet(charactersIn: "s;")))
                }
            default: break
            }
            let grace = pod.terminationGracePeriodSeconds
            guard let s = seconds, s >= grace else { continue }
            let listPath = pod.containers.contains { $0.name == c.name } ? "pod.containers." : "pod.initContainers."
            let abandoned = m.containers.first { $0.name == c.name }?.preStop?.abandoned == true
            out.append(LintFinding(
                check: "prestop-longer-than-grace", rule: "kubelet.prestop-budget",
                message: "container \(c.name): the preStop sleep of \(s) s \(s > grace ? "is longer than" : "takes all of") the grace of \(grace) s\(abandoned ? "; the kubelet abandons it" : "") and sends the stop signal with only the 2 s minimum left",
                fix: "make the sleep shorter than terminationGracePeriodSeconds minus the app's shutdown, or raise terminationGracePeriodSeconds",
                path: listPath + c.name + ".lifecycle.preStop"))
        }
        return out
    }
}

private struct CharacterSet {
    let chars: Set<Character>
    init(charactersIn s: String) { chars = Set(s) }
}

extension String {
    fileprivate func trimmingCharacters(in set: CharacterSet) -> String {
        String(drop { set.chars.contains($0) }.reversed().drop { set.chars.contains($0) }.reversed())
    }
}
