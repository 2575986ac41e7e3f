import Foundation
@testable import PodTerm
import PodTermBuiltins
import PodTermScenario
import Testing

/// `podterm.timeline/v1` is printed without Foundation now (issue 9, item 7); it must stay byte
/// for byte what `JSONEncoder` printed (`TimelineJSONv1Reference`, the old renderer).
@Suite struct TimelineJSONv1Tests {
    @Test func everyBuiltinRendersAsJSONEncoderDid() throws {
        for b in BuiltinScenarios.all {
            let loaded = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
            let t = try Simulator.run(loaded.scenario)
            let new = TimelineJSONv1.render(t, file: b.fileName)
            let old = TimelineJSONv1Reference.render(t, file: b.fileName)
            #expect(new == old, "\(b.name): v1 JSON differs from JSONEncoder's")
            #expect(TimelineJSONv1.render(t) == TimelineJSONv1Reference.render(t), "\(b.name) without a file")
        }
    }

    /// Strings with every control character, quotes, backslashes, slashes and non-ASCII, and
    /// keys whose order depends on case and digits.
    @Test func oddStringsAndKeysRenderAsJSONEncoderDid() throws {
        let odd = "a\"b\\c/d\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}é→😀"
        var argv = ["/app/server", odd]
        argv += (0..<32).map { String(UnicodeScalar(UInt8($0))) }
        let scenario = Scenario(
            name: "odd \(odd)",
            pod: PodSpec(name: "Pod\u{2}", containers: [
                ContainerSpec(name: "app", command: argv),
                ContainerSpec(name: "App9", command: ["/app/server"]),
                ContainerSpec(name: "app10", command: ["/app/server"]),
            ]),
            programs: ["/app/server": ProgramSpec(children: [ChildSpec(command: ["/app/server2"]), ChildSpec(command: ["/app/server2"])]),
                       "/app/server2": ProgramSpec()],
            actions: [StopAction(at: 1000, .delete(DeleteOptions()))])
        let t = try Simulator.run(scenario)
        #expect(TimelineJSONv1.render(t, file: "f\u{3}.yaml") == TimelineJSONv1Reference.render(t, file: "f\u{3}.yaml"))
    }
}
