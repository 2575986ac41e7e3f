import Foundation
import PodTermBuiltins
import PodTermTesting
import Testing

/// Every built-in scenario's timeline, as text and as JSON v2, equals its golden file.
///
/// A mismatch shows the first differing line with its context. When the change is intended
/// (new events, a new field), regenerate: `PODTERM_UPDATE_GOLDENS=1 swift test --filter PodTermGoldenTests`.
@Suite("Goldens: the timelines of the built-in scenarios")
struct GoldenTimelineTests {
    @Test("text and JSON v2", arguments: (BuiltinScenarios.all + BuiltinScenarios.multiPod).map(\.name))
    func timeline(name: String) throws {
        for format in Goldens.Format.allCases {
            let actual = try Goldens.render(name, format)
            let url = Goldens.url(name, format)
            if Goldens.updating {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                if (try? String(contentsOf: url, encoding: .utf8)) != actual {
                    try actual.write(to: url, atomically: true, encoding: .utf8)
                    print("podterm goldens: wrote Tests/Goldens/\(name).\(format.rawValue)")
                }
                continue
            }
            guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
                Issue.record("no golden file Tests/Goldens/\(name).\(format.rawValue); create it with `\(Goldens.updateCommand)`")
                continue
            }
            if let diff = TextDiff.firstDifference(expected: golden, actual: actual) {
                Issue.record(Comment(rawValue: "podterm run \(name)\(format == .json ? " --format json" : "") differs from Tests/Goldens/\(name).\(format.rawValue); \(diff)\nif the change is intended, regenerate with `\(Goldens.updateCommand)` and review `git diff Tests/Goldens`"))
            }
        }
    }

    @Test func everyGoldenBelongsToABuiltInScenario() throws {
        let expected = Set(Goldens.expectedFiles())
        let stale = Goldens.filesOnDisk().filter { !expected.contains($0) }
        if Goldens.updating {
            for f in stale {
                try FileManager.default.removeItem(at: Goldens.folder.appendingPathComponent(f))
                print("podterm goldens: removed Tests/Goldens/\(f)")
            }
            return
        }
        #expect(stale.isEmpty, "golden files of no built-in scenario: \(stale.joined(separator: ", ")); remove them with `\(Goldens.updateCommand)`")
    }

    @Test func renderingTwiceGivesTheSameBytes() throws {
        let name = try #require(BuiltinScenarios.all.first?.name)
        for format in Goldens.Format.allCases {
            #expect(try Goldens.render(name, format) == Goldens.render(name, format))
        }
    }
}
