import Foundation
import PodTerm
import PodTermBuiltins
@testable import PodTermScenario
import Testing

@Suite struct DecodingTests {
    static let fullYAML = """
        name: full-example
        summary: Every section of the format.
        story: |
          A web pod with a proxy sidecar.
          It drains on SIGTERM.
        seed: 7
        kubernetes: 1.30
        horizon: 2m
        pod:
          metadata: {name: web, namespace: shop, labels: {app: web}}
          terminationGracePeriodSeconds: 45
          restartPolicy: Never
          initContainers:
            - name: proxy
              image: example/proxy:2
              restartPolicy: Always
          containers:
            - name: app
              image: example/app:1.0
              args: ["--port", "9090"]
              lifecycle:
                stopSignal: SIGUSR1
                postStart: {exec: {command: ["/bin/true"]}}
                preStop:
                  sleep: {seconds: 5}
            - name: worker
              command: ["/app/worker", "--queue", "jobs"]
              lifecycle:
                preStop:
                  httpGet: {path: /drain, port: admin, scheme: HTTP}
              ports:
                - {name: admin, containerPort: 9901}
        images:
          example/app:1.0:
            entrypoint: ["/app/server"]
            cmd: ["--port", "8080"]
            stopSignal: SIGQUIT
          example/proxy:2:
            entrypoint: exec envoy -c /etc/envoy.yaml
            stopSignal: 15
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 3s, exitCode: 0}
              SIGINT: ignore
              SIGHUP: {then: keepRunning}
              QUIT: {cleanup: 500ms, then: reraise}
              SIGUSR2: default
            reaps: all
            children:
              - command: ["/app/worker"]
                setsid: true
                startAfter: 1s
            http:
              /drain: {takes: 5s}
              /healthz: {takes: 10ms, status: 503}
          worker:
            runsFor: 1m30s
            exitCode: 3
            reaps: none
          sh: {}
        network:
          consumers:
            - {name: kube-proxy, delay: 1s}
            - {name: ingress, delay: 2.5s}
        stop:
          - at: 10s
            delete: {gracePeriod: 20, force: false}
          - at: 12s
            oomKill: {container: proxy}
        expect:
          containers.app.exitCode: 0
          pod: {deleteToGone: "<= 30s"}
        """

