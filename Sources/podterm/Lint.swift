import ArgumentParser
import Foundation
import PodTerm
import PodTermScenario

/// `podterm lint`: runs each manifest or scenario and reports its shutdown risks.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Report the shutdown risks of Kubernetes manifests or scenario files.",
        discussion: """
            Each FILE (a manifest, imported as `podterm import` does, or a scenario) is run, and the \
            run is read for these risks, each with the rule behind it and what to change:

            \(LintChecks.all.map { "  \($0.id): \($0.finds)" }.joined(separator: "\n"))

            Formats: text (for people), json (one object with every finding), github (workflow \
            commands: ::warning file=…,line=…::, which GitHub Actions shows on the pull request). \
            Exit status: 0 no risk found, 1 risks found, 2 a file could not be read or loaded.
            """)

    @Argument(help: "Manifests or scenario files.", completion: .file(extensions: ["yaml", "yml"]))
    var files: [String]

    @Option(help: "Output format: text, json or github.")
    var format: Format = .text

    @OptionGroup var budget: EventBudgetOption

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    func run() throws {
        var results: [(String, [LintFinding])] = []
        var bad = false
        for file in files {
            do {
                let text = try ScenarioSource.wrap { try ManifestImport.readFile(file) }
                let loaded: LoadedScenario
                var lineOf: (String) -> Int
                if ManifestImport.looksLikeManifest(text) {
                    let (l, imported) = try ScenarioSource.wrap { try ManifestImport.load(yaml: text, fileName: file) }
                    loaded = l
                    lineOf = { imported.line(for: $0) }
                } else {
                    loaded = try ScenarioSource.wrap { try ScenarioLoader.load(yaml: text, fileName: file) }
                    lineOf = { ScenarioLines.line(of: $0, in: text) }
                }
                let timeline: Timeline
                do {
                    timeline = try Simulator.run(loaded.scenario, maxEvents: budget.value)
                } catch {
                    throw CLIError.input("\(file): \(error)")
                }
                var found = ShutdownLint.findings(loaded.scenario, timeline)
                for i in found.indices { found[i].line = lineOf(found[i].path) }
                results.append((file, found))
            } catch CLIError.input(let msg) {
                FileHandle.standardError.write(Data("podterm: \(msg)\n".utf8))
                bad = true
            }
        }
        Terminal.write(Self.render(results, format: format))
        if bad { throw ExitCode(2) }
        if results.contains(where: { !$0.1.isEmpty }) { throw ExitCode(1) }
    }

    static func render(_ results: [(String, [LintFinding])], format: Format) -> String {
        var out = ""
        switch format {
        case .text:
            var total = 0
            for (file, found) in results {
                for f in found {
                    out += "\(file):\(f.line): warning: [\(f.check)] \(f.message)\n"
                    out += "    fix: \(f.fix)\n"
                    if let r = f.rule { out += "    rule: \(r)\n" }
                    total += 1
                }
            }
            out += total == 0
                ? "no shutdown risks found in \(results.count) file\(results.count == 1 ? "" : "s")\n"
                : "\(total) shutdown risk\(total == 1 ? "" : "s") found in \(results.filter { !$0.1.isEmpty }.count) of \(results.count) file\(results.count == 1 ? "" : "s")\n"
        case .json:
            out += "{\"schema\": \"podterm.lint/v1\", \"findings\": ["
            var first = true
            for (file, found) in results {
                for f in found {
                    out += first ? "\n" : ",\n"
                    first = false
                    out += "  {\"file\": \(json(file)), \"line\": \(f.line), \"check\": \(json(f.check)), \"rule\": \(f.rule.map(json) ?? "null"), \"path\": \(json(f.path)), \"message\": \(json(f.message)), \"fix\": \(json(f.fix))}"
                }
            }
            out += first ? "]}\n" : "\n]}\n"
        case .github:
            for (file, found) in results {
                for f in found {
                    out += "::warning file=\(ghProperty(file)),line=\(f.line),title=podterm \(f.check)::\(ghData(f.message + ". Fix: " + f.fix))\n"
                }
            }
        }
        return out
    }

    static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// GitHub's escaping of a workflow command's message.
    static func ghData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// GitHub's escaping of a workflow command's property.
    static func ghProperty(_ s: String) -> String {
        ghData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
