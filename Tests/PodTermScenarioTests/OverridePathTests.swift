import Foundation
import PodTerm
@testable import PodTermScenario
import Testing

/// A `--set` key's parts are walked in linear time, and a key has at most 64 parts
/// (issue 8, item 9: 1,000 parts took 26 s, 5,000 hung).
@Suite struct OverridePathTests {
    @Test func aKeyOfThousandsOfPartsIsRefusedAtOnce() {
        let text = Array(repeating: "a", count: 5_000).joined(separator: ".") + "=1"
        let start = ContinuousClock.now
        do {
            _ = try Override(parsing: text)
            Issue.record("accepted a key of 5000 parts")
        } catch {
            #expect(error.message.contains("the key has 5000 parts; a key has at most 64"), "\(error)")
            #expect(error.description.hasPrefix("--set a.a.a."), "\(error)")
            #expect(error.description.count < 300, "the message quotes the whole key: \(error.description.count) characters")
        }
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func sixtyFourPartsAreAllowed() throws {
        let key = "pod." + Array(repeating: "x", count: 63).joined(separator: ".")
        guard let e = loadError(minimalYAML, overrides: [key + "=1"]) else { return }
        #expect(e.message.contains("unknown key 'x' in pod"), "\(e)")
    }

    /// Past the public limit, the walk itself: 5,000 parts through existing keys and new
    /// mappings, in well under a second where the old walk was cubic and hung.
    @Test func theWalkIsLinearInTheNumberOfParts() throws {
        var root = try YAMLReading.parse(minimalYAML)
        let path = "programs./app/server." + Array(repeating: "p", count: 5_000).joined(separator: ".")
        let o = Override(uncheckedPath: path, value: "1")
        let start = ContinuousClock.now
        try OverrideApplication.apply([o], to: &root)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(2), "\(elapsed)")
    }

    @Test func theLongestKeyPresentStillWins() throws {
        // `example/app:1.0` contains a dot: the longest key present is taken, as before.
        let yaml = minimalYAML.replacingOccurrences(of: "entrypoint: [\"/app/server\"]", with: "entrypoint: [\"/app/server\"]\n    stopSignal: SIGINT")
        let s = try load(yaml, overrides: ["programs./app/server.signals.SIGTERM.cleanup=5s", "stop.0.at=12s"]).scenario
        #expect(s.actions.first?.at == 12_000)
        guard case .handle(let h)? = s.programs["/app/server"]?.signals[.term] else {
            Issue.record("no handler")
            return
        }
        #expect(h.cleanup == 5_000)
    }
}
