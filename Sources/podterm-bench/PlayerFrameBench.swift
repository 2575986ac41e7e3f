#if canImport(Glibc)
import Glibc
#endif
import PodTerm
import PodTermBuiltins
import PodTermScenario
import PodTermTUI

/// Times the terminal player's frame, without a terminal: the moment (from the adapter's
/// snapshots), the layout into a grid, and the diff against the previous frame (what the
/// ncurses display would write). On the built-in scenario with the most events and on a
/// generated tree of PID 1 with many children; medians over many frames at moments spread
/// over the run, in ms. Also: a key (→) to the redrawn grid, and the process's peak memory.
enum PlayerFrameBench {
    static func run(treeChildren: Int, rows: Int = 40, cols: Int = 120) {
        var largest: (name: String, timeline: Timeline, summary: String)?
        for b in BuiltinScenarios.all {
            guard let loaded = try? ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName),
                  let t = try? Simulator.run(loaded.scenario) else { continue }
            if largest == nil || t.events.count > largest!.timeline.events.count { largest = (b.name, t, loaded.scenario.summary) }
        }
        if let l = largest { report("player.frame.builtin.\(l.name)", l.timeline, rows: rows, cols: cols) }
        if treeChildren > 0, let loaded = try? ScenarioLoader.load(yaml: GeneratedScenarios.wideTree(children: treeChildren), fileName: "tree.yaml"),
           let t = try? Simulator.run(loaded.scenario, maxEvents: EventBudget.range.upperBound) {
            report("player.frame.tree\(treeChildren)", t, rows: rows, cols: cols, focusTree: true)
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        print("player.max_rss_mb=\(BenchTiming.fixed(Double(usage.ru_maxrss) / 1024, decimals: 1))")
    }

    static func report(_ key: String, _ t: Timeline, rows: Int, cols: Int, focusTree: Bool = false) {
        let clock = ContinuousClock()
        let t0 = clock.now
        let adapter = MomentAdapter(t)
        let layout = PlayerLayout(timeline: t)
        let prepare = BenchTiming.seconds(clock.now - t0)
        var state = PlayerState(timeline: t)
        if focusTree { state.focus = .tree; state.treeRow = t.processes.count / 2 }
        // Moments spread over the run, each drawn after the one before (as a person steps).
        let marks = (0..<50).map { t.events.count * $0 / 49 }
        var frames: [Double] = [], diffs: [Double] = [], moments: [Double] = []
        var previous: Grid?
        var cells = 0
        for _ in 0..<4 {
            for n in marks {
                state.seek(events: n)
                let a = clock.now
                let m = adapter.moment(for: state)
                let b = clock.now
                let g = layout.draw(state, m, rows: rows, cols: cols)
                let c = clock.now
                let runs = g.changedRuns(since: previous)
                let d = clock.now
                cells &+= runs.count
                previous = g
                moments.append(BenchTiming.seconds(b - a))
                frames.append(BenchTiming.seconds(d - a))
                diffs.append(BenchTiming.seconds(d - c))
            }
        }
        // A key to the redrawn grid: → from the middle of the run, then the frame.
        var keys: [Double] = []
        for _ in 0..<100 {
            state.seek(events: t.events.count / 2)
            let a = clock.now
            state.handle(.right)
            let g = layout.draw(state, adapter.moment(for: state), rows: rows, cols: cols)
            cells &+= g.changedRuns(since: previous).count
            keys.append(BenchTiming.seconds(clock.now - a))
        }
        func ms(_ xs: [Double]) -> String { BenchTiming.fixed(BenchTiming.median(xs) * 1000, decimals: 3) }
        func worst(_ xs: [Double]) -> String { BenchTiming.fixed((xs.max() ?? 0) * 1000, decimals: 3) }
        print("\(key).events=\(t.events.count) processes=\(t.processes.count) size=\(cols)x\(rows)")
        print("\(key).prepare_ms=\(BenchTiming.fixed(prepare * 1000, decimals: 3))")
        print("\(key).frame_ms_median=\(ms(frames)) max=\(worst(frames))")
        print("\(key).moment_ms_median=\(ms(moments)) diff_ms_median=\(ms(diffs))")
        print("\(key).key_to_grid_ms_median=\(ms(keys)) (check \(cells))")
    }
}
