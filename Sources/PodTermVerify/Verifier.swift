import Foundation
import PodTerm
import PodTermScenario

/// How `verify` runs and compares.
public struct VerifyOptions: Sendable {
    /// Times agree when they differ by at most `toleranceMs` plus `tolerancePercent` of the time
    /// since the runtime's last signal (or since the start).
    public var toleranceMs: Int
    /// See `toleranceMs`.
    public var tolerancePercent: Int
    /// How long to wait, at most, for the real tree to look like the simulated one before the
    /// runtime's first signal (real programs take a while to start; supervisord ~0.3 s).
    public var treeWaitMs: Int
    /// Scenarios whose containers run longer than this (real time) are refused.
    public var maxDurationMs: Int
    /// The `podterm-probe` executable; nil: found next to the running program or on PATH.
    public var probePath: String?
    /// Keep the working directory (bin/, specs, logs) after the run.
    public var keepFiles: Bool
    /// Where the working directories go.
    public var workRoot: String

    /// The defaults: 150 ms + 10 %, 2 s of waiting for the tree, 2 minutes at most.
    public init(
        toleranceMs: Int = 150, tolerancePercent: Int = 10, treeWaitMs: Int = 2_000, maxDurationMs: Int = 120_000,
        probePath: String? = nil, keepFiles: Bool = false, workRoot: String = NSTemporaryDirectory()
    ) {
        self.toleranceMs = toleranceMs
        self.tolerancePercent = tolerancePercent
        self.treeWaitMs = treeWaitMs
        self.maxDurationMs = maxDurationMs
        self.probePath = probePath
        self.keepFiles = keepFiles
        self.workRoot = workRoot
    }
}

/// `podterm verify`: builds a scenario's process tree for real inside a fresh PID namespace —
/// real `sh`, `bash`, `tini`, `dumb-init`, `supervisord`, and the probe standing in for each
/// app — plays the container runtime's part from outside (the stop signal, SIGKILL and exec
/// hooks, at the moments the simulated runtime sent them), records what really happened to
/// every process from the kernel's own trace events, and compares it with the simulation.
///
/// Each container starts when the simulation started it, in its own PID namespace (and a
/// mount namespace where everything but its working directory is read-only). With
/// `shareProcessNamespace: true` the pod's sandbox starts first: the probe as the pause
/// process, PID 1 of the pod's one namespace; each container's command then starts inside it
/// as an ordinary process, its parent the launcher outside (the shim), in a cgroup of its own
/// whose other processes the launcher SIGKILLs when the main process exits
/// (`containerd.kill-all-on-exit`); the SIGKILL to pause (`kubelet.sandbox-stop`) waits until
/// every container has exited. Before the
/// runtime's first action, verify waits (up to `treeWaitMs`) until every process the
/// simulation has running is running for real; with supervisord in the tree it also times
/// the stop signal against supervisord's 1 s loop as the simulation does. Any such delay is
/// reported, and real times after it are shifted back by it.
///
/// ```swift
/// let loaded = try ScenarioLoader.load(file: "scenarios/process-trees/tini-forwards.yaml")
/// let report = try Verifier.verify(loaded)
/// print(report.render())
/// #expect(report.differences.isEmpty)
/// ```
/// Needs Linux and root (a PID namespace and tracefs). Runs in real time: a scenario that
/// stops its pod after 1 s with a 2 s grace period takes about 3 s. SIGINT, SIGTERM or SIGHUP
/// during a run kill its trees and remove its working folder and trace instance, then throw
/// `VerifyError.interrupted`; both are named after the process (`podterm-verify-PID-TAG`), so
/// a run that finds those of a dead PID (a run killed outright) removes them.
public enum Verifier {
    /// Runs `loaded` for real and compares it with its simulation.
    public static func verify(_ loaded: LoadedScenario, options: VerifyOptions = VerifyOptions()) throws(VerifyError) -> VerifyReport {
        let timeline: Timeline
        do {
            timeline = try Simulator.run(loaded.scenario)
        } catch {
            throw .notCovered("\(loaded.fileName): the simulation does not run: \(error)")
        }
        return try verify(loaded.scenario, timeline: timeline, fileName: loaded.fileName, options: options)
    }

