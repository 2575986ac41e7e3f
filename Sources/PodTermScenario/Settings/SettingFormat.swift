import PodTerm

/// The scenario format as `--set` walks it, taken from the decoders: each mapping's keys are
/// the decoder's own `keys` lists (so a key the format gains is known here at once, and a test
/// fails until it is settable or says why not), each list or named mapping is a collection,
/// and each leaf is a typed field of `Scenario` (`SettingFields`).
///
/// Patterns are dotted paths with `*` for an item: `pod.containers.*.lifecycle.stopSignal`.
enum SettingFormat {
    /// A mapping of the format: the keys the decoder knows, those it accepts and ignores, and
    /// messages for particular unknown keys.
    struct Level: Sendable {
        var known: [String]
        var ignored: [String] = []
        var hints: [String: String] = [:]
    }

    static let containerLists = ["pod.containers", "pod.initContainers"]

    /// Every mapping of the format, by pattern.
    static let levels: [String: Level] = {
        let manifestHint = "this looks like a Kubernetes manifest; a scenario keeps the pod's spec fields under pod: (metadata under pod.metadata), beside summary, story, programs and stop"
        let specHint = "pod holds the fields of a Pod's spec directly, plus metadata; move the fields under spec: up one level and drop apiVersion and kind"
        var l: [String: Level] = [
            "": Level(known: ScenarioDecoding.topLevelKeys,
                      hints: ["apiVersion": manifestHint, "kind": manifestHint, "spec": manifestHint, "metadata": manifestHint]),
            "pod": Level(known: PodDecoding.keys, ignored: PodDecoding.ignoredKeys,
                         hints: ["spec": specHint, "apiVersion": specHint, "kind": specHint]),
            "pod.metadata": Level(known: PodDecoding.metadataKeys, ignored: PodDecoding.metadataIgnoredKeys),
            "images.*": Level(known: ImageDecoding.keys),
            "programs.*": Level(known: ProgramDecoding.keys),
            "programs.*.signals.*": Level(known: ProgramDecoding.handlerKeys),
            "programs.*.children.*": Level(known: ProgramDecoding.childKeys),
            "programs.*.blocks.*": Level(known: ProgramDecoding.blockKeys),
            "programs.*.sends.*": Level(known: ProgramDecoding.sendKeys),
            "programs.*.http.*": Level(known: ProgramDecoding.routeKeys),
            "programs.*.supervisord": Level(known: ProgramDecoding.supervisordKeys),
            "programs.*.supervisord.programs.*": Level(known: ProgramDecoding.supervisedKeys),
            "network": Level(known: NetworkDecoding.keys),
            "network.consumers.*": Level(known: NetworkDecoding.consumerKeys),
            "docker": Level(known: FrontDoorDecoding.dockerKeys),
            "pod.status": Level(known: ["phase"]),
            "podDisruptionBudget": Level(known: DisruptionDecoding.budgetKeys),
            "kubelet": Level(known: DisruptionDecoding.kubeletKeys),
            "stop.*": Level(known: ["at"] + StopDecoding.kinds),
            "workloads.*": Level(known: WorkloadDecoding.itemKeys),
        ]
        for (kind, keys) in StopDecoding.kindKeys { l["stop.*.\(kind)"] = Level(known: keys) }
        for (kind, keys) in WorkloadDecoding.kindKeys { l["workloads.*.\(kind)"] = Level(known: keys) }
        for list in containerLists {
            let c = list + ".*"
            let isInit = list == "pod.initContainers"
            l[c] = Level(
                known: isInit ? ContainerDecoding.keys + ["restartPolicy"] : ContainerDecoding.keys,
                ignored: ContainerDecoding.ignoredKeys)
            l[c + ".lifecycle"] = Level(known: LifecycleDecoding.keys)
            l[c + ".lifecycle.preStop"] = Level(
                known: LifecycleDecoding.handlers,
                hints: ["tcpSocket": "tcpSocket hooks are deprecated and not modelled; use exec, httpGet or sleep"])
            l[c + ".lifecycle.preStop.exec"] = Level(known: LifecycleDecoding.execKeys)
            l[c + ".lifecycle.preStop.httpGet"] = Level(known: LifecycleDecoding.httpGetKeys, ignored: LifecycleDecoding.httpGetIgnoredKeys)
            l[c + ".lifecycle.preStop.sleep"] = Level(known: LifecycleDecoding.sleepKeys)
            for probe in ["livenessProbe", "startupProbe", "readinessProbe"] {
                l[c + "." + probe] = Level(known: ContainerDecoding.probeKeys, ignored: ContainerDecoding.probeIgnoredKeys)
            }
        }
        return l
    }()

