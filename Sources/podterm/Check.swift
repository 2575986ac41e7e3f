import ArgumentParser
import Foundation
import PodTerm
import PodTermBuiltins
import PodTermScenario

/// `podterm check`: runs each scenario's expectations.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run scenarios and check their expectations.",
        discussion: """
            Each FILE or DIR (searched recursively for .yaml and .yml files, in any case) is run with \
            its own seed; every `expect:` entry is compared with the outcome. One line per scenario, \
            the differences under a failing one, and a closing line `N passed, N failed`. With no \
            argument, the built-in scenarios are checked. Exit status: 0 all passed; 1 an \
            expectation failed; 2 bad input: a scenario that does not load (the others are still \
            checked), a path that does not exist, or a folder with no scenario in it; 5 a run needed \
            more events than --max-events (its line says STOP). 2 outranks 5, and 5 outranks 1.
            """)

    @Argument(help: "Scenario files or folders (default: the built-in scenarios).", completion: ScenarioCompletion.kind)
    var paths: [String] = []

    @OptionGroup var budget: EventBudgetOption

    func run() throws {
        var inputs: [(fileName: String, load: () throws -> Loaded)] = []
        if paths.isEmpty {
            // Single-pod and multi-pod built-ins, in file-name order.
            let every = (BuiltinScenarios.all.map { ($0, false) } + BuiltinScenarios.multiPod.map { ($0, true) })
                .sorted { $0.0.fileName.utf8.lexicographicallyPrecedes($1.0.fileName.utf8) }
            for (b, multi) in every {
                inputs.append((b.fileName, {
                    multi ? .cluster(try ClusterLoader.load(yaml: b.yaml, fileName: b.fileName))
                        : .single(try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName))
                }))
            }
        } else {
            for p in paths {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                    Terminal.fail("\(p): no such file or folder", status: 2)
                }
                let files = isDir.boolValue ? yamlFiles(under: p) : [p]
                if files.isEmpty {
                    Terminal.fail("\(p): no scenario found (no .yaml or .yml file in it or its subfolders)", status: 2)
                }
                for f in files {
                    inputs.append((f, {
                        let text = FileManager.default.contents(atPath: f).map { String(decoding: $0, as: UTF8.self) } ?? ""
                        return ClusterLoader.isMultiPod(yaml: text) ? .cluster(try ClusterLoader.load(file: f)) : .single(try ScenarioLoader.load(file: f))
                    }))
                }
            }
        }
        var out = ""
        var passed = 0, failed = 0, broken = 0, stopped = 0
        for input in inputs {
            do {
                let report: CheckReport
                let runSeed: UInt64
                switch try input.load() {
                case .single(let loaded):
                    let timeline = try Simulator.run(loaded.scenario, maxEvents: budget.value)
                    report = loaded.check(timeline)
                    runSeed = timeline.seed
                    // The workshop questions must each name an event of this run.
                    if !loaded.questions.isEmpty { _ = try Quiz.questions(timeline, declared: loaded.questions, file: input.fileName) }
                case .cluster(let loaded):
                    let run = try ClusterSimulator.run(loaded.cluster, maxEvents: budget.value)
                    report = loaded.check(run)
                    runSeed = run.seed
                }
                let n = report.results.count
                if report.allPassed {
                    passed += 1
                    out += "PASS  \(input.fileName)  (\(n) expectation\(n == 1 ? "" : "s"))\n"
                } else {
                    failed += 1
                    let bad = report.results.filter { !$0.passed }
                    out += "FAIL  \(input.fileName)  (\(bad.count) of \(n) expectations failed)\n"
                    for r in bad {
                        out += "      \(input.fileName):\(r.expectation.line):\(r.expectation.column): \(r.message)\n"
                    }
                    out += "      reproduce: podterm run \(input.fileName) --seed \(runSeed) --explain\n"
                }
            } catch let e as EventBudgetExceeded {
                stopped += 1
                out += "STOP  \(input.fileName)  (event budget)\n      \(EventBudgetOption.message(e, file: input.fileName))\n"
            } catch let e as QuestionError {
                failed += 1
                broken += 1
                out += "FAIL  \(input.fileName)  (a question names no event of the run)\n      \(e.description)\n"
            } catch let e as ScenarioError {
                failed += 1
                broken += 1
                out += "FAIL  \(input.fileName)  (does not load)\n      \(e.description)\n"
            } catch {
                failed += 1
                broken += 1
                out += "FAIL  \(input.fileName)  (does not run)\n      \(input.fileName): \(error)\n"
            }
        }
        out += "\(passed) passed, \(failed) failed"
        out += stopped > 0 ? ", \(stopped) stopped by the event budget" : ""
        out += broken > 0 ? " (\(broken) \(broken == 1 ? "does" : "do") not load)\n" : "\n"
        Terminal.write(out)
        // A scenario that does not load is bad input (2), which outranks a stopped run (5),
        // which outranks a failed expectation (1).
        if broken > 0 { throw ExitCode(2) }
        if stopped > 0 { throw ExitCode(5) }
        if failed > 0 { throw ExitCode(1) }
    }

    /// A scenario file of either kind.
    enum Loaded {
        case single(LoadedScenario)
        case cluster(LoadedCluster)
    }

    private func yamlFiles(under dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var files: [String] = []
        while let f = e.nextObject() as? String {
            let lower = f.lowercased()
            let path = dir.hasSuffix("/") ? dir + f : dir + "/" + f
            var isDir: ObjCBool = false
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml"),
               FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }
}
