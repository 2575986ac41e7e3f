import Foundation
import PodTerm
@testable import PodTermScenario
import Testing

@Suite struct OverrideTests {
    @Test func parsesKeyEqualsValue() throws {
        let o = try Override(parsing: "stop.0.at=12s")
        #expect(o.path == "stop.0.at")
        #expect(o.value == "12s")
        #expect(o.text == "stop.0.at=12s")
        #expect(try Override(parsing: " pod.terminationGracePeriodSeconds = 60 ").value == "60")
    }

    @Test(arguments: [
        ("stop.0.at", "expected KEY=VALUE"),
        ("=5", "expected a key before '='"),
        ("stop..at=5", "has an empty part"),
    ])
    func rejectsBadOverrides(text: String, message: String) {
        do {
            _ = try Override(parsing: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.line == nil)
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("--set \(text): "), "\(error)")
        }
    }

    /// A value the field does not take is refused when the override is resolved, with the
    /// field's own message (the same as for the file), as the `--set`.
    @Test(arguments: [
        ("stop.0.at=soon", "--set stop.0.at=soon: stop.0.at: expected a duration like 500ms, 5s or 2m, got 'soon'"),
        ("stop.0.at=", "--set stop.0.at=: stop.0.at: expected a duration like 500ms, 5s or 2m, got nothing"),
        ("pod.restartPolicy=Sometimes", "--set pod.restartPolicy=Sometimes: pod.restartPolicy: expected one of Always, OnFailure, Never, got 'Sometimes'"),
    ])
    func rejectsValuesTheFieldDoesNotTake(text: String, message: String) {
        guard let e = loadError(minimalYAML, overrides: [text]) else { return }
        #expect(e.description == message)
    }

    @Test func setsEveryKindOfValue() throws {
        let s = try load(minimalYAML, overrides: [
            "pod.restartPolicy=Never", "pod.containers.app.lifecycle.stopSignal=SIGQUIT", "images.example/app:1.0.shell=busybox",
            "stop.0.delete.force=true", "pod.metadata.name=web-0", "programs./app/server.signals.SIGTERM.then=reraise",
        ]).scenario
        #expect(s.pod.restartPolicy == .never)
        #expect(s.pod.containers[0].stopSignal == .quit)
        #expect(s.images["example/app:1.0"]?.shell == .busybox)
        #expect(s.actions == [StopAction(at: 10_000, .delete(DeleteOptions(force: true)))])
        #expect(s.pod.name == "web-0")
        #expect(s.programs["/app/server"]?.signals[.term] == .handle(SignalHandlerSpec(cleanup: 3000, then: .reraise)))
    }

    @Test func replacesAnExistingValue() throws {
        let s = try load(minimalYAML, overrides: ["stop.0.at=12s"]).scenario
        #expect(s.actions == [StopAction(at: 12_000, .delete(DeleteOptions()))])
    }

    @Test func createsAMissingKey() throws {
        let s = try load(minimalYAML, overrides: ["pod.terminationGracePeriodSeconds=60", "stop.0.delete.gracePeriod=5"]).scenario
        #expect(s.pod.terminationGracePeriodSeconds == 60)
        #expect(s.actions == [StopAction(at: 10_000, .delete(DeleteOptions(gracePeriod: 5)))])
    }

    @Test func createsMissingMappingsAndFindsListItemsByName() throws {
        let s = try load(minimalYAML, overrides: ["pod.containers.app.lifecycle.preStop.sleep.seconds=5"]).scenario
        #expect(s.pod.containers[0].preStop == .sleep(seconds: 5))
        let byIndex = try load(minimalYAML, overrides: ["pod.containers.0.lifecycle.preStop.sleep.seconds=7"]).scenario
        #expect(byIndex.pod.containers[0].preStop == .sleep(seconds: 7))
    }

    @Test func keysMayContainSlashes() throws {
        let s = try load(minimalYAML, overrides: ["programs./app/server.signals.SIGTERM.cleanup=5s", "programs./app/server.runsFor=1m"]).scenario
        #expect(s.programs["/app/server"]?.signals[.term] == .handle(SignalHandlerSpec(cleanup: 5000, then: .exit(0))))
        #expect(s.programs["/app/server"]?.runsFor == 60_000)
    }

    @Test func theLongestKeyPresentWins() throws {
        let yaml = minimalYAML + "expect:\n  containers.app.exitCode: 0\n"
        let loaded = try load(yaml, overrides: ["expect.containers.app.exitCode=143"])
        #expect(loaded.expectations == [
            Expectation(figure: "containers.app.exitCode", comparison: .equals("143"), line: 19, column: 3),
        ])
    }

    @Test func laterOverridesWin() throws {
        let s = try load(minimalYAML, overrides: ["pod.terminationGracePeriodSeconds=60", "pod.terminationGracePeriodSeconds=5"]).scenario
        #expect(s.pod.terminationGracePeriodSeconds == 5)
    }

    @Test func anUnknownKeyIsReportedAgainstTheOverride() {
        guard let e = loadError(minimalYAML, overrides: ["pod.terminationGracePeriod=60"]) else { return }
        #expect(e.line == nil && e.column == nil)
        #expect(e.override == "pod.terminationGracePeriod=60")
        #expect(e.description.hasPrefix(
            "--set pod.terminationGracePeriod=60: unknown key 'terminationGracePeriod' in pod (did you mean 'terminationGracePeriodSeconds'?)"),
            "\(e)")
    }

    @Test func aValueTheFieldRejectsIsReportedAgainstTheOverride() {
        guard let e = loadError(minimalYAML, overrides: ["pod.terminationGracePeriodSeconds=5s"]) else { return }
        #expect(e.description == "--set pod.terminationGracePeriodSeconds=5s: pod.terminationGracePeriodSeconds: expected a whole number, got '5s'")
        guard let f = loadError(minimalYAML, overrides: ["stop.0.delete.force=1"]) else { return }
        #expect(f.description == "--set stop.0.delete.force=1: stop.0.delete.force: expected true or false, got '1'")
        guard let g = loadError(minimalYAML, overrides: ["pod=3"]) else { return }
        #expect(g.description.hasPrefix("--set pod=3: expected a mapping at pod"), "\(g)")
    }

    @Test func aValueThatBreaksACheckElsewhereIsReportedInTheFile() {
        // The override is valid; the sleep it makes too long is the file's, at its own line.
        let yaml = minimalYAML.replacingOccurrences(
            of: "      image: example/app:1.0\n",
            with: "      image: example/app:1.0\n      lifecycle: {preStop: {sleep: {seconds: 20}}}\n")
        guard let e = loadError(yaml, overrides: ["pod.terminationGracePeriodSeconds=10"]) else { return }
        #expect(e.line == 8, "\(e)")
        #expect(e.message.contains("20 is longer than the pod's terminationGracePeriodSeconds (10)"))
    }

    @Test func missingListItemsAreErrors() {
        guard let e = loadError(minimalYAML, overrides: ["stop.3.at=5s"]) else { return }
        #expect(e.description == "--set stop.3.at=5s: stop has 1 item (0 to 0); there is no item 3")
        guard let f = loadError(minimalYAML, overrides: ["pod.containers.ap.lifecycle.preStop.sleep.seconds=5"]) else { return }
        #expect(f.description == "--set pod.containers.ap.lifecycle.preStop.sleep.seconds=5: pod.containers has no item named 'ap' (did you mean 'app'?); it has: app")
    }

    @Test func cannotDescendIntoAValue() {
        guard let e = loadError(minimalYAML, overrides: ["stop.0.at.seconds=5"]) else { return }
        #expect(e.description == "--set stop.0.at.seconds=5: stop.0.at is a value, not a mapping or a list, so it has no 'seconds'")
    }
}
