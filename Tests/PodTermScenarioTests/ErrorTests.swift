import Foundation
import PodTerm
@testable import PodTermScenario
import Testing

/// Every error names the place (file:line:column) and says what is wrong and what was expected.
@Suite struct ErrorTests {
    @Test func malformedYAMLReportsTheParsersPosition() {
        expectError("summary: a: b\nstory: s\n", line: 1, column: 11, contains: "malformed YAML: mapping values are not allowed")
        let unclosed = "summary: s\nstory: [a, b\npod: {}\n"
        guard let e = loadError(unclosed) else { return }
        #expect(e.message.hasPrefix("malformed YAML: "))
        #expect(e.line == 4 || e.line == 3, "\(e)")
    }

    @Test func anUnquotedComparisonGetsAHint() {
        let yaml = minimalYAML + "expect:\n  pod.deleteToGone: >= 5s\n"
        guard let e = loadError(yaml) else { return }
        #expect(e.message.contains("malformed YAML"), "\(e)")
        #expect(e.message.contains("must be quoted, e.g. \">= 5s\""), "\(e)")
    }

    @Test func duplicateKeysAreRejectedAtTheSecondOne() {
        let yaml = minimal(replacing: "    delete: {}", with: "    delete: {}\n    at: 12s")
        expectError(yaml, at: "at: 12s", contains: "duplicate key 'at' (first at line 16)")
    }

    @Test func anEmptyFileIsAnError() {
        expectError("", line: 1, column: 1, contains: "the file is empty")
        expectError("# only a comment\n", line: 1, column: 1, contains: "the file is empty")
    }

    @Test func theTopLevelMustBeAMapping() {
        expectError("- a\n- b\n", line: 1, column: 1, contains: "expected a mapping at the top level")
    }

    @Test func wrongTypes() {
        let grace = minimal(replacing: "pod:\n", with: "pod:\n  terminationGracePeriodSeconds: abc\n")
        expectError(grace, at: "abc", contains: "pod.terminationGracePeriodSeconds: expected a whole number, got 'abc'")
        let negative = minimal(replacing: "pod:\n", with: "pod:\n  terminationGracePeriodSeconds: -5\n")
        expectError(negative, at: "-5", contains: "expected a whole number from 0 to 31536000, got '-5'")
        let deleteGrace = minimal(replacing: "delete: {}", with: "delete: {gracePeriod: soon}")
        expectError(deleteGrace, at: "soon", contains: "stop.0.delete.gracePeriod: expected a whole number, got 'soon'")
        let seed = "seed: [1]\n" + minimalYAML
        expectError(seed, line: 1, column: 7, contains: "seed: expected a whole number from 0 to 18446744073709551615 (2^64−1), got a list")
        let command = minimal(replacing: "      image: example/app:1.0\n", with: "      image: example/app:1.0\n      command: /app/server\n")
        expectError(command, line: 8, column: 16, contains: "pod.containers.app.command: expected a list of strings")
        let force = minimal(replacing: "delete: {}", with: "delete: {force: maybe}")
        expectError(force, at: "maybe", contains: "expected true or false, got 'maybe'")
        let policy = minimal(replacing: "pod:\n", with: "pod:\n  restartPolicy: always\n")
        expectError(policy, at: "always", contains: "expected one of Always, OnFailure, Never, got 'always' (did you mean 'Always'?)")
        let version = "kubernetes: latest\n" + minimalYAML
        expectError(version, at: "latest", contains: "expected a Kubernetes version like 1.33, got 'latest'")
    }

    @Test func unknownKeysSuggestTheNearestValidKey() {
        let yaml = minimal(replacing: "      image: example/app:1.0\n", with: "      image: example/app:1.0\n      comand: [/app/server]\n")
        expectError(yaml, at: "comand", contains: "unknown key 'comand' in pod.containers.app (did you mean 'command'?); expected one of: name, image, command, args, lifecycle")
        let grace = minimal(replacing: "pod:\n", with: "pod:\n  terminationGracePeriod: 5\n")
        expectError(grace, at: "terminationGracePeriod", contains: "unknown key 'terminationGracePeriod' in pod (did you mean 'terminationGracePeriodSeconds'?)")
        let cleanup = minimal(replacing: "{cleanup: 3s", with: "{Cleanup: 3s")
        expectError(cleanup, at: "Cleanup", contains: "in programs./app/server.signals.SIGTERM (did you mean 'cleanup'?)")
    }

    @Test func unknownKeysFarFromAnyValidKeyListTheValidOnes() {
        let yaml = minimalYAML + "colour: blue\n"
        expectError(yaml, at: "colour", contains: "unknown key 'colour' in the top level; expected one of: name, summary, story, seed, kubernetes, horizon, pod, images, programs, network, stop, expect")
        guard let e = loadError(yaml) else { return }
        #expect(!e.message.contains("did you mean"))
    }

