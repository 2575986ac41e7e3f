import PodTerm
import PodTermScenario

/// Small scenarios written out in full, each showing one way a stop goes wrong.
enum Scenarios {
    /// Loads and runs `yaml`.
    static func run(_ yaml: String, _ overrides: [String] = []) throws -> Timeline {
        let loaded = try ScenarioLoader.load(yaml: yaml, fileName: "test.yaml", overrides: overrides.map { try Override(parsing: $0) })
        return try Simulator.run(loaded.scenario)
    }

    /// A server with no SIGTERM handler as PID 1, deleted at 10 s: SIGKILL at 40 s, exit 137.
    static let noHandler = """
        summary: A test.
        story: A test.
        pod:
          containers:
            - {name: app, image: example/web:1.0, command: ["/app/server"]}
        programs:
          /app/server: {}
        stop:
          - at: 10s
            delete: {}
        expect:
          containers.app.exitCode: 0
        """

    /// A shell-form CMD: dash stays PID 1 and never passes SIGTERM to the server it forked.
    static let shellForm = """
        summary: A test.
        story: A test.
        pod:
          terminationGracePeriodSeconds: 2
          containers:
            - {name: app, image: example/web:1.0}
        images:
          example/web:1.0: {cmd: "/app/server"}
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 300ms, exitCode: 0}
        stop:
          - at: 500ms
            delete: {}
        """

    /// A handler whose cleanup (35 s) outlasts the grace (30 s).
    static let slowCleanup = """
        summary: A test.
        story: A test.
        pod:
          containers:
            - {name: app, image: example/web:1.0, command: ["/app/server"]}
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 35s, exitCode: 0}
        stop:
          - at: 10s
            delete: {}
        """

    /// A preStop hook that takes the whole grace: SIGTERM comes with the 2 s minimum left.
    static let preStopOverrun = """
        summary: A test.
        story: A test.
        pod:
          terminationGracePeriodSeconds: 10
          containers:
            - name: app
              image: example/web:1.0
              command: ["/app/server"]
              lifecycle:
                preStop:
                  exec: {command: ["sleep", "60"]}
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 5s, exitCode: 0}
        stop:
          - at: 0s
            delete: {}
        """

    /// The OOM killer at 20 s.
    static let oom = """
        summary: A test.
        story: A test.
        pod:
          restartPolicy: Never
          containers:
            - {name: app, image: example/web:1.0, command: ["/app/server"]}
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 1s, exitCode: 0}
        stop:
          - at: 20s
            oomKill: {container: app}
        """

    /// A server that closes its listener on SIGTERM while the ingress still routes to it.
    static let refused = """
        summary: A test.
        story: A test.
        pod:
          containers:
            - {name: app, image: example/web:1.0, command: ["/app/server"]}
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 2s, exitCode: 0}
        network:
          consumers:
            - {name: kube-proxy, delay: 1s}
            - {name: ingress-nginx, delay: 3s}
        workloads:
          - {name: web, container: app, http: {rate: 100, serviceTime: 50ms}}
        stop:
          - at: 10s
            delete: {}
        """

    /// tini forwards SIGTERM to a server that inherited SIG_IGN for it, and to its worker.
    static let ignoredUnderTini = """
        summary: A test.
        story: A test.
        pod:
          terminationGracePeriodSeconds: 2
          containers:
            - {name: app, image: example/web:1.0, command: ["tini", "-g", "--", "/app/server"]}
        programs:
          /app/server:
            signals:
              SIGTERM: ignore
            children:
              - command: ["/app/worker"]
          /app/worker: {}
        stop:
          - at: 500ms
            delete: {}
        """

    /// PID 1 re-raises SIGTERM after its cleanup: the kernel discards it.
    static let reraiseAsPID1 = """
        summary: A test.
        story: A test.
        pod:
          terminationGracePeriodSeconds: 2
          containers:
            - {name: app, image: example/web:1.0, command: ["/app/server"]}
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 200ms, then: reraise}
        stop:
          - at: 500ms
            delete: {}
        """

    /// The OOM killer kills one worker; PID 1 exits 0 later, and the reason stays OOMKilled.
    static let oomOneProcess = """
        summary: A test.
        story: A test.
        pod:
          containers:
            - {name: app, image: example/jobs:1.0, command: ["/app/supervisor"]}
        programs:
          /app/supervisor:
            signals:
              SIGTERM: {cleanup: 0s, exitCode: 0}
            children:
              - command: ["/app/worker"]
          /app/worker: {}
        stop:
          - at: 5s
            oomKill: {container: app, process: worker}
          - at: 10s
            delete: {}
        """
}
