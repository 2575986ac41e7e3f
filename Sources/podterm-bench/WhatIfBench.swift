import PodTerm
import PodTermBuiltins
import PodTermScenario
import PodTermTUI

/// Times a what-if at the keyboard on the built-in scenario with the most events: from the
/// key that changes a value (the grace period, ← and → in turn) to the redrawn frame — the
/// typed setting applied, the scenario run again, the diff against the original, the player
/// rebuilt at the same time, and the frame with both outcomes drawn. Median over the changes, in ms.
enum WhatIfBench {
    static func run(rows: Int = 40, cols: Int = 120, changes: Int = 40) {
        var largest: (b: BuiltinScenario, loaded: LoadedScenario, timeline: Timeline)?
        for b in BuiltinScenarios.all {
            guard let loaded = try? ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName),
                  let t = try? Simulator.run(loaded.scenario) else { continue }
            if largest == nil || t.events.count > largest!.timeline.events.count { largest = (b, loaded, t) }
        }
        guard let l = largest,
              let w = try? WhatIf(source: .init(yaml: l.b.yaml, fileName: l.b.fileName), original: l.loaded, timeline: l.timeline) else {
            print("whatif.change_to_frame=unavailable")
            return
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
        let key = "whatif.change_to_frame.builtin.\(l.b.name)"
        print("\(key).events=\(l.timeline.events.count)")
        print("\(key).changes=\(times.count)")
        print("\(key).median_ms=\(BenchTiming.fixed(BenchTiming.median(times) * 1000, decimals: 3))")
        print("\(key).max_ms=\(BenchTiming.fixed((times.max() ?? 0) * 1000, decimals: 3))")
    }
}
