import ArgumentParser
import Foundation
import PodTerm
import PodTermBuiltins
import PodTermScenario
import PodTermTUI

/// `podterm play SCENARIO` (alias `tui`): the full-screen terminal player on one scenario.
struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play one scenario in the full-screen terminal player (needs a terminal).",
        discussion: """
            SCENARIO is a file path or the name of a built-in scenario (see `podterm list`); \
            a folder opens the scenario picker on its .yaml files. \
            Keys: space play/pause, → ← step, ] [ key moments, g G start/end, + - speed, Tab pane, \
            j k move, Enter explain, / filter, s story, ? help, q quit; in the process tree k sends a signal by hand (a branch), b lists the branches, 0 toggles the original. --workshop learner|trainer asks what happens next before each key moment. \
            A multi-pod scenario (pods:) plays one pod at a time: --pod NAME, the pod as its engine ran in the whole run \
            (the coordinator's decisions as its stop actions, its own clock; no what-if); without --pod it is refused (2). \
            Exit status: 0 after q or Esc, \(Play.notATerminalStatus) when standard input or output is not a terminal, \
            130 after Ctrl-C, 129 after SIGHUP, 143 after SIGTERM, 2 bad input.
            """,
        aliases: ["tui"])

    /// Exit status when standard input or output is not a terminal.
    static let notATerminalStatus: Int32 = 6

    @Argument(help: "A scenario file, a built-in scenario's name, or a folder of scenario files.", completion: ScenarioCompletion.kind)
    var scenario: String

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Seed of the run's random generator (default: the scenario's seed).", valueName: "seed"))
    var seed: String?

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a number or duration in the scenario, by path. Repeatable.", valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Start paused at this simulated time, e.g. 12s, 1m30s, 2500ms.", valueName: "time"))
    var at: String?

    @OptionGroup var budget: EventBudgetOption

    @Option(help: ArgumentHelp("In a multi-pod scenario, the pod to play (one at a time).", valueName: "name"))
    var pod: String?

    @Option(help: ArgumentHelp(
        "Workshop mode: pause before each key moment and ask what happens next. learner answers with 1–6 and keeps a score; trainer reveals and goes on with one key, for a room.",
        valueName: "learner|trainer"))
    var workshop: WorkshopRole?

    func run() throws {
        do {
            let seed = try ScenarioSource.parseSeed(self.seed)
            var startAt: Millis?
            if let at {
                guard let ms = parseDuration(at) else {
                    throw CLIError.input("--at \(at): expected a time such as 12s, 1m30s or 2500ms")
                }
                startAt = ms
            }
            let overrides = try ScenarioSource.parseOverrides(self.overrides)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: scenario, isDirectory: &isDir), isDir.boolValue {
                // A folder: the picker over its scenario files.
                let entries = PlayerLauncher.fileEntries(scenario)
                guard !entries.isEmpty else { throw CLIError.input("\(scenario): no .yaml or .yml file in this folder") }
                guard PlayerLauncher.isTerminal else { PlayerLauncher.refuse(scenario: entries[0].name) }
                PlayerLauncher.launch(entries: entries, initial: nil, overrides: overrides, seed: seed)
            }
            if let cluster = try ScenarioSource.cluster(scenario) {
                return try playPod(of: cluster, seed: seed, startAt: startAt)
            }
            if let pod { throw CLIError.input("--pod \(pod): \(scenario) is a single-pod scenario; --pod picks a pod of a multi-pod one (pods:)") }
            let loaded = try ScenarioSource.load(scenario, overrides: overrides)
            guard PlayerLauncher.isTerminal else { PlayerLauncher.refuse(scenario: scenario) }
            var opened = try PlayerLauncher.open(loaded, seed: seed, budget: budget.value, startAt: startAt, text: ScenarioSource.text(scenario),
                                                 overrides: overrides)
            if let role = workshop {
                do throws(QuestionError) {
                    opened.workshop = WorkshopDriver(role: role, questions: try Quiz.questions(opened.timeline, declared: loaded.questions, file: loaded.fileName))
                } catch { throw CLIError.input(error.description) }
            }
            PlayerLauncher.launch(entries: [], initial: opened)
        } catch CLIError.input(let msg) {
            Terminal.fail(msg, status: 2)
        }
    }

    /// One pod of a multi-pod scenario, as its engine ran in the whole run.
    private func playPod(of loaded: LoadedCluster, seed: UInt64?, startAt: Millis?) throws {
        let names = loaded.cluster.pods.map(\.name).joined(separator: ", ")
        guard let pod else {
            throw CLIError.input("\(loaded.fileName): a multi-pod scenario plays one pod at a time: add --pod NAME (\(names)); `podterm run \(scenario)` prints all of them")
        }
        if !overrides.isEmpty || workshop != nil {
            Terminal.fail("--set and --workshop take a single-pod scenario; \(loaded.fileName) is a multi-pod one (pods:)", status: 64)
        }
        let run: ClusterTimeline
        do {
            run = try ClusterSimulator.run(loaded.cluster, seed: seed, maxEvents: budget.value)
        } catch let e as EventBudgetExceeded {
            Terminal.fail(EventBudgetOption.message(e, file: loaded.fileName), status: 5)
        } catch {
            throw CLIError.input("\(loaded.fileName): \(error)")
        }
        let single: LoadedScenario
        do { single = try loaded.single(pod: pod, of: run) } catch { throw CLIError.input(error.description) }
        guard PlayerLauncher.isTerminal else { PlayerLauncher.refuse(scenario: "\(scenario) --pod \(pod)") }
        let opened = try PlayerLauncher.open(single, seed: nil, budget: budget.value, startAt: startAt)
        PlayerLauncher.launch(entries: [], initial: opened)
    }
}