    @Test func aPastedManifestGetsAHint() {
        let yaml = minimal(replacing: "pod:\n  containers:", with: "pod:\n  spec:\n   containers:")
        expectError(yaml, at: "spec", contains: "pod holds the fields of a Pod's spec directly")
    }

    @Test func negativeOrMalformedDurations() {
        expectError(minimal(replacing: "at: 10s", with: "at: -3s"), at: "-3s",
                    contains: "stop.0.at: expected a duration like 500ms, 5s or 2m, got '-3s'")
        expectError(minimal(replacing: "cleanup: 3s", with: "cleanup: 3 seconds"), at: "3 seconds",
                    contains: "expected a duration like 500ms, 5s or 2m, got '3 seconds'")
        expectError("horizon: 0s\n" + minimalYAML, line: 1, column: 10, contains: "horizon: expected a duration from 1ms to 8760h (365 days), got '0s'")
    }

    @Test func missingRequiredKeys() {
        let noSummary = minimalYAML.replacingOccurrences(of: "summary: An app that handles SIGTERM.\n", with: "")
        expectError(noSummary, line: 1, column: 1, contains: "missing key 'summary' in the top level")
        let emptyStory = minimal(replacing: "story: |\n  The app drains for three seconds and exits 0.", with: "story: \"  \"")
        expectError(emptyStory, at: "\"  \"", contains: "story must not be empty")
        let noContainers = minimal(replacing: "  containers:\n    - name: app\n      image: example/app:1.0\n", with: "  containers: []\n")
        expectError(noContainers, at: "[]", contains: "pod.containers: a pod needs at least one container")
        let noAt = minimal(replacing: "  - at: 10s\n    delete: {}", with: "  - delete: {}")
        expectError(noAt, at: "delete: {}", contains: "missing key 'at' in stop.0")
    }

    @Test func oomKillMustNameAnExistingContainer() {
        let yaml = minimal(replacing: "delete: {}", with: "oomKill: {container: ap}")
        expectError(yaml, at: "ap}", contains: "stop.0.oomKill.container: no container named 'ap' (did you mean 'app'?); the pod has: app")
    }

    @Test func signalsMustExistAndBeCatchable() {
        expectError(minimal(replacing: "SIGTERM: {cleanup", with: "SIGTREM: {cleanup"), at: "SIGTREM",
                    contains: "unknown signal 'SIGTREM' (did you mean 'SIGTERM'?)")
        expectError(minimal(replacing: "SIGTERM: {cleanup", with: "SIGKILL: {cleanup"), at: "SIGKILL",
                    contains: "SIGKILL cannot be caught or ignored (the kernel refuses: kernel.uncatchable)")
        expectError(minimal(replacing: "SIGTERM: {cleanup: 3s, exitCode: 0}", with: "SIGSTOP: ignore"), at: "SIGSTOP",
                    contains: "SIGSTOP cannot be caught or ignored")
        expectError(minimal(replacing: "SIGTERM: {cleanup: 3s, exitCode: 0}", with: "SIGTERM: ignore\n      TERM: default"),
                    at: "TERM: default", contains: "SIGTERM is given twice (as 'SIGTERM' and 'TERM')")
        expectError(minimal(replacing: "SIGTERM: {cleanup: 3s, exitCode: 0}", with: "SIGTERM: ignored"), at: "ignored",
                    contains: "expected ignore, default, or a handler like {cleanup: 3s, exitCode: 0}, got 'ignored' (did you mean 'ignore'?)")
        let stop = minimal(replacing: "      image: example/app:1.0\n", with: "      image: example/app:1.0\n      lifecycle: {stopSignal: SIGFOO}\n")
        expectError(stop, at: "SIGFOO", contains: "unknown signal 'SIGFOO'")
    }

    @Test func aStopSignalOfSIGKILLIsAllowed() throws {
        let yaml = minimal(replacing: "entrypoint: [\"/app/server\"]", with: "entrypoint: [\"/app/server\"]\n    stopSignal: SIGKILL")
        #expect(try load(yaml).scenario.images["example/app:1.0"]?.stopSignal == .kill)
    }

    @Test func handlerEndings() {
        expectError(minimal(replacing: "{cleanup: 3s, exitCode: 0}", with: "{then: keepRunning, exitCode: 0}"), at: "exitCode: 0}",
                    contains: "exitCode cannot go with then: keepRunning")
        expectError(minimal(replacing: "{cleanup: 3s, exitCode: 0}", with: "{exitCode: 2, then: reraise}"), at: "exitCode: 2",
                    contains: "exitCode cannot go with then: reraise")
        expectError(minimal(replacing: "{cleanup: 3s, exitCode: 0}", with: "{then: stop}"), at: "stop}",
                    contains: "expected one of exit, keepRunning, reraise, got 'stop'")
        expectError(minimal(replacing: "exitCode: 0}", with: "exitCode: 300}"), at: "300",
                    contains: "expected a whole number from 0 to 255, got '300'")
    }

