import PodTerm
import PodTermBuiltins
import PodTermScenario

/// Times a what-if point both ways for every built-in scenario: the file loaded again with a
/// `--set` (YAML parse, decode, setting), against a `ScenarioSetting` resolved once and
/// applied to the already-loaded scenario (no YAML). The setting is the pod's grace plus one
/// second; each figure is the median over the repetitions, in microseconds.
func benchSettings(repeats: Int = 20) {
    let clock = ContinuousClock()
    var loadPlusRun: [Double] = [], applyPlusRun: [Double] = [], applies: [Double] = [], resolves: [Double] = []
    for b in BuiltinScenarios.all {
        guard let loaded = try? ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName) else { continue }
        let value = "\(loaded.scenario.pod.terminationGracePeriodSeconds + 1)"
        guard let o = try? Override(parsing: "pod.terminationGracePeriodSeconds=" + value) else { continue }
        var viaLoad: [Double] = [], viaApply: [Double] = [], apply: [Double] = [], resolve: [Double] = []
        for _ in 0..<max(1, repeats) {
            let t0 = clock.now
            guard let again = try? ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName, overrides: [o]),
                  (try? Simulator.run(again.scenario)) != nil else { break }
            let t1 = clock.now
            guard let setting = try? ScenarioSetting(o.path, to: o.value, in: loaded.scenario) else { break }
            let t2 = clock.now
            guard let point = try? setting.applied(to: loaded.scenario) else { break }
            let t3 = clock.now
            guard (try? Simulator.run(point)) != nil else { break }
            let t4 = clock.now
            viaLoad.append(BenchTiming.seconds(t1 - t0))
            resolve.append(BenchTiming.seconds(t2 - t1))
            apply.append(BenchTiming.seconds(t3 - t2))
            viaApply.append(BenchTiming.seconds(t4 - t2))
        }
        guard !viaLoad.isEmpty else {
            print("setting.\(b.name)=does-not-load-or-run")
            continue
        }
        loadPlusRun.append(BenchTiming.median(viaLoad))
        applyPlusRun.append(BenchTiming.median(viaApply))
        applies.append(BenchTiming.median(apply))
        resolves.append(BenchTiming.median(resolve))
    }
    func us(_ xs: [Double]) -> String { BenchTiming.fixed(BenchTiming.median(xs) * 1_000_000, decimals: 1) }
    print("setting.scenarios=\(loadPlusRun.count)")
    print("setting.median_load_with_set_plus_run_us=\(us(loadPlusRun))")
    print("setting.median_resolve_us=\(us(resolves))")
    print("setting.median_apply_us=\(us(applies))")
    print("setting.median_apply_plus_run_us=\(us(applyPlusRun))")
}
