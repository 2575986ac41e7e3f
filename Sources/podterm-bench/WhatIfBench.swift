import PodTerm
import PodTermBuiltins
import PodTermScenario
import PodTermTUI

/// Times a what-if at the keyboard on the built-in scenario with the most events: from the
/// key that changes a value (the grace period, ← and → in turn) to the redrawn frame — the
/// typed setting applied, the scenario run again, the diff against the original, the player
/// rebuilt at the same time, and the frame with both outcomes drawn. Median over the changes, in ms.
enum WhatIfBench {
    static func run(rows: Int = 40, cols: Int = 120, changes: Int = 40, treeChildren: Int = 0) {
        var largest: (b: BuiltinScenario, loaded: LoadedScenario, timeline: Timeline)?
        for b in BuiltinScenarios.all {
            guard let loaded = try? ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName),
                  let t = try? Simulator.run(loaded.scenario) else { continue }
            if largest == nil || t.events.count > largest!.timeline.events.count { largest = (b, loaded, t) }
        }
        guard let l = largest else {
            print("whatif.change_to_frame=unavailable")
            return
        }
        measure("whatif.change_to_frame.builtin.\(l.b.name)", yaml: l.b.yaml, fileName: l.b.fileName, rows: rows, cols: cols, changes: changes)
        if treeChildren > 0 {
            measure("whatif.change_to_frame.tree\(treeChildren)", yaml: GeneratedScenarios.wideTree(children: treeChildren), fileName: "tree.yaml",
                    rows: rows, cols: cols, changes: 6)
        }
    }

    static func measure(_ key: String, yaml: String, fileName: String, rows: Int, cols: Int, changes: Int) {
        guard let loaded = try? ScenarioLoader.load(yaml: yaml, fileName: fileName), let timeline = try? Simulator.run(loaded.scenario),
              let w = try? WhatIf(source: .init(yaml: yaml, fileName: fileName), original: loaded, timeline: timeline) else {
            print("\(key)=unavailable")
            return
        }
        let l = (timeline: timeline, b: ())
        if changes < 10, let changed = try? loaded.setting("pod.terminationGracePeriodSeconds", to: "31") {
            // Where the time goes on a large run: the run again, and the diff.
            let c = ContinuousClock()
            let t0 = c.now
            let again = try? Simulator.run(changed.scenario)
            let t1 = c.now
            if let again { _ = TimelineDiff(timeline, again) }
            let t2 = c.now
            _ = again?.outcome
            let t3 = c.now
            print("\(key).run_ms=\(BenchTiming.fixed(BenchTiming.seconds(t1 - t0) * 1000, decimals: 1)) diff_ms=\(BenchTiming.fixed(BenchTiming.seconds(t2 - t1) * 1000, decimals: 1)) one_outcome_ms=\(BenchTiming.fixed(BenchTiming.seconds(t3 - t2) * 1000, decimals: 1))")
        }
        var player = WhatIfPlayer(w)
        var state = PlayerState(timeline: l.timeline)
        state.seek(events: l.timeline.events.count / 2)
        _ = player.handle(.char("t"))
        let clock = ContinuousClock()
        var times: [Double] = []
        var cells = 0
        for k in 0..<max(2, changes) {
            let t0 = clock.now
            guard player.handle(k % 2 == 0 ? .right : .left) == .rerun else { break }
            state = player.player(after: state)
            let layout = player.layout(glyphs: .unicode)
            var g = layout.draw(state, MomentAdapter(player.whatIf.timeline).moment(for: state), rows: rows, cols: cols)
            player.draw(over: &g, glyphs: .unicode)
            times.append(BenchTiming.seconds(clock.now - t0))
            cells += g.rows
        }
        print("\(key).events=\(l.timeline.events.count)")
        print("\(key).changes=\(times.count)")
        print("\(key).median_ms=\(BenchTiming.fixed(BenchTiming.median(times) * 1000, decimals: 3))")
        print("\(key).max_ms=\(BenchTiming.fixed((times.max() ?? 0) * 1000, decimals: 3))")
    }
}