    @Test func unknownProgramsAreNamed() {
        let yaml = minimal(replacing: "entrypoint: [\"/app/server\"]", with: "entrypoint: [\"/app/sever\"]")
        expectError(yaml, at: "[\"/app/sever\"]",
                    contains: "container app runs /app/sever: no program 'sever' (from /app/sever): declare it under programs: by path or by name (did you mean '/app/server'?)")
        let hook = minimal(replacing: "      image: example/app:1.0\n", with: "      image: example/app:1.0\n      lifecycle:\n        preStop:\n          exec: {command: [/bin/drain]}\n")
        expectError(hook, at: "[/bin/drain]", contains: "the preStop hook of container app runs /bin/drain: no program 'drain' (from /bin/drain)")
        let child = minimal(replacing: "      SIGTERM: {cleanup: 3s, exitCode: 0}\n", with: "      SIGTERM: {cleanup: 3s, exitCode: 0}\n    children:\n      - command: [worker]\n")
        expectError(child, at: "[worker]", contains: "a child of program /app/server runs worker: no program 'worker': declare it")
    }

    @Test func aProgramThatStartsItselfIsRejected() {
        let sigterm = "      SIGTERM: {cleanup: 3s, exitCode: 0}\n"
        let direct = minimal(replacing: sigterm, with: sigterm + "    children:\n      - command: [/app/server, --again]\n")
        expectError(direct, at: "[/app/server, --again]", contains: "program /app/server starts itself through its children (/app/server → /app/server), so it would start processes forever")
        let indirect = minimal(replacing: sigterm, with: sigterm + """
                children: [{command: [/app/a]}]
              /app/a:
                children: [{command: [b]}]
              b:
                children: [{command: [/app/server]}]

            """)
        expectError(indirect, at: "[/app/a]", contains: "(/app/a → b → /app/server → /app/a)")
    }

    @Test func initContainersMustBeSidecars() {
        let yaml = minimal(replacing: "pod:\n", with: "pod:\n  initContainers:\n    - name: migrate\n      command: [/app/server]\n")
        expectError(yaml, at: "name: migrate",
                    contains: "init container migrate: init containers that run to completion have finished before the pod is deleted and are not modelled; give it restartPolicy: Always to make it a sidecar, or remove it")
        let never = minimal(replacing: "pod:\n", with: "pod:\n  initContainers:\n    - name: migrate\n      command: [/app/server]\n      restartPolicy: Never\n")
        expectError(never, at: "Never", contains: "give it restartPolicy: Always to make it a sidecar")
        let regular = minimal(replacing: "      image: example/app:1.0\n", with: "      image: example/app:1.0\n      restartPolicy: Always\n")
        expectError(regular, at: "restartPolicy", contains: "a regular container's restartPolicy is not modelled")
    }

    @Test func aSecondDeleteLoadsAsASecondAction() throws {
        let yaml = minimalYAML + "  - at: 20s\n    delete: {force: true}\n"
        let loaded = try ScenarioLoader.load(yaml: yaml, fileName: "two-deletes.yaml")
        #expect(loaded.scenario.actions.count == 2)
        #expect(loaded.scenario.actions[1] == StopAction(at: 20_000, .delete(DeleteOptions(force: true))))
    }

    @Test func newStopKindsAndTheirErrors() {
        expectError(minimal(replacing: "delete: {}", with: "evict: {threshold: medium}"), at: "medium",
                    contains: "stop.0.evict.threshold: expected soft or hard, got 'medium'")
        expectError(minimal(replacing: "delete: {}", with: "dockerStop: {}"), at: "dockerStop",
                    contains: "a Docker command needs frontDoor: docker")
        expectError(minimal(replacing: "delete: {}", with: "probeFailure: {container: ap}"), at: "ap}",
                    contains: "no container named 'ap'")
        expectError(minimal(replacing: "delete: {}", with: "nodeShutdown: {shutdownGracePeriod: 10s, shutdownGracePeriodCriticalPods: 20s}"),
                    at: "shutdownGracePeriodCriticalPods", contains: "must not exceed shutdownGracePeriod")
    }

    @Test func stopItems() {
        expectError(minimal(replacing: "delete: {}", with: "delete: {now: true, gracePeriod: 5}"), at: "now",
                    contains: "now cannot go with gracePeriod (kubectl refuses --now with --grace-period)")
        expectError(minimal(replacing: "    delete: {}", with: "    delete: {}\n    oomKill: {container: app}"), at: "oomKill",
                    contains: "stop.0 has both delete and oomKill")
        expectError(minimal(replacing: "    delete: {}", with: "    explode: {}"), at: "explode",
                    contains: "unknown key 'explode' in stop.0; expected one of: at, delete, drain, preempt, evict")
        expectError(minimal(replacing: "at: 10s", with: "at: 11m"), at: "11m",
                    contains: "stop.0.at: 11m is after the horizon of 10m (the default), so it would never happen")
    }