/// Starting the player from the commands: the terminal check, loading, the exit status.
enum PlayerLauncher {
    /// Whether standard input and output are both terminals.
    static var isTerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// The polite refusal when there is no terminal, with exit status 6.
    static func refuse(scenario: String) -> Never {
        Terminal.fail("the player needs a terminal (standard input and output must both be one); "
                      + "for text, use `podterm run \(scenario)`", status: Play.notATerminalStatus)
    }

    /// Runs the loaded scenario, ready for the player.
    static func open(_ loaded: LoadedScenario, seed: UInt64?, budget: Int, startAt: Millis?,
                     text: (yaml: String, fileName: String)? = nil, overrides: [Override] = []) throws -> PlayerSession.Opened {
        let scenario = try ScenarioSource.drawing(loaded, seed: seed)
        let timeline: Timeline
        do {
            timeline = try Simulator.run(scenario, seed: seed, maxEvents: budget)
        } catch let e as EventBudgetExceeded {
            Terminal.fail(EventBudgetOption.message(e, file: loaded.fileName), status: 5)
        } catch {
            throw CLIError.input("\(loaded.fileName): \(error)")
        }
        // The what-if (`t`) needs the file's text; a file that the tunables cannot list plays without it.
        let sets = overrides.map { ScenarioRewrite.Change(path: $0.path, value: $0.value) }
        let whatIf = text.flatMap { t in
            try? WhatIf(source: .init(yaml: t.yaml, fileName: t.fileName, seed: seed, overrides: sets), original: loaded, timeline: timeline)
        }
        return PlayerSession.Opened(timeline: timeline, summary: loaded.scenario.summary, story: loaded.scenario.story, startAt: startAt,
                                    whatIf: whatIf, scenario: scenario, seed: seed)
    }

    /// The built-in scenarios, grouped by folder (top level first), for the picker.
    static func builtinEntries() -> [PickerEntry] {
        let entries = BuiltinScenarios.all.map { b -> PickerEntry in
            let parts = b.name.split(separator: "/")
            let folder = "scenarios/" + (parts.count > 1 ? parts.dropLast().joined(separator: "/") + "/" : "")
            let loaded = try? ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
            return PickerEntry(name: b.name, folder: folder, summary: loaded?.scenario.summary ?? "(does not load: run `podterm check \(b.fileName)`)",
                               story: loaded?.scenario.story ?? "")
        }
        return entries.enumerated().sorted { ($0.element.folder, $0.offset) < ($1.element.folder, $1.offset) }.map(\.element)
    }

    /// The scenario files under `folder` (`.yaml`, `.yml`, any case), grouped by sub-folder.
    static func fileEntries(_ folder: String) -> [PickerEntry] {
        let root = URL(fileURLWithPath: folder)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var paths: [String] = []
        for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
            paths.append(url.path)
        }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return paths.sorted().map { path in
            let shown = path.hasPrefix(root.path + "/") ? base + String(path.dropFirst(root.path.count + 1)) : path
            let dir = shown.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") + "/"
            let loaded = try? ScenarioLoader.load(file: path)
            return PickerEntry(name: shown, folder: dir, summary: loaded?.scenario.summary ?? "(does not load: run `podterm check \(shown)`)",
                               story: loaded?.scenario.story ?? "")
        }
    }

    /// Runs the session and exits: 0 after q, 128+N after a signal or Ctrl-C.
    static func launch(entries: [PickerEntry], initial: PlayerSession.Opened?, overrides: [Override] = [], seed: UInt64? = nil) -> Never {
        let ending: PlayerSession.Ending
        do {
            ending = try PlayerSession.run(entries: entries, initial: initial) { entry in
                do {
                    let loaded = try ScenarioSource.load(entry.name, overrides: overrides)
                    return try open(loaded, seed: seed, budget: EventBudget.defaultMaxEvents, startAt: nil, text: ScenarioSource.text(entry.name),
                                    overrides: overrides)
                } catch CLIError.input(let message) {
                    throw PlayerSession.OpenFailure(message)
                }
            }
        } catch {
            Terminal.fail("\(error)", status: Play.notATerminalStatus)
        }
        switch ending {
        case .quit: exit(0)
        case .interrupted(let s): exit(128 + s)
        }
    }
}

extension WorkshopRole: ExpressibleByArgument {}
