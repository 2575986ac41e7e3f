/// Scenarios made to order, for tests and benchmarks that need a timeline of a given size.
public enum GeneratedScenarios {
    /// A pod whose PID 1 starts `children` children (`sleep 30`) and is deleted at 500 ms: every
    /// child is started, SIGKILLed by the kernel when PID 1 exits, and reaped, so the timeline
    /// grows by about four events per child.
    public static func wideTree(children: Int) -> String {
        var yaml = """
            summary: PID 1 with \(children) children, deleted at 500 ms.
            story: PID 1 starts many children; all die with it.
            pod:
              metadata: {name: tree}
              terminationGracePeriodSeconds: 2
              containers:
                - name: app
                  image: example/tree:1.0
                  command: ["/app/server"]
            programs:
              /app/server:
                signals:
                  SIGTERM: {cleanup: 100ms, exitCode: 0}
                children:

            """
        for _ in 0..<children { yaml += "      - command: [\"sleep\", \"30\"]\n" }
        yaml += "stop:\n  - at: 500ms\n    delete: {}\n"
        return yaml
    }
}