    /// Every collection of the format, by pattern.
    static let collections: [String: SettingCollection] = {
        var c: [String: SettingCollection] = [
            "images": SettingCollection(items: .entries { s, _ in s.images.keys.sorted() }, example: "images.example/app:1.0.shell"),
            "programs": SettingCollection(items: .entries { s, _ in s.programs.keys.sorted() }, example: "programs./app/server.runsFor"),
            "programs.*.signals": SettingCollection(
                items: .signals { s, p in s.programs[p.key(0)].map { Array($0.signals.keys) } ?? [] },
                example: "programs./app/server.signals.SIGTERM.cleanup"),
            "programs.*.children": SettingCollection(
                items: .list { s, p in (s.programs[p.key(0)]?.children ?? []).map { _ in nil } },
                example: "programs./app/server.children.0.startAfter"),
            "programs.*.blocks": SettingCollection(
                items: .list { s, p in (s.programs[p.key(0)]?.blocks ?? []).map { _ in nil } },
                example: "programs./app/server.blocks.0.unblockAfter"),
            "programs.*.sends": SettingCollection(
                items: .list { s, p in (s.programs[p.key(0)]?.sends ?? []).map { _ in nil } },
                example: "programs./app/server.sends.0.at"),
            "programs.*.http": SettingCollection(
                items: .entries { s, p in s.programs[p.key(0)].map { $0.http.keys.sorted() } ?? [] },
                example: "programs./app/server.http./drain.takes"),
            "programs.*.supervisord.programs": SettingCollection(
                items: .list { s, p in (s.programs[p.key(0)]?.supervisord?.programs ?? []).map(\.name) },
                example: "programs.supervisord.supervisord.programs.app.stopwaitsecs"),
            "network.consumers": SettingCollection(
                items: .list { s, _ in s.network.consumers.map(\.name) }, example: "network.consumers.kube-proxy.delay"),
            "stop": SettingCollection(items: .list { s, _ in s.actions.map { _ in nil } }, example: "stop.0.at"),
            "workloads": SettingCollection(items: .list { s, _ in s.workloads.map(\.name) }, example: "workloads.web.http.rate"),
            "workloads.*.http.consumerRates": SettingCollection(
                items: .entries { s, _ in s.network.consumers.map(\.name) }, example: "workloads.web.http.consumerRates.kube-proxy"),
            "expect": SettingCollection(items: .figures, example: "expect.containers.app.exitCode"),
        ]
        // Lists of strings (exec form): one element by index.
        func strings(_ pattern: String, _ list: @escaping @Sendable (Scenario, SettingPlace) -> [String]?) {
            c[pattern] = SettingCollection(items: .list { s, p in (list(s, p) ?? []).map { _ in nil } }, example: pattern.replacingOccurrences(of: "*", with: "NAME") + ".0")
        }
        strings("images.*.entrypoint") { s, p in s.images[p.key(0)]?.entrypoint }
        strings("images.*.cmd") { s, p in s.images[p.key(0)]?.cmd }
        strings("programs.*.children.*.command") { s, p in s.programs[p.key(0)]?.children[safe: p.index(1)]?.command }
        strings("programs.*.supervisord.programs.*.command") { s, p in s.programs[p.key(0)]?.supervisord?.programs[safe: p.index(1)]?.command }
        for list in containerLists {
            let isInit = list == "pod.initContainers"
            @Sendable func container(_ s: Scenario, _ p: SettingPlace) -> ContainerSpec? { (isInit ? s.pod.initContainers : s.pod.containers)[safe: p.index(0)] }
            strings(list + ".*.command") { s, p in container(s, p)?.command }
            strings(list + ".*.args") { s, p in container(s, p)?.args }
            strings(list + ".*.lifecycle.preStop.exec.command") { s, p in
                if case .exec(let command)? = container(s, p)?.preStop { return command }
                return nil
            }
        }
        c["pod.containers"] = SettingCollection(items: .list { s, _ in s.pod.containers.map(\.name) }, example: "pod.containers.app.image")
        c["pod.initContainers"] = SettingCollection(
            items: .list { s, _ in s.pod.initContainers.map(\.name) }, example: "pod.initContainers.proxy.lifecycle.stopSignal")
        return c
    }()

