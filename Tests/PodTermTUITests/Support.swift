import PodTerm
import PodTermBuiltins
import PodTermScenario
@testable import PodTermTUI

/// A built-in scenario, run, ready to be drawn.
struct Played {
    let timeline: Timeline
    let adapter: MomentAdapter
    let layout: PlayerLayout
    var state: PlayerState

    init(_ name: String, glyphs: Glyphs = .unicode) throws {
        let b = try #require(BuiltinScenarios.named(name))
        let loaded = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
        timeline = try Simulator.run(loaded.scenario)
        adapter = MomentAdapter(timeline)
        layout = PlayerLayout(timeline: timeline, glyphs: glyphs)
        state = PlayerState(timeline: timeline, summary: loaded.scenario.summary, story: loaded.scenario.story)
    }

    init(yaml: String) throws {
        let loaded = try ScenarioLoader.load(yaml: yaml, fileName: "generated.yaml")
        timeline = try Simulator.run(loaded.scenario)
        adapter = MomentAdapter(timeline)
        layout = PlayerLayout(timeline: timeline)
        state = PlayerState(timeline: timeline, summary: loaded.scenario.summary, story: loaded.scenario.story)
    }

    func frame(rows: Int = 24, cols: Int = 80) -> Grid {
        layout.draw(state, adapter.moment(for: state), rows: rows, cols: cols)
    }

    mutating func press(_ keys: PlayerKey...) { for k in keys { state.handle(k) } }

    /// The index of the first event that matches.
    func firstEvent(_ match: (TimelineEvent) -> Bool) throws -> Int {
        let i = timeline.events.firstIndex(where: match)
        return try #require(i)
    }
}

import Testing
