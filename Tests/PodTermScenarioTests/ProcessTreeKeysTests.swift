import PodTerm
@testable import PodTermScenario
import Testing

@Suite("process-tree keys in scenario files")
struct ProcessTreeKeysTests {
    let busyboxImage = """
        summary: s
        story: s
        images:
          alpine-app: {shell: busybox, cmd: "setup; java -jar app.jar"}
        pod:
          containers:
            - {name: app, image: alpine-app}
        programs:
          setup: {runsFor: 1s}
          java: {preset: jvm, presetCleanup: 2s}
        stop:
          - at: 5s
            delete: {}

        """

    @Test func imageShellAndPresetDecodeAndDecideWhoIsPid1() throws {
        let loaded = try ScenarioLoader.load(yaml: busyboxImage, fileName: "b.yaml")
        #expect(loaded.scenario.images["alpine-app"]?.shell == .busybox)
        #expect(loaded.scenario.programs["java"]?.preset == .jvm)
        #expect(loaded.scenario.programs["java"]?.presetCleanup == 2_000)
        let t = try Simulator.run(loaded.scenario)
        // busybox execs the last command, so the JVM is PID 1 and runs its shutdown hooks.
        #expect(t.outcome["processes.app/java.received"] == .list(["SIGTERM"]))
        #expect(t.outcome["containers.app.exitCode"] == .int(143))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(7_000))
    }

    @Test func aProcessIsNamedByTheProgramItRanAtEachEvent() throws {
        let t = try Simulator.run(try ScenarioLoader.load(yaml: busyboxImage, fileName: "b.yaml").scenario)
        let text = TimelineText().render(t)
        #expect(text.contains("starts sh[1]: /bin/sh -c setup; java -jar app.jar"))
        #expect(text.contains("sh[1]       app        execs java -jar app.jar"))
        #expect(text.contains("sends SIGTERM to PID 1 java[1]"))
    }

    @Test func unsupportedShellSyntaxIsRefusedWithItsLocation() {
        let yaml = busyboxImage.replacingOccurrences(of: "setup; java", with: "setup | java")
        #expect {
            try ScenarioLoader.load(yaml: yaml, fileName: "b.yaml")
        } throws: { e in
            let d = String(describing: e)
            return d.hasPrefix("b.yaml:4:") && d.contains("pipelines (|) are not modelled")
        }
    }

    @Test func supervisordSectionDecodes() throws {
        let yaml = """
            summary: s
            story: s
            pod:
              containers:
                - {name: app, image: x, command: [supervisord, -n, -c, /etc/supervisord.conf]}
            programs:
              supervisord:
                supervisord:
                  pollPhase: 300ms
                  programs:
                    - {name: web, command: [/app/web], stopsignal: QUIT, stopwaitsecs: 5, stopasgroup: true}
              /app/web: {}

            """
        let s = try ScenarioLoader.load(yaml: yaml, fileName: "s.yaml").scenario
        let sv = try #require(s.programs["supervisord"]?.supervisord)
        #expect(sv.pollPhase == 300)
        #expect(sv.programs == [SupervisedProgram(name: "web", command: ["/app/web"], stopSignal: .quit, stopWaitSecs: 5, stopAsGroup: true)])
    }

    /// `redirect_stderr` and a child's `closes:` (who holds supervisord's pipes), and a wrong
    /// stream named at its place.
    @Test func pipeHoldersDecode() throws {
        let yaml = """
            summary: s
            story: s
            pod:
              containers:
                - {name: app, image: x, command: [supervisord, -n]}
            programs:
              supervisord:
                supervisord:
                  programs:
                    - {name: web, command: [/app/web], redirect_stderr: true}
              /app/web:
                children:
                  - {command: [/app/helper], closes: [stderr]}
              /app/helper: {}

            """
        let s = try ScenarioLoader.load(yaml: yaml, fileName: "s.yaml").scenario
        #expect(s.programs["supervisord"]?.supervisord?.programs.first?.redirectStderr == true)
        #expect(s.programs["/app/web"]?.children.first?.closes == [.stderr])
        let bad = yaml.replacingOccurrences(of: "closes: [stderr]", with: "closes: [stdin]")
        #expect {
            try ScenarioLoader.load(yaml: bad, fileName: "s.yaml")
        } throws: { e in String(describing: e).contains("s.yaml:13:43: programs./app/web.children.0.closes: 'stdin' is not a stream; expected stdout or stderr") }
    }

    @Test func badValuesNameTheirPlace() {
        let yaml = busyboxImage.replacingOccurrences(of: "shell: busybox", with: "shell: zsh")
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(yaml: yaml, fileName: "b.yaml") }
        let preset = busyboxImage.replacingOccurrences(of: "preset: jvm, ", with: "")
        #expect {
            try ScenarioLoader.load(yaml: preset, fileName: "b.yaml")
        } throws: { e in String(describing: e).contains("presetCleanup: applies to a preset's handlers") }
    }
}