    @Test func decodesEverySectionOfAFullExample() throws {
        let loaded = try load(Self.fullYAML, file: "scenarios/full.yaml")
        let s = loaded.scenario
        #expect(loaded.fileName == "scenarios/full.yaml")
        #expect(s.name == "full-example")
        #expect(s.summary == "Every section of the format.")
        #expect(s.story == "A web pod with a proxy sidecar.\nIt drains on SIGTERM.\n")
        #expect(s.seed == 7)
        #expect(s.kubernetesVersion == KubernetesVersion(1, 30))  // the raw text, not the float 1.3
        #expect(s.horizon == 120_000)

        #expect(s.pod.name == "web")
        #expect(s.pod.terminationGracePeriodSeconds == 45)
        #expect(s.pod.restartPolicy == .never)
        #expect(s.pod.initContainers == [ContainerSpec(name: "proxy", image: "example/proxy:2", restartPolicy: .always)])
        #expect(s.pod.containers.count == 2)
        let app = s.pod.containers[0]
        #expect(app == ContainerSpec(
            name: "app", image: "example/app:1.0", args: ["--port", "9090"], preStop: .sleep(seconds: 5),
            stopSignal: .usr1))
        #expect(app.argv(image: s.images[app.image]) == ["/app/server", "--port", "9090"])
        let worker = s.pod.containers[1]
        #expect(worker.command == ["/app/worker", "--queue", "jobs"])
        #expect(worker.image == "")
        #expect(worker.preStop == .httpGet(path: "/drain", port: 9901))

        #expect(s.images["example/app:1.0"] == ImageSpec(
            entrypoint: ["/app/server"], cmd: ["--port", "8080"], stopSignal: .quit))
        #expect(s.images["example/proxy:2"] == ImageSpec(
            entrypoint: ["/bin/sh", "-c", "exec envoy -c /etc/envoy.yaml"], stopSignal: .term))

        let server = try #require(s.programs["/app/server"])
        #expect(server.signals[.term] == .handle(SignalHandlerSpec(cleanup: 3000, then: .exit(0))))
        #expect(server.signals[.int] == .ignore)
        #expect(server.signals[.hup] == .handle(SignalHandlerSpec(cleanup: 0, then: .keepRunning)))
        #expect(server.signals[.quit] == .handle(SignalHandlerSpec(cleanup: 500, then: .reraise)))
        #expect(server.signals[.usr2] == .default)
        #expect(server.signals.count == 5)
        #expect(server.reaps == .all)
        #expect(server.runsFor == nil)
        #expect(server.children == [ChildSpec(command: ["/app/worker"], setsid: true, startAfter: 1000)])
        #expect(server.http["/drain"] == HTTPRoute(takes: 5000, status: 200))
        #expect(server.http["/healthz"] == HTTPRoute(takes: 10, status: 503))
        #expect(s.programs["worker"] == ProgramSpec(runsFor: 90_000, exitCode: 3, reaps: .none))
        #expect(s.programs["sh"] == ProgramSpec())

        #expect(s.network.consumers == [
            EndpointConsumer(name: "kube-proxy", delay: 1000), EndpointConsumer(name: "ingress", delay: 2500),
        ])
        #expect(s.actions == [
            StopAction(at: 10_000, .delete(DeleteOptions(gracePeriod: 20, force: false, now: false))),
            StopAction(at: 12_000, .oomKill(container: "proxy")),
        ])
        #expect(loaded.expectations == [
            Expectation(figure: "containers.app.exitCode", comparison: .equals("0"), line: 72, column: 3),
            Expectation(figure: "pod.deleteToGone", comparison: .lessOrEqual("30s"), line: 73, column: 9),
        ])
    }

    @Test func appliesDefaults() throws {
        let s = try load(minimalYAML, file: "some/dir/app-handles-sigterm.yaml").scenario
        #expect(s.name == "app-handles-sigterm")
        #expect(s.seed == 1)
        #expect(s.kubernetesVersion == .current)
        #expect(s.horizon == 600_000)
        #expect(s.pod.name == "pod")
        #expect(s.pod.terminationGracePeriodSeconds == 30)
        #expect(s.pod.restartPolicy == .always)
        #expect(s.pod.initContainers.isEmpty)
        #expect(s.network == NetworkSpec())
        #expect(s.actions == [StopAction(at: 10_000, .delete(DeleteOptions()))])
        #expect(s.programs["/app/server"]?.reaps == .ownChildren)
        #expect(s.programs["/app/server"]?.exitCode == 0)
    }

    @Test(arguments: [("\"1.30\"", KubernetesVersion(1, 30)), ("1.27", KubernetesVersion(1, 27)),
                      ("v1.28.3", KubernetesVersion(1, 28)), ("1.34", KubernetesVersion(1, 34))])
    func readsTheKubernetesVersionAsWritten(text: String, version: KubernetesVersion) throws {
        let s = try load("kubernetes: \(text)\n" + minimalYAML).scenario
        #expect(s.kubernetesVersion == version)
    }

    @Test func anEmptyDeleteMeansAPlainDelete() throws {
        let yaml = minimalYAML.replacingOccurrences(of: "delete: {}", with: "delete:")
        #expect(try load(yaml).scenario.actions == [StopAction(at: 10_000, .delete(DeleteOptions()))])
        let now = minimalYAML.replacingOccurrences(of: "delete: {}", with: "delete: {now: true, force: yes}")
        #expect(try load(now).scenario.actions == [StopAction(at: 10_000, .delete(DeleteOptions(force: true, now: true)))])
    }

    @Test func acceptsAndIgnoresManifestFieldsThatDoNotAffectStopping() throws {
        let yaml = """
            summary: Pasted from a real manifest.
            story: The container part comes straight from kubectl get pod -o yaml.
            pod:
              metadata:
                name: web-7d9f
                labels: {app: web}
                annotations: {team: shop}
              serviceAccountName: web
              nodeSelector: {kubernetes.io/os: linux}
              tolerations: [{key: dedicated, operator: Exists}]
              affinity: {podAntiAffinity: {}}
              securityContext: {runAsNonRoot: true}
              imagePullSecrets: [{name: regcred}]
              dnsPolicy: ClusterFirst
              hostname: web
              priorityClassName: high
              schedulerName: default-scheduler
              enableServiceLinks: false
              shareProcessNamespace: false
              volumes:
                - name: config
                  configMap: {name: web-config}
              containers:
                - name: app
                  image: example/app:1.0
                  imagePullPolicy: IfNotPresent
                  ports:
                    - containerPort: 8080
                      name: http
                      protocol: TCP
                  env:
                    - {name: LOG_LEVEL, value: debug}
                  envFrom: [{configMapRef: {name: web-env}}]
                  resources:
                    requests: {cpu: 100m, memory: 128Mi}
                    limits: {memory: 256Mi}
                  readinessProbe:
                    httpGet: {path: /ready, port: http}
                    periodSeconds: 5
                  livenessProbe: {tcpSocket: {port: 8080}}
                  startupProbe: {exec: {command: [cat, /tmp/ready]}}
                  volumeMounts: [{name: config, mountPath: /etc/app}]
                  volumeDevices: []
                  securityContext: {readOnlyRootFilesystem: true}
                  workingDir: /app
                  terminationMessagePath: /dev/termination-log
                  terminationMessagePolicy: File
                  stdin: false
                  stdinOnce: false
                  tty: false
                  resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]
            images:
              example/app:1.0: {entrypoint: [/app/server]}
            programs:
              /app/server: {}
            """
        let s = try load(yaml).scenario
        #expect(s.pod.name == "web-7d9f")
        #expect(s.pod.containers == [ContainerSpec(name: "app", image: "example/app:1.0")])
    }

    @Test func aProgramCanBeNamedByBaseNameAndSleepIsKnown() throws {
        let yaml = """
            summary: s
            story: s
            pod:
              containers:
                - name: app
                  command: [/usr/local/bin/server]
                  lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}
            programs:
              server: {}
            """
        let s = try load(yaml).scenario
        #expect(s.pod.containers[0].preStop == .exec(command: ["sleep", "5"]))
    }

    @Test func theDecodedScenarioRunsAndItsExpectationsAreChecked() throws {
        let yaml = minimalYAML + """
            expect:
              containers.app.exitCode: 0
              pod.deleteToGone: 3s
              processes: {app/server: {received: [SIGTERM]}}
            """
        let loaded = try load(yaml)
        let report = loaded.check(try Simulator.run(loaded.scenario))
        #expect(report.results.count == 3)
        #expect(report.allPassed, "\(report.failures.map(\.message))")
    }

    @Test func loadsAFileFromDisk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("podterm-\(UUID().uuidString).yaml").path
        try minimalYAML.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try ScenarioLoader.load(file: path)
        #expect(loaded.fileName == path)
        #expect(loaded.scenario.name == ScenarioDecoding.defaultName(path))
        #expect(!loaded.scenario.name.hasSuffix(".yaml"))
    }

    @Test func everyBuiltInScenarioLoads() {
        for b in BuiltinScenarios.all {
            do {
                _ = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