    /// Runs `scenario` for real and compares it with `timeline`, its simulation.
    public static func verify(_ scenario: Scenario, timeline: Timeline, fileName: String, options: VerifyOptions = VerifyOptions()) throws(VerifyError) -> VerifyReport {
        // What the scenario asks that verify cannot replay, on any machine; then permission:
        // without it nothing else matters (and nothing is made).
        try checkCoverage(scenario, timeline: timeline, fileName: fileName, options: options)
        #if os(Linux)
        try Tracer.checkAccess()
        // SIGINT, SIGTERM, SIGHUP from here on: kill the tree, remove what we made, report.
        let interruption = Interruption()
        defer { interruption.restore() }
        // What runs killed before they could clean up left behind (their PID is gone).
        StaleRuns.removeInstances(tracefs: try Tracer.tracefsRoot())
        StaleRuns.removeFolders(under: options.workRoot)
        let probe = try findProbe(options)
        let work = options.workRoot + (options.workRoot.hasSuffix("/") ? "" : "/") + StaleRuns.name()
        defer { if !options.keepFiles { try? FileManager.default.removeItem(atPath: work) } }
        let plans = try plan(scenario, timeline: timeline, fileName: fileName, work: work, probe: probe, options: options)
        try Interruption.check()
        let result = try RealRun.run(plans, options: options, probe: probe)
        try Interruption.check()
        let comparisons = zip(plans, result.stories).enumerated().map { (i, pr) in
            ContainerComparison.compare(real: pr.1, simulated: pr.0.simulated, options: options, lateness: result.lateness[i])
        }
        return VerifyReport(
            scenario: timeline.scenarioName, fileName: fileName, containers: comparisons, leftovers: result.leftovers,
            toleranceMs: options.toleranceMs, tolerancePercent: options.tolerancePercent,
            probeLogs: result.probeLogs, workDirectory: options.keepFiles ? work : nil)
        #else
        throw .notLinux
        #endif
    }

    /// Why verify cannot replay this scenario, whatever the machine: it asks supervisord
    /// itself to stop a program, has an OOM kill, runs too long, or nothing stops a container.
    /// Checked before anything else, so the answer does not depend on who runs it.
    static func checkCoverage(_ scenario: Scenario, timeline t: Timeline, fileName: String, options: VerifyOptions) throws(VerifyError) {
        for a in scenario.actions {
            if case .kill(let k) = a.kind {
                throw .notCovered("\(fileName): kill: sends \(k.signal.name) by hand to \(k.target); verify replays only what the container runtime sends to PID 1, so it does not cover this scenario yet")
            }
            if case .supervisorctlStop(let program) = a.kind {
                throw .notCovered("\(fileName): supervisorctl stop \(program) asks supervisord itself to stop a program; verify replays how the container runtime stops containers, so it does not cover this scenario")
            }
        }
        let specs = scenario.pod.sidecars + scenario.pod.containers
        var somethingStops = false
        for (c, record) in t.containers.enumerated() {
            if SimulatedStory.usesOOMKill(t, container: c) {
                throw .notCovered("\(fileName): container \(record.name) is killed by the OOM killer; verify replays how the runtime stops containers (stop signal, grace, SIGKILL), not memory pressure, so it does not cover this scenario")
            }
            guard specs.contains(where: { $0.name == record.name }) else { continue }
            let story = SimulatedStory.make(t, container: c)
            guard story.processes.first?.startedAt != nil else { continue }
            let end = story.exitedAt ?? t.endedAt
            if end.ms > options.maxDurationMs {
                throw .notCovered("\(fileName): container \(record.name) runs for \(formatDuration(end)) before it stops; verify plays scenarios in real time, and this is longer than its limit of \(formatDuration(Millis(options.maxDurationMs))) (raise it with --max-duration)")
            }
            if !story.runtimeSignals.isEmpty || !SimulatedStory.execs(t, container: c).isEmpty || story.exitedAt != nil { somethingStops = true }
        }
        if !somethingStops {
            throw .notCovered("\(fileName): nothing stops a container in this scenario and none ends by itself; verify replays how containers are stopped, so there is nothing to compare")
        }
    }

