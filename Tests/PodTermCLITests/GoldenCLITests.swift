import Foundation
import PodTermBuiltins
import Testing

/// The golden timelines of `Tests/Goldens/` (checked in-process by PodTermGoldenTests) are what
/// the `podterm` binary prints: a sample of scenarios, one from each folder, run for real.
@Suite("podterm command line: the goldens are podterm run's output")
struct GoldenCLITests {
    /// The first built-in scenario of each folder.
    static let sample: [String] = {
        var seen: Set<String> = []
        return BuiltinScenarios.all.map(\.name).filter { name in
            let folder = name.split(separator: "/").dropLast().joined(separator: "/")
            return seen.insert(folder).inserted
        }
    }()

    @Test(arguments: sample)
    func runPrintsTheGolden(name: String) throws {
        let goldens = PodtermBinary.root.appendingPathComponent("Tests/Goldens")
        for (ext, args) in [("txt", [String]()), ("json", ["--format", "json"])] {
            let golden = try String(contentsOf: goldens.appendingPathComponent("\(name).\(ext)"), encoding: .utf8)
            let r = try PodtermBinary.run(["run", name] + args)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout == golden, "podterm run \(name) \(args.joined(separator: " ")) is not Tests/Goldens/\(name).\(ext)")
        }
    }
}
