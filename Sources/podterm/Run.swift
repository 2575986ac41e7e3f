import ArgumentParser
import Foundation
import PodTerm
import PodTermScenario

/// `podterm run`: one scenario's timeline, as text or JSON.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one scenario and print its timeline.",
        discussion: """
            SCENARIO is a file path or the name of a built-in scenario (see `podterm list`).
            Text output has one event a line: the virtual time, who acted (api-server, kubelet, \
            runtime, kernel, a process like server[1]), the container, and what happened. \
            --explain adds the rule behind each event, its reason and its source. \
            JSON output is the stable schema podterm.timeline/v2 described in the README \
            (schemas/podterm.timeline.v2.schema.json): every event's numbers and names as typed \
            fields. json-v1 prints the superseded podterm.timeline/v1. \
            A multi-pod scenario (pods:) prints every pod's events in one timeline (text), or \
            podterm.cluster/v1 (json); --pod NAME prints one of its pods as a single-pod run, on \
            the pod's own clock, in any format.
            """)

    @Argument(help: "A scenario file, or the name of a built-in scenario.", completion: ScenarioCompletion.kind)
    var scenario: String

    @Option(help: "Output format: text, json (podterm.timeline/v2), json-v1 (superseded) or svg (a picture of the timeline).")
    var format: OutputFormat = .text

    @Flag(help: "Print the rule, its reason and its source under every event.")
    var explain = false

    // Taken as text, unconditionally, so that `--seed -1` reaches the check below instead of
    // being read as a flag.
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Seed of the run's random generator: a whole number from 0 to 2^64−1 (default: the scenario's seed).",
        valueName: "seed"))
    var seed: String?

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a field of the scenario, by path: --set pod.terminationGracePeriodSeconds=60, --set pod.containers.app.lifecycle.stopSignal=SIGQUIT. Repeatable.",
        valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("In a multi-pod scenario, print only this pod's run (its own clock, any format).", valueName: "name"))
    var pod: String?

    @OptionGroup var budget: EventBudgetOption

    @OptionGroup var inject: InjectOption

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
        case jsonV1 = "json-v1"
        case svg
    }

    func run() throws {
        do {
            let seed = try ScenarioSource.parseSeed(self.seed)
            if let cluster = try ScenarioSource.cluster(scenario) {
                return try runCluster(cluster, seed: seed)
            }
            if let pod {
                throw CLIError.input("--pod \(pod): \(scenario) is a single-pod scenario; --pod picks a pod of a multi-pod one (pods:)")
            }
            let loaded = try ScenarioSource.load(scenario, overrides: try ScenarioSource.parseOverrides(overrides))
            let scenario = try ScenarioSource.drawing(loaded, seed: seed)
            let timeline: Timeline
            do {
                timeline = try Simulator.run(inject.apply(to: scenario), seed: seed, maxEvents: budget.value)
            } catch let e as EventBudgetExceeded {
                Terminal.fail(EventBudgetOption.message(e, file: loaded.fileName), status: 5)
            } catch {
                throw CLIError.input("\(loaded.fileName): \(error)")
            }
            switch format {
            case .json:
                var out = StandardOutput()
                try TimelineJSON.write(timeline, file: loaded.fileName, to: &out)
            case .jsonV1: Terminal.write(TimelineJSONv1.render(timeline, file: loaded.fileName))
            case .svg: Terminal.write(TimelineSVG().render(timeline))
            case .text: Terminal.write(TimelineText(explain: explain, color: Terminal.wantsColor).render(timeline))
            }
        } catch CLIError.input(let msg) {
            Terminal.fail(msg, status: 2)
        }
    }

    /// A multi-pod scenario: the whole run, or one pod's with --pod.
    private func runCluster(_ loaded: LoadedCluster, seed: UInt64?) throws {
        if !overrides.isEmpty || !inject.specs.isEmpty {
            Terminal.fail("--set and --inject change a single-pod scenario; \(loaded.fileName) is a multi-pod one (pods:)", status: 64)
        }
        let run: ClusterTimeline
        do {
            run = try ClusterSimulator.run(loaded.cluster, seed: seed, maxEvents: budget.value)
        } catch let e as EventBudgetExceeded {
            Terminal.fail(EventBudgetOption.message(e, file: loaded.fileName), status: 5)
        } catch {
            throw CLIError.input("\(loaded.fileName): \(error)")
        }
        if let pod {
            guard let p = run.pod(named: pod) else {
                throw CLIError.input("--pod \(pod): \(loaded.fileName) has no pod of that name; its pods: \(run.pods.map(\.name).joined(separator: ", "))")
            }
            switch format {
            case .json:
                var out = StandardOutput()
                try TimelineJSON.write(p.timeline, file: loaded.fileName, to: &out)
            case .jsonV1: Terminal.write(TimelineJSONv1.render(p.timeline, file: loaded.fileName))
            case .svg: Terminal.write(TimelineSVG().render(p.timeline))
            case .text: Terminal.write(TimelineText(explain: explain, color: Terminal.wantsColor).render(p.timeline))
            }
            return
        }
        switch format {
        case .json: Terminal.write(ClusterJSON.render(run, file: loaded.fileName))
        case .text: Terminal.write(ClusterText(explain: explain).render(run))
        case .jsonV1, .svg:
            Terminal.fail("--format \(format.rawValue) draws one pod: add --pod NAME (\(run.pods.map(\.name).joined(separator: ", "))), or use text or json for the whole run", status: 64)
        }
    }
}