    #if os(Linux)
    /// Decides what to play for each container (the scenario passed `checkCoverage`).
    static func plan(_ scenario: Scenario, timeline t: Timeline, fileName: String, work: String, probe: String, options: VerifyOptions) throws(VerifyError) -> [ContainerPlan] {
        let specs = scenario.pod.sidecars + scenario.pod.containers
        let shared = scenario.pod.shareProcessNamespace
        var plans: [ContainerPlan] = []
        // With shareProcessNamespace the sandbox comes first: its pause process is PID 1 of
        // the namespace every container then starts in.
        let order = t.containers.indices.sorted { (t.containers[$0].isSandbox ? 0 : 1, $0) < (t.containers[$1].isSandbox ? 0 : 1, $1) }
        for c in order {
            let record = t.containers[c]
            let spec: ContainerSpec
            var stagedScenario = scenario
            if shared && record.isSandbox {
                // pause.c: SIGINT and SIGTERM exit 0, every dead child reaped (pause.init).
                spec = ContainerSpec(name: record.name, command: [Verifier.pausePath])
                stagedScenario.programs[Verifier.pausePath] = Verifier.pauseProgram
            } else {
                guard let s = specs.first(where: { $0.name == record.name }) else { continue }
                spec = s
            }
            let story = SimulatedStory.make(t, container: c)
            guard let start = story.processes.first?.startedAt else { continue }
            let end = story.exitedAt ?? t.endedAt
            let staging = try Staging(dir: work + "/" + record.name, scenario: stagedScenario, container: spec, probe: probe)
            // What the runtime sends to the container's main process (PID 1 when it has a
            // namespace of its own); in a shared namespace the shim's kill --all of the rest
            // is the launcher's own doing when the main process exits.
            let toMain = shared ? SimulatedStory.mainSignals(t, container: c) : story.runtimeSignals
            var actions = toMain.map { RuntimeAction(at: $0.at, kind: .signal($0.signal)) }
            for hook in SimulatedStory.execs(t, container: c) {
                actions.append(RuntimeAction(at: hook.at, kind: .exec(hook.argv.map { staging.rewrite($0) })))
            }
            // Stable: at the same moment, in the simulation's order of signals, then hooks.
            actions = actions.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
            var expected: [String] = []
            var lag: (String, Millis)?
            if let first = actions.first {
                let at = first.at
                // What runs just before the runtime acts.
                expected = story.processes.filter { ($0.startedAt ?? 0) < at && ($0.end.map { $0.at >= at } ?? true) }.map(\.key).sorted()
                if let sv = story.processes.first(where: { $0.name == "supervisord" && expected.contains($0.key) }) {
                    let lags = story.processes.flatMap(\.received).filter { $0.from == sv.key && $0.at >= at }.map { $0.at - at }
                    if let l = lags.min() { lag = (sv.key, l) }
                }
            }
            plans.append(ContainerPlan(
                index: c, name: record.name, staging: staging, simulated: story, actions: actions, expectedAtFirstSignal: expected,
                supervisordLag: lag, simulatedEnd: end, simulatedStart: start,
                namespace: !shared ? .own : record.isSandbox ? .sandbox : .joined))
        }
        return plans
    }

    /// The pause process's path, as the simulation starts it.
    static let pausePath = "/pause"
    /// The pause process as the probe plays it (kubernetes `build/pause/linux/pause.c`):
    /// SIGINT and SIGTERM exit 0, every dead child reaped, orphans included (`pause.init`).
    static let pauseProgram = ProgramSpec(
        signals: [.int: .handle(SignalHandlerSpec(cleanup: 0, then: .exit(0))), .term: .handle(SignalHandlerSpec(cleanup: 0, then: .exit(0)))],
        reaps: .all)

    /// The probe executable: the option, $PODTERM_PROBE, next to this program, or on PATH.
    static func findProbe(_ options: VerifyOptions) throws(VerifyError) -> String {
        var candidates: [String] = []
        if let p = options.probePath { candidates.append(p) }
        if let p = ProcessInfo.processInfo.environment["PODTERM_PROBE"] { candidates.append(p) }
        if let exe = Sys.readLink("/proc/self/exe") {
            candidates.append((exe as NSString).deletingLastPathComponent + "/podterm-probe")
        }
        candidates.append(((CommandLine.arguments.first ?? "") as NSString).deletingLastPathComponent + "/podterm-probe")
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append(dir + "/podterm-probe")
        }
        for c in candidates where !c.isEmpty && FileManager.default.isExecutableFile(atPath: c) {
            return (c as NSString).standardizingPath
        }
        throw .failure("cannot find the podterm-probe executable (looked next to this program and on PATH; build it with `swift build --product podterm-probe`, or set PODTERM_PROBE)")
    }
    #endif
}
