import PodTerm
import PodTermBuiltins
import PodTermScenario

/// Times every built-in scenario on the full engine: load (YAML → Scenario) and run
/// (Scenario → Timeline) separately, each the median of several repetitions, then the sum.
func benchBuiltinScenarios(repeats: Int = 20) {
    let clock = ContinuousClock()
    var totalRun = 0.0, totalLoad = 0.0, totalEvents = 0
    print("scenarios.count=\(BuiltinScenarios.all.count)")
    for b in BuiltinScenarios.all {
        var loads: [Double] = [], runs: [Double] = []
        var events = 0
        var failed = false
        for _ in 0..<max(1, repeats) {
            let t0 = clock.now
            guard let loaded = try? ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName) else { failed = true; break }
            let t1 = clock.now
            guard let timeline = try? Simulator.run(loaded.scenario) else { failed = true; break }
            let t2 = clock.now
            loads.append(BenchTiming.seconds(t1 - t0))
            runs.append(BenchTiming.seconds(t2 - t1))
            events = timeline.events.count
        }
        if failed {
            print("scenario.\(b.name)=does-not-load-or-run")
            continue
        }
        let load = BenchTiming.median(loads), run = BenchTiming.median(runs)
        totalLoad += load
        totalRun += run
        totalEvents += events
        print("scenario.\(b.name).events=\(events) load_ms=\(BenchTiming.fixed(load * 1000, decimals: 3)) run_ms=\(BenchTiming.fixed(run * 1000, decimals: 3))")
    }
    print("scenarios.events=\(totalEvents)")
    print("scenarios.load_ms=\(BenchTiming.fixed(totalLoad * 1000, decimals: 3))")
    print("scenarios.run_ms=\(BenchTiming.fixed(totalRun * 1000, decimals: 3))")
    print("scenarios.total_ms=\(BenchTiming.fixed((totalLoad + totalRun) * 1000, decimals: 3))")
}