    @Test func preStopHandlers() {
        let two = minimal(replacing: "      image: example/app:1.0\n", with: "      image: example/app:1.0\n      lifecycle:\n        preStop:\n          sleep: {seconds: 1}\n          exec: {command: [sleep, '1']}\n")
        expectError(two, at: "exec:", contains: "preStop has both sleep and exec; a hook has exactly one handler")
        let none = minimal(replacing: "      image: example/app:1.0\n", with: "      image: example/app:1.0\n      lifecycle:\n        preStop: {}\n")
        expectError(none, line: 9, column: 18, contains: "expected exactly one of exec, httpGet, sleep")
        let long = minimal(replacing: "      image: example/app:1.0\n", with: "      image: example/app:1.0\n      lifecycle:\n        preStop:\n          sleep: {seconds: 31}\n")
        expectError(long, at: "31", contains: "31 is longer than the pod's terminationGracePeriodSeconds (30); the API server rejects such a pod")
        let port = minimal(replacing: "      image: example/app:1.0\n", with: "      image: example/app:1.0\n      lifecycle:\n        preStop:\n          httpGet: {path: /drain, port: admin}\n")
        expectError(port, at: "admin", contains: "container app has no port named 'admin' (it declares no named ports)")
    }

    @Test func shareProcessNamespaceNeedsAPodSandbox() {
        let yaml = minimal(replacing: "pod:\n", with: "frontDoor: docker\npod:\n  shareProcessNamespace: true\n")
            .replacingOccurrences(of: "    delete: {}\n", with: "    dockerStop: {}\n")
        expectError(yaml, line: 4, column: 12, contains: "frontDoor: docker runs containers without a pod sandbox")
    }

    @Test func shareProcessNamespaceMustBeABool() {
        let yaml = minimal(replacing: "pod:\n", with: "pod:\n  shareProcessNamespace: sometimes\n")
        expectError(yaml, at: "sometimes", contains: "pod.shareProcessNamespace")
    }

    @Test func containersNeedACommand() {
        let undeclared = minimal(replacing: "image: example/app:1.0", with: "image: example/other:2")
        expectError(undeclared, at: "example/other:2",
                    contains: "container app has no command: give it `command`, or declare image example/other:2 under images: with an entrypoint or cmd")
        let neither = minimal(replacing: "    - name: app\n      image: example/app:1.0\n", with: "    - name: app\n")
        expectError(neither, at: "name: app", contains: "container app has neither image nor command")
    }

    @Test func containerNames() {
        expectError(minimal(replacing: "name: app", with: "name: App"), at: "App",
                    contains: "container name 'App' is not a valid name")
        let twice = minimal(replacing: "    - name: app\n      image: example/app:1.0\n",
                            with: "    - name: app\n      image: example/app:1.0\n    - name: app\n      command: [/app/server]\n")
        expectError(twice, line: 8, column: 13, contains: "container name 'app' is used twice (first at line 6)")
        let unnamed = minimal(replacing: "    - name: app\n", with: "    - image: example/app:1.0\n")
        expectError(unnamed.replacingOccurrences(of: "      image: example/app:1.0\n", with: ""), line: 6, column: 7,
                    contains: "missing key 'name' in pod.containers.0")
    }

    @Test func fileErrorsHaveNoPosition() {
        let path = "/nonexistent/dir/scenario.yaml"
        do {
            _ = try ScenarioLoader.load(file: path)
            Issue.record("loaded a file that does not exist")
        } catch {
            #expect(error.line == nil)
            #expect(error.description == "/nonexistent/dir/scenario.yaml: no such file")
        }
    }

    @Test func errorDescriptions() {
        #expect(ScenarioError(file: "a.yaml", line: 3, column: 7, message: "bad").description == "a.yaml:3:7: bad")
        #expect(ScenarioError(file: "a.yaml", override: "stop.0.at=x", message: "bad").description == "--set stop.0.at=x: bad")
    }
}

extension ErrorTests {
    @Test func aRequiredKeyWithoutAValueIsReportedAtTheKey() {
        expectError(minimal(replacing: "summary: An app that handles SIGTERM.", with: "summary:"), line: 1, column: 1,
                    contains: "summary has no value")
        expectError(minimal(replacing: "  - at: 10s", with: "  - at:"), at: "at:", contains: "stop.0.at has no value: when it happens, e.g. at: 10s")
    }
}
