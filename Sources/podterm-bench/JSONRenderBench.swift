import PodTerm
import PodTermBuiltins
import PodTermScenario

/// Times the JSON renderer: every built-in scenario, then a generated process tree of many
/// children (`--tree-children N`), each the median of several renders, in ms per render and
/// µs per event; the streaming v2 renderer (into a sink that only counts bytes) beside the
/// superseded v1 one. Only rendering is timed; loading and running are not.
enum JSONRenderBench {

    /// The median seconds of `repeats` calls of `body`.
    static func median(repeats: Int, _ body: () -> Int) -> (seconds: Double, check: Int) {
        let clock = ContinuousClock()
        var times: [Double] = []
        var check = 0
        for _ in 0..<max(1, repeats) {
            let t0 = clock.now
            check &+= body()
            times.append(BenchTiming.seconds(clock.now - t0))
        }
        return (BenchTiming.median(times), check)
    }

    /// A sink that only counts bytes: what the streaming renderer costs without the I/O.
    struct CountingSink: ByteSink {
        var count = 0
        mutating func write(_ bytes: UnsafeRawBufferPointer) { count += bytes.count }
    }

    /// One line: the streaming render (what `podterm run --format json` does) and, for
    /// comparison, the superseded v1 renderer, which builds the whole document first.
    static func line(_ name: String, _ t: Timeline, repeats: Int) -> (v2: Double, v1: Double, events: Int) {
        let (v2, bytes) = median(repeats: repeats) {
            var sink = CountingSink()
            try? TimelineJSON.write(t, to: &sink)
            return sink.count
        }
        let (v1, _) = median(repeats: repeats) { TimelineJSONv1.render(t).utf8.count }
        // The outcome figures are computed from the timeline inside the render; this is their share.
        let (outcome, _) = median(repeats: repeats) { t.outcome.figures.count }
        let events = t.events.count
        print("json.\(name).events=\(events) bytes=\(bytes / max(1, repeats)) " + figures(v2: v2, v1: v1, events: events)
              + " outcome_ms=\(BenchTiming.fixed(outcome * 1000, decimals: 3))")
        return (v2, v1, events)
    }

    /// `render_ms=… us_per_event=… v1_render_ms=… v1_us_per_event=… speedup=…`.
    static func figures(v2: Double, v1: Double, events: Int) -> String {
        func perEvent(_ s: Double) -> String { BenchTiming.fixed(events > 0 ? s * 1e6 / Double(events) : 0, decimals: 2) }
        return "render_ms=\(BenchTiming.fixed(v2 * 1000, decimals: 3)) us_per_event=\(perEvent(v2)) "
            + "v1_render_ms=\(BenchTiming.fixed(v1 * 1000, decimals: 3)) v1_us_per_event=\(perEvent(v1)) "
            + "speedup=\(BenchTiming.fixed(v2 > 0 ? v1 / v2 : 0, decimals: 1))"
    }

    static func run(treeChildren: Int) {
        var v2 = 0.0, v1 = 0.0, events = 0
        for b in BuiltinScenarios.all {
            guard let loaded = try? ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName),
                let t = try? Simulator.run(loaded.scenario)
            else {
                print("json.\(b.name)=does-not-load-or-run")
                continue
            }
            let r = line(b.name, t, repeats: 20)
            v2 += r.v2
            v1 += r.v1
            events += r.events
        }
        print("json.scenarios.events=\(events) " + figures(v2: v2, v1: v1, events: events))
        guard treeChildren > 0 else { return }
        do {
            let loaded = try ScenarioLoader.load(yaml: GeneratedScenarios.wideTree(children: treeChildren), fileName: "tree-\(treeChildren).yaml")
            let t = try Simulator.run(loaded.scenario)
            _ = line("tree-\(treeChildren)", t, repeats: 3)
        } catch {
            print("json.tree-\(treeChildren)=does-not-load-or-run: \(error)")
        }
    }
}
