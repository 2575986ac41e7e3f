import PodTerm
@testable import PodTermScenario
import Testing

/// A Deployment of one container, with `container` as the container's lines (indented 8).
func deployment(_ container: String, grace: Int = 30, extra: String = "") -> String {
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          terminationGracePeriodSeconds: \(grace)
          containers:
            - name: app
    \(container.split(separator: "\n").map { "          " + $0 }.joined(separator: "\n"))
    \(extra)
    """
}

/// The ids of the checks that fire on a manifest or a scenario.
func lintChecks(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
    let loaded = ManifestImport.looksLikeManifest(yaml)
        ? try imported(yaml, sourceLocation: sourceLocation).0
        : try load(yaml, sourceLocation: sourceLocation)
    return ShutdownLint.findings(loaded.scenario, try Simulator.run(loaded.scenario)).map(\.check)
}

@Suite("Lint: shutdown risks")
struct LintTests {
    @Test func shellFormOnADebianImage() throws {
        let risky = deployment("image: eclipse-temurin:21-jre\ncommand: [\"sh\", \"-c\", \"java -jar /app/web.jar\"]")
        #expect(try lintChecks(risky) == ["shell-form-pid1"])
        let exec = deployment("image: eclipse-temurin:21-jre\ncommand: [\"java\", \"-jar\", \"/app/web.jar\"]")
        #expect(try lintChecks(exec).isEmpty)
        // busybox's sh execs the last command itself.
        let alpine = deployment("image: eclipse-temurin:21-jre-alpine\ncommand: [\"sh\", \"-c\", \"java -jar /app/web.jar\"]")
        #expect(try lintChecks(alpine).isEmpty)
    }

    @Test func entrypointScriptWithoutExec() throws {
        let risky = deployment("image: example/indexer:4.2\ncommand: [\"/entrypoint.sh\", \"java\", \"-jar\", \"app.jar\"]")
        #expect(try lintChecks(risky) == ["script-no-exec"])
        let exec = deployment("image: example/indexer:4.2\ncommand: [\"/docker-entrypoint.sh\", \"java\", \"-jar\", \"app.jar\"]")
        #expect(try lintChecks(exec).isEmpty)
    }

    @Test func preStopShorterThanTheSlowestConsumer() throws {
        let risky = deployment("image: example/web:1.0\ncommand: [\"/app/server\"]\nports: [{containerPort: 8080}]")
        #expect(try lintChecks(risky) == ["prestop-shorter-than-consumers"])
        let (loaded, _) = try imported(risky)
        let f = ShutdownLint.findings(loaded.scenario, try Simulator.run(loaded.scenario))
        // 3 s of ingress-nginx and 1 s of kube-proxy at 100/s each, all refused: 400.
        #expect(f.first?.message.contains("400 requests refused at 100/s") == true)
        #expect(f.first?.fix.contains("seconds: 3") == true)
        let slept = deployment("image: example/web:1.0\ncommand: [\"/app/server\"]\nports: [{containerPort: 8080}]\nlifecycle: {preStop: {sleep: {seconds: 5}}}")
        #expect(try lintChecks(slept).isEmpty)
    }

    static func slowShutdown(grace: Int) -> String {
        minimalYAML.replacingOccurrences(of: "cleanup: 3s", with: "cleanup: 10s")
            .replacingOccurrences(of: "pod:\n", with: "pod:\n  terminationGracePeriodSeconds: \(grace)\n")
    }

    @Test func graceShorterThanTheShutdown() throws {
        #expect(try lintChecks(Self.slowShutdown(grace: 5)) == ["grace-shorter-than-shutdown"])
        #expect(try lintChecks(Self.slowShutdown(grace: 30)).isEmpty)
        let loaded = try load(Self.slowShutdown(grace: 5))
        let f = ShutdownLint.findings(loaded.scenario, try Simulator.run(loaded.scenario))
        #expect(f.first?.message.contains("SIGKILL at 15s") == true)
        #expect(f.first?.message.contains("need 10s") == true)
    }

    @Test func nginxStoppedWithSIGTERM() throws {
        let risky = deployment("image: example/nginx-custom:1\ncommand: [\"nginx\", \"-g\", \"daemon off;\"]")
        #expect(try lintChecks(risky) == ["nginx-sigterm"])
        // The official image says STOPSIGNAL SIGQUIT.
        let official = deployment("image: nginx:1.27\ncommand: [\"nginx\", \"-g\", \"daemon off;\"]")
        #expect(try lintChecks(official).isEmpty)
    }

    @Test func proxyThatIsNotANativeSidecar() throws {
        let app = "image: example/edge:3.1\ncommand: [\"/app/edge\"]"
        let ordinary = deployment(app, extra: "        - name: envoy\n          image: envoyproxy/envoy:v1.31-latest")
        #expect(try lintChecks(ordinary) == ["proxy-not-native-sidecar"])
        let native = deployment(app, extra: "      initContainers:\n        - name: envoy\n          image: envoyproxy/envoy:v1.31-latest\n          restartPolicy: Always")
        #expect(try lintChecks(native).isEmpty)
    }

    @Test func preStopSleepAsLongAsTheGrace() throws {
        let risky = deployment("image: example/web:1.0\ncommand: [\"/app/server\"]\nlifecycle: {preStop: {exec: {command: [\"sh\", \"-c\", \"sleep 30\"]}}}")
        #expect(try lintChecks(risky) == ["prestop-longer-than-grace"])
        let short = deployment("image: example/web:1.0\ncommand: [\"/app/server\"]\nlifecycle: {preStop: {exec: {command: [\"sh\", \"-c\", \"sleep 5\"]}}}")
        #expect(try lintChecks(short).isEmpty)
    }

    @Test func everyCheckIsListed() {
        #expect(LintChecks.all.map(\.id) == [
            "shell-form-pid1", "script-no-exec", "prestop-shorter-than-consumers", "grace-shorter-than-shutdown",
            "nginx-sigterm", "proxy-not-native-sidecar", "prestop-longer-than-grace",
        ])
    }
}
