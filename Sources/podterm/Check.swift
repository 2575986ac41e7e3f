import ArgumentParser
import Foundation
import PodTerm
import PodTermBuiltins
import PodTermScenario

/// `podterm check`: runs each scenario's expectations.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run scenarios and check their expectations.",
        discussion: """
            Each FILE or DIR (searched recursively for .yaml files) is run with its own seed; every \
            `expect:` entry is compared with the outcome. One line per scenario, the differences \
            under a failing one, and a closing line `N passed, N failed`. With no argument, the \
            built-in scenarios are checked. Exit status 1 when anything failed, 2 when a path does not exist, \
            5 when a run needed more events than --max-events (its line says STOP).
            """)

    @Argument(help: "Scenario files or folders (default: the built-in scenarios).")
    var paths: [String] = []

    @OptionGroup var budget: EventBudgetOption

    func run() throws {
        var inputs: [(fileName: String, load: () throws -> LoadedScenario)] = []
        if paths.isEmpty {
            for b in BuiltinScenarios.all {
                inputs.append((b.fileName, { try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName) }))
            }
        } else {
            for p in paths {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                    Terminal.fail("\(p): no such file or folder", status: 2)
                }
                let files = isDir.boolValue ? yamlFiles(under: p) : [p]
                for f in files { inputs.append((f, { try ScenarioLoader.load(file: f) })) }
            }
        }
        var out = ""
        var passed = 0, failed = 0, stopped = 0
        for input in inputs {
            do {
                let loaded = try input.load()
                let timeline = try Simulator.run(loaded.scenario, maxEvents: budget.value)
                let report = loaded.check(timeline)
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
                    out += "      reproduce: podterm run \(input.fileName) --seed \(timeline.seed) --explain\n"
                }
            } catch let e as EventBudgetExceeded {
                stopped += 1
                out += "STOP  \(input.fileName)  (event budget)\n      \(EventBudgetOption.message(e, file: input.fileName))\n"
            } catch let e as ScenarioError {
                failed += 1
                out += "FAIL  \(input.fileName)  (does not load)\n      \(e.description)\n"
            } catch {
                failed += 1
                out += "FAIL  \(input.fileName)  (does not run)\n      \(input.fileName): \(error)\n"
            }
        }
        out += "\(passed) passed, \(failed) failed" + (stopped > 0 ? ", \(stopped) stopped by the event budget" : "") + "\n"
        Terminal.write(out)
        if stopped > 0 { throw ExitCode(5) }
        if failed > 0 { throw ExitCode(1) }
    }

    private func yamlFiles(under dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var files: [String] = []
        while let f = e.nextObject() as? String {
            if f.hasSuffix(".yaml") || f.hasSuffix(".yml") {
                files.append(dir.hasSuffix("/") ? dir + f : dir + "/" + f)
            }
        }
        return files.sorted()
    }
}
