import Foundation
import Testing

let deployManifest = """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
            - name: app
              image: example/web:1.0
              command: ["/app/server"]
              ports: [{containerPort: 8080}]

    """

@Suite("podterm import and run on a manifest", .serialized)
struct ImportCLITests {
    @Test func runAcceptsAManifestDirectly() throws {
        let path = try PodtermBinary.tempScenario(deployManifest, name: "deploy.yaml")
        let r = try PodtermBinary.run(["run", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("kubectl delete pod web (grace 30s)"))
        #expect(r.stdout.contains("sends SIGTERM to PID 1 server[1]"))
    }

    @Test func importWritesAScenarioThatRuns() throws {
        let path = try PodtermBinary.tempScenario(deployManifest, name: "deploy.yaml")
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("scenario.yaml").path
        let r = try PodtermBinary.run(["import", path, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("wrote \(out) from Deployment/web"))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("# guessed: the app handles SIGTERM"))
        let run = try PodtermBinary.run(["run", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("damage: traffic.requests"))
    }

    @Test func aBadManifestIsExitStatusTwoWithItsLine() throws {
        let path = try PodtermBinary.tempScenario("apiVersion: v1\nkind: Frobnicator\nmetadata: {name: x}\n", name: "bad.yaml")
        let r = try PodtermBinary.run(["import", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.yaml:2:1: unknown kind 'Frobnicator'"))
    }
}