    /// Every settable field, by pattern.
    ///
    /// A list of strings is set one element at a time (`….command.1=--port`); as a whole it
    /// is refused with a reason (`notSettable`), except an image's `entrypoint` and `cmd`,
    /// whose text is the shell form.
    static let fields: [String: SettingField] = {
        var out: [String: SettingField] = [:]
        for f in SettingFields.top + SettingFields.pod + SettingFields.programs + SettingFields.stop + SettingFields.workloads
            + SettingFields.stringElements {
            precondition(out[f.pattern] == nil, "two settable fields at \(f.pattern)")
            out[f.pattern] = f
        }
        return out
    }()

    /// Fields of the format `--set` cannot change yet, each with the reason.
    static let notSettable: [String: String] = {
        let rename = "renaming an item is not supported by --set (other fields refer to it by its name); edit the file"
        let list = "a list of strings, and --set gives one value; edit the file"
        var n: [String: String] = [
            "network.consumers.*.name": rename, "workloads.*.name": rename,
            "programs.*.supervisord.programs.*.name": rename,
            "programs.*.children.*.command": list, "programs.*.children.*.closes": list,
            "programs.*.blocks.*.signals": list,
            "programs.*.sends.*.to": "whom a send goes to (it decides which of to: and process: the item has); edit the file",
            "programs.*.sends.*.process": "whom a send goes to (it decides which of to: and process: the item has); edit the file",
            "programs.*.supervisord.programs.*.command": list,
            "pod.metadata.namespace": "accepted and ignored (it does not change how the pod stops), so setting it would change nothing",
            "pod.metadata.labels": "accepted and ignored (it does not change how the pod stops), so setting it would change nothing",
            "pod.metadata.annotations": "accepted and ignored (it does not change how the pod stops), so setting it would change nothing",
            "programs.*.supervisord.programs": "a list of [program:x] sections; set a field of one, e.g. programs.supervisord.supervisord.programs.app.stopwaitsecs",
        ]
        let quiz = "a workshop question changes nothing in the run; edit the file"
        n["questions"] = quiz
        for list in containerLists {
            let c = list + ".*"
            n[c + ".name"] = rename
            n[c + ".command"] = "a list of strings (exec form), and --set gives one value; edit the file"
            n[c + ".args"] = "a list of strings, and --set gives one value; edit the file"
            n[c + ".lifecycle.preStop.exec.command"] = "a list of strings (exec form), and --set gives one value; edit the file"
            n[c + ".lifecycle.postStart"] = "accepted and not modelled (it does not change how a container stops), so setting it would change nothing"
            n[c + ".lifecycle.preStop.httpGet.host"] = "accepted and not modelled (the request always reaches the pod), so setting it would change nothing"
            n[c + ".lifecycle.preStop.httpGet.scheme"] = "accepted and not modelled (HTTP and HTTPS take the same time), so setting it would change nothing"
            n[c + ".readinessProbe.terminationGracePeriodSeconds"] = "must not be set for a readiness probe (the API server refuses it): a failing readiness probe restarts nothing"
        }
        return n
    }()
}
