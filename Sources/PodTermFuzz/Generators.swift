/// Whole scenario files made from scratch: the large and pathological inputs that byte-level
/// mutation of small files would never reach (huge trees, deep nesting, alias bombs, long
/// horizons, fast timers, high rates). Each stays under 1 MB.
enum Generators {
    /// A billion-laughs block: `levels` anchors, each an alias list `width` wide of the one before.
    static func aliasBomb(levels: Int, width: Int) -> String {
        var s = "l0: &l0 [\"lol\"]\n"
        for n in 1...levels {
            let items = Array(repeating: "*l\(n - 1)", count: width).joined(separator: ", ")
            s += "l\(n): &l\(n) [\(items)]\n"
        }
        return s
    }

    /// A scenario whose app forks `count` children (some in their own session, some late).
    static func hugeTree(count: Int, _ r: inout FuzzRandom) -> String {
        var s = base(grace: 30, horizon: r.pick(["10m", "1h", "30s"]))
        s += "programs:\n  /app/server:\n    signals:\n      SIGTERM: {cleanup: 1s, exitCode: 0}\n    children:\n"
        let setsid = r.chance(50), late = r.chance(50)
        for i in 0..<count {
            s += "      - {command: [\"/app/worker\"]"
            if setsid, i % 3 == 0 { s += ", setsid: true" }
            if late { s += ", startAfter: \(i % 2000)ms" }
            s += "}\n"
        }
        s += "  /app/worker:\n    signals:\n      SIGTERM: {cleanup: \(r.below(5))s, exitCode: 0}\n"
        s += stop(at: "5s")
        return s
    }

    /// A value nested `depth` levels deep, in flow or block style.
    static func deepNesting(depth: Int, flow: Bool) -> String {
        var s = base(grace: 30, horizon: "1m")
        if flow {
            s += "programs: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        } else {
            s += "programs:\n"
            for d in 0..<depth { s += String(repeating: " ", count: d + 2) + "k\(d):\n" }
        }
        return s + stop(at: "1s")
    }

    /// A container that crash-loops for a very long time.
    static func crashLoop(_ r: inout FuzzRandom) -> String {
        var s = base(grace: 30, horizon: r.pick(["365d", "100000d", "10000h", "52w", "1y"]))
        s += "programs:\n  /app/server:\n    runsFor: \(r.pick(["1ms", "0ms", "10ms", "1s"]))\n    exitCode: 1\n"
        if r.chance(50) { s += stop(at: r.pick(["1h", "300d", "1ms"])) }
        return s
    }

    /// A workload with an extreme rate, period or horizon.
    static func fastWorkload(_ r: inout FuzzRandom) -> String {
        var s = base(grace: r.pick([30, 3600, 86400]), horizon: r.pick(["10m", "1h", "30d", "9999h"]))
        s += "programs:\n  /app/server:\n    signals:\n      SIGTERM: {cleanup: \(r.pick(["1s", "1h", "0ms"])), exitCode: 0}\n"
        s += "network:\n  consumers:\n"
        for i in 0..<(1 + r.below(40)) { s += "    - {name: c\(i), delay: \(r.below(5000))ms}\n" }
        s += "workloads:\n"
        let rate = r.pick(["1", "10000", "1000000", "100000000", "4294967296", "0.001", "1e12"])
        if r.chance(50) {
            s += "  - container: app\n    http: {rate: \(rate), serviceTime: \(r.pick(["0ms", "1ms", "50ms", "1h"])), arrivals: \(r.pick(["poisson", "constant"]))}\n"
        } else {
            s += "  - container: app\n    kafka: {rate: \(rate), batchSize: \(r.pick(["1", "500", "4294967296", "0"])), flushInterval: \(r.pick(["1ms", "0ms", "1s", "1h"])), sessionTimeout: \(r.pick(["45s", "1ms", "100d"]))}\n"
        }
        s += stop(at: r.pick(["10s", "1h", "29d", "0s"]))
        return s
    }

    /// Many containers, sidecars, consumers and stop items at once.
    static func wide(_ r: inout FuzzRandom) -> String {
        let n = 1 + r.below(300)
        var s = "summary: wide\nstory: wide\nhorizon: 1h\npod:\n  terminationGracePeriodSeconds: 30\n"
        s += "  initContainers:\n"
        for i in 0..<(r.below(50)) {
            s += "    - {name: side\(i), image: example/app, command: [\"/app/server\"], restartPolicy: Always}\n"
        }
        s += "  containers:\n"
        for i in 0..<n { s += "    - {name: c\(i), image: example/app, command: [\"/app/server\"]}\n" }
        s += "programs:\n  /app/server:\n    readyAfter: \(r.below(3))s\n    signals:\n      SIGTERM: {cleanup: \(r.below(40))s, exitCode: 0}\n"
        s += "stop:\n"
        for i in 0..<(1 + r.below(200)) {
            s += "  - at: \(i * r.below(100))ms\n    \(r.pick(["delete: {}", "delete: {now: true}", "delete: {gracePeriod: 0, force: true}", "drain: {}", "evict: {threshold: hard}", "oomKill: {container: c0}"]))\n"
        }
        return s
    }

    private static func base(grace: Int, horizon: String) -> String {
        """
        summary: generated
        story: generated
        horizon: \(horizon)
        pod:
          terminationGracePeriodSeconds: \(grace)
          restartPolicy: Always
          containers:
            - name: app
              image: example/app:1.0
              command: ["/app/server"]

        """
    }

    private static func stop(at: String) -> String {
        "stop:\n  - at: \(at)\n    delete: {}\n"
    }
}
