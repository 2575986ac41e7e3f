import PodTerm
import PodTermScenario

/// Timelines that show the event kinds no built-in scenario shows, so that the schema test
/// sees every kind: a delete that is ignored and one that brings the deadline forward, a run
/// cut at its horizon, a trap that waits for its foreground command, a script podterm's shell
/// cannot run, and a program that is not found.
enum RareKinds {
    static let deletes = """
        summary: Three deletes and a short horizon.
        story: The second delete asks for more grace and is ignored; the third shortens it.
        horizon: 5s
        pod:
          metadata: {name: web}
          terminationGracePeriodSeconds: 30
          containers:
            - name: app
              image: example/web:1.0
              command: ["/app/server"]
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 20s, exitCode: 0}
        stop:
          - at: 1s
            delete: {}
          - at: 2s
            delete: {gracePeriod: 60}
          - at: 3s
            delete: {gracePeriod: 10}

        """

    static let trap = """
        summary: A trap that waits for the foreground command.
        story: bash runs its TERM trap only once the batch job it waits for has ended.
        pod:
          metadata: {name: web}
          terminationGracePeriodSeconds: 30
          containers:
            - name: app
              image: example/web:1.0
              command: ["bash", "-c", "trap 'exit 7' TERM; /app/batch"]
        programs:
          /app/batch:
            runsFor: 20s
        stop:
          - at: 10s
            delete: {}

        """

    /// Each rare timeline with a name.
    static func timelines() throws -> [(name: String, timeline: Timeline)] {
        var deletes = try ScenarioLoader.load(yaml: deletes, fileName: "rare-deletes.yaml").scenario
        // A signal sent by hand to a process that is not there.
        deletes.actions.append(StopAction(at: 4_000, .kill(HandKill(target: ProcessTarget(container: "app", program: "server", occurrence: 2)))))
        let trap = try ScenarioLoader.load(yaml: trap, fileName: "rare-trap.yaml").scenario
        // The loader rejects these two scripts and commands up front; the engine still handles them.
        var scriptError = trap
        scriptError.pod.containers[0].command = ["sh", "-c", "/app/batch | tee /log"]
        var notFound = trap
        notFound.pod.containers[0].command = ["/app/no-such-program"]
        return [
            ("rare-deletes", try Simulator.run(deletes)),
            ("rare-trap", try Simulator.run(trap)),
            ("rare-script-error", try Simulator.run(scriptError)),
            ("rare-not-found", try Simulator.run(notFound)),
        ]
    }
}
