import PodTerm
import PodTermBuiltins
import Testing
@testable import PodTermTUI

/// Keys and the clock, on the state alone (no terminal).
@Suite struct PlayerStateTests {
    @Test func stepForwardAndBack() throws {
        var p = try Played("pid1-no-handler")
        p.press(.right, .char("l"), .right)
        #expect(p.state.cursor == 3)
        #expect(p.state.time == p.timeline.events[2].time)
        p.press(.left, .char("h"))
        #expect(p.state.cursor == 1)
        p.press(.char("G"))
        #expect(p.state.cursor == p.timeline.events.count)
        p.press(.right)
        #expect(p.state.cursor == p.timeline.events.count)
        p.press(.char("g"))
        #expect(p.state.cursor == 0 && p.state.time == 0)
        p.press(.left)
        #expect(p.state.cursor == 0)
    }

    @Test func keyMomentsForwardAndBack() throws {
        var p = try Played("pid1-no-handler")
        var seen: [Int] = []
        for _ in 0..<20 {
            p.press(.char("]"))
            if let e = p.state.currentEvent, seen.last != e { seen.append(e) }
        }
        let end = p.timeline.events.count - 1
        #expect(seen == p.state.keyEvents + (p.state.keyEvents.last == end ? [] : [end]), "every key moment in order, then the end")
        #expect(seen.contains { p.timeline.events[$0].signal == .kill })
        p.press(.char("["))
        #expect(p.state.currentEvent == p.state.keyEvents.last)
    }

    @Test func speedsAreBounded() throws {
        var p = try Played("pid1-no-handler")
        for _ in 0..<20 { p.press(.char("+")) }
        #expect(p.state.speed == 100)
        for _ in 0..<20 { p.press(.char("-")) }
        #expect(p.state.speed == 0.25)
    }

    @Test func theClockFollowsRealTimeTimesSpeed() throws {
        var p = try Played("pid1-no-handler")
        p.press(.char(" "))
        #expect(p.state.playing)
        p.state.advance(realSeconds: 1.5)
        #expect(p.state.time == 1500)
        p.press(.char("+"), .char("+"))  // 5×
        p.state.advance(realSeconds: 2)
        #expect(p.state.time == 11_500)
        #expect(p.state.cursor == PlayerState.countAtOrBefore(11_500, p.timeline.events))
        p.state.advance(realSeconds: 1000)
        #expect(!p.state.playing && p.state.time == p.state.endTime && p.state.cursor == p.timeline.events.count)
        // Paused, the clock stands still.
        p.press(.char("g"))
        p.state.advance(realSeconds: 10)
        #expect(p.state.time == 0)
    }

    @Test func tabCyclesPanesAndJKMoveInside() throws {
        var p = try Played("workloads/sidecar-native-proxy")
        #expect(p.state.focus == .lanes)
        let start = p.state.selectedContainer
        p.press(.char("k"))
        #expect(p.state.selectedContainer == max(0, start - 1))
        p.press(.tab)
        #expect(p.state.focus == .tree)
        p.press(.tab, .char("G"))
        #expect(p.state.focus == .log)
        p.press(.char("k"), .char("k"))
        #expect(p.state.logSelection == p.timeline.events.count - 3)
        #expect(p.state.explainedEvent == p.timeline.events.count - 3)
        p.press(.tab)
        #expect(p.state.focus == .lanes)
    }

    @Test func filterTheLog() throws {
        var p = try Played("pid1-no-handler")
        p.press(.char("G"), .char("/"))
        for c in "sigkill" { p.press(.char(c)) }
        p.press(.enter)
        #expect(!p.state.editingFilter)
        let events = p.state.logEvents(EventText(p.timeline))
        #expect(!events.isEmpty && events.count < p.timeline.events.count)
        #expect(p.frame().contains("filter \"sigkill\""))
        p.press(.char("/"), .escape)
        #expect(p.state.filter.isEmpty)
    }

    @Test func quitKeysAndOverlays() throws {
        var p = try Played("pid1-no-handler")
        p.press(.char("?"))
        #expect(p.state.overlay == .help)
        p.press(.escape)
        #expect(p.state.overlay == nil && !p.state.quit, "Esc first closes the overlay")
        p.press(.escape)
        #expect(p.state.quit)
        var q = try Played("pid1-no-handler")
        q.press(.char("q"))
        #expect(q.state.quit)
        var c = try Played("pid1-no-handler")
        c.press(.char("?"), .interrupt)
        #expect(c.state.quit)
    }

    @Test func steppingBackDrawsWhatSteppingForwardDrew() throws {
        var p = try Played(yaml: GeneratedScenarios.wideTree(children: 400))
        #expect(p.timeline.events.count > 3 * MomentSnapshots.minimumSpacing)
        p.state.focus = .tree
        var forward: [Int: String] = [:]
        let marks = [0, 1, 511, 512, 513, 1100, p.timeline.events.count - 1, p.timeline.events.count]
        for n in marks {
            p.state.seek(events: n)
            forward[n] = p.frame(rows: 40, cols: 120).text
        }
        for n in marks.reversed() {
            p.state.seek(events: p.timeline.events.count)
            p.state.seek(events: n)
            #expect(p.frame(rows: 40, cols: 120).text == forward[n], "after \(n) events")
        }
        #expect(p.adapter.moment(afterEvents: p.timeline.events.count).processes == p.timeline.moment(afterEvent: p.timeline.events.count - 1).processes)
    }
}
