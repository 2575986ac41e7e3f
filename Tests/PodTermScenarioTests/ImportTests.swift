import PodTerm
@testable import PodTermScenario
import Testing

/// Imports a manifest and loads the scenario; records the error otherwise.
func imported(_ yaml: String, workload: String? = nil, container: String? = nil,
              sourceLocation: SourceLocation = #_sourceLocation) throws -> (LoadedScenario, ImportedScenario) {
    do {
        return try ManifestImport.load(yaml: yaml, fileName: "deploy.yaml", workload: workload, container: container)
    } catch {
        Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// The error importing gives.
func importError(_ yaml: String, workload: String? = nil, container: String? = nil) -> ScenarioError? {
    do {
        _ = try ManifestImport.load(yaml: yaml, fileName: "deploy.yaml", workload: workload, container: container)
        return nil
    } catch { return error }
}

@Suite("Importing manifests")
struct ImportTests {
    @Test func kubectlGetOutputIgnoresStatusAndMetadata() throws {
        let (loaded, imp) = try imported(Manifests.kubectlGetDeployment)
        #expect(imp.workload == "Deployment/web")
        #expect(!imp.yaml.contains("managedFields"))
        #expect(!imp.yaml.contains("availableReplicas"))
        #expect(loaded.scenario.pod.name == "web")
        #expect(loaded.scenario.pod.containers.map(\.name) == ["app"])
        #expect(loaded.scenario.pod.containers[0].command == ["/bin/sh", "-c", "java -Xmx512m -jar /app/web.jar"])
        // A registry host and tag do not hide the image; the shell is dash, the app a JVM.
        #expect(loaded.scenario.images["registry.example.com/shop/web:2.4.1"]?.shell == .dash)
        #expect(loaded.scenario.programs["java"]?.preset == .jvm)
        #expect(loaded.scenario.network.consumers.map(\.name) == ["kube-proxy", "ingress-nginx"])
        #expect(loaded.scenario.actions.count == 1)
        // It runs, and the shell form shows: dash as PID 1 discards SIGTERM, so SIGKILL at 40 s.
        let t = try Simulator.run(loaded.scenario)
        #expect(t.outcome["containers.app.exitCode"] == .int(137))
        #expect(t.outcome["processes.app/java.received"] == .list(["SIGKILL"]))
    }

    @Test func everyGuessIsMarked() throws {
        let (_, imp) = try imported(Manifests.kubectlGetDeployment)
        for section in ["images:", "programs:", "network:", "workloads:", "stop:"] {
            let after = imp.yaml.components(separatedBy: "\n" + section + "\n")
            #expect(after.count == 2, "no \(section)")
            #expect(after.last?.hasPrefix("  # guessed: ") == true, "\(section) starts without a guess comment")
        }
        #expect(imp.guesses.count >= 5)
        #expect(imp.guesses.allSatisfy { $0.hasPrefix("guessed: ") })
    }

    @Test func aServiceBesideAStatefulSetIsSkippedAndTiniForwards() throws {
        let (loaded, imp) = try imported(Manifests.statefulSetWithService)
        #expect(imp.workload == "StatefulSet/indexer")
        #expect(loaded.scenario.pod.terminationGracePeriodSeconds == 60)
        #expect(loaded.scenario.images["eclipse-temurin:21-jre-alpine"]?.shell == .busybox)
        #expect(loaded.scenario.programs["java"]?.preset == .jvm)
        #expect(loaded.scenario.workloads.isEmpty)  // no port: nobody routes to it
        let t = try Simulator.run(loaded.scenario)
        #expect(t.outcome["processes.indexer/java.received"] == .list(["SIGTERM"]))
        #expect(t.outcome["containers.indexer.sigkilled"] == .bool(false))
    }

    @Test func aCronJobsEntrypointScriptRunsItsArgumentsWithoutExec() throws {
        let (loaded, _) = try imported(Manifests.cronJob)
        #expect(loaded.scenario.pod.restartPolicy == .onFailure)
        let script = try #require(loaded.scenario.programs["/entrypoint.sh"])
        #expect(script.script?.contains("\"$@\"") == true)
        #expect(script.script?.contains("exec") == false)
        #expect(loaded.scenario.programs["python"]?.preset == .python)
        let t = try Simulator.run(loaded.scenario)
        #expect(t.outcome["containers.report.sigkilled"] == .bool(true))
    }

    @Test func aJobKeepsItsNativeSidecarAndLeavesOutItsInitContainer() throws {
        let (loaded, imp) = try imported(Manifests.jobWithSidecar)
        #expect(loaded.scenario.pod.initContainers.map(\.name) == ["cloud-sql-proxy"])
        #expect(imp.yaml.contains("init container wait-for-db"))
        #expect(loaded.scenario.programs["node"]?.preset == .node)
        _ = try Simulator.run(loaded.scenario)
    }

    @Test func aListOfPodsNeedsAChoiceAndNamesThem() throws {
        let e = try #require(importError(Manifests.podList))
        #expect(e.message.contains("several workloads"))
        #expect(e.message.contains("Pod/web-7d9c-abcde"))
        #expect(e.message.contains("Pod/worker-5f6b-fghij"))
        #expect(e.message.contains("--workload"))
        let (byContainer, _) = try imported(Manifests.podList, container: "nginx")
        #expect(byContainer.scenario.pod.name == "web-7d9c-abcde")
        // The official nginx image: its entrypoint script execs nginx, and its STOPSIGNAL is SIGQUIT.
        #expect(byContainer.scenario.images["nginx:1.27"]?.stopSignal == .quit)
        #expect(byContainer.scenario.programs["nginx"]?.preset == .nginx)
        let (byName, _) = try imported(Manifests.podList, workload: "worker-5f6b-fghij")
        #expect(byName.scenario.pod.containers.map(\.name) == ["worker"])
        let t = try Simulator.run(byContainer.scenario)
        #expect(t.outcome["containers.nginx.stopSignal"] == .text("SIGQUIT"))
        #expect(t.outcome["processes.nginx/nginx.received"] == .list(["SIGQUIT"]))
    }

    @Test func aDaemonSetsEnvoyImageIsGuessedFromItsName() throws {
        let (loaded, _) = try imported(Manifests.daemonSetWithProxy)
        #expect(loaded.scenario.images["envoyproxy/envoy:v1.31-latest"]?.cmd == ["envoy", "-c", "/etc/envoy/envoy.yaml"])
        #expect(loaded.scenario.programs["envoy"] != nil)
        #expect(loaded.scenario.programs["/app/edge"] != nil)
        #expect(loaded.scenario.workloads.map(\.container) == ["app"])
        _ = try Simulator.run(loaded.scenario)
    }

    @Test func aReplicaSetOnAlpineIsImported() throws {
        let (loaded, _) = try imported(Manifests.replicaSet)
        #expect(loaded.scenario.images["node:20-alpine"]?.shell == .busybox)
        #expect(loaded.scenario.workloads.first?.program == "node")
        _ = try Simulator.run(loaded.scenario)
    }

    @Test func unknownKindsAndEmptyTemplatesAreClearErrors() throws {
        let rollout = "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec: {}\n"
        let e1 = try #require(importError(rollout))
        #expect(e1.line == 2)
        #expect(e1.message.contains("unknown kind 'Rollout'"))
        #expect(e1.message.contains("Deployment"))
        let empty = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: []\n"
        let e2 = try #require(importError(empty))
        #expect(e2.message.contains("Deployment/web: the pod template has no containers"))
        let service = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {}\n"
        #expect(importError(service)?.message.contains("no workload in the file (it has Service/web)") == true)
        #expect(importError(Manifests.podList, workload: "nope")?.message.contains("the file has: Pod/web-7d9c-abcde, Pod/worker-5f6b-fghij") == true)
    }

    @Test func manifestsAreToldFromScenarios() {
        #expect(ManifestImport.looksLikeManifest(Manifests.kubectlGetDeployment))
        #expect(ManifestImport.looksLikeManifest(Manifests.statefulSetWithService))
        #expect(!ManifestImport.looksLikeManifest(minimalYAML))
    }

    @Test func linesPointIntoTheManifest() throws {
        let (_, imp) = try imported(Manifests.statefulSetWithService)
        #expect(imp.line(for: "pod.containers.indexer.command") == 27)
        #expect(imp.line(for: "pod.terminationGracePeriodSeconds") == 23)
    }
}
