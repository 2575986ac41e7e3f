import PodTerm

/// Everything the player remembers between frames: where it is in the run, whether it plays
/// and how fast, which pane has the focus, what is selected, which overlay is open.
///
/// A value with no terminal in it: `handle(_:)` applies a key, `advance(realSeconds:)` moves
/// the clock while playing, and the layout draws it, so all of it is tested without ncurses.
public struct PlayerState: Sendable {
    /// The panes Tab moves between.
    public enum Pane: Int, Sendable, CaseIterable { case lanes, tree, log }
    /// What covers the panes.
    public enum Overlay: Sendable, Equatable { case help, explanation(Int), story }

    /// The run.
    public let timeline: Timeline
    /// The scenario's summary and story (for the story overlay).
    public let summary: String
    public let story: String
    /// The indices of the key events (`]` and `[`).
    public let keyEvents: [Int]
    /// Events applied so far (0…events.count); the current event is `cursor - 1`.
    public private(set) var cursor = 0
    /// The simulated time shown.
    public private(set) var time: Millis = 0
    /// Exact simulated time while playing (ms, fractional).
    private var exactTime: Double = 0
    /// Whether the clock runs.
    public private(set) var playing = false
    /// Index into `speeds`.
    public private(set) var speedIndex = 2
    /// The speeds of `+` and `-`, × real time.
    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100]
    /// The focused pane.
    public var focus: Pane = .lanes
    /// The container whose process tree is shown.
    public var selectedContainer = 0
    /// The selected row of the process tree.
    public var treeRow = 0
    /// The event selected in the log (nil: follows the current event).
    public var logSelection: Int?
    /// The open overlay.
    public var overlay: Overlay?
    /// The log's filter, and whether it is being typed.
    public var filter = ""
    public var editingFilter = false
    /// Set by q, Esc (with nothing open) and Ctrl-C.
    public private(set) var quit = false
    /// Set by `o`: back to the scenario picker.
    public private(set) var backToPicker = false
    /// Set by `k` (in the tree), `b` and `0`: for the session's `BranchDriver`, which clears it.
    public var branchRequest: BranchRequest?

    /// A player at the start of `timeline`, paused.
    public init(timeline: Timeline, summary: String = "", story: String = "") {
        self.timeline = timeline
        self.summary = summary
        self.story = story
        keyEvents = KeyMoments.indices(timeline)
        selectedContainer = timeline.containers.firstIndex { !$0.isSidecar } ?? 0
    }

    /// The end of the run.
    public var endTime: Millis { max(timeline.endedAt, timeline.events.last?.time ?? 0) }
    /// The speed, × real time.
    public var speed: Double { Self.speeds[speedIndex] }
    /// The current event, if any has happened.
    public var currentEvent: Int? { cursor > 0 ? cursor - 1 : nil }
    /// The event the explanation panel describes: the log's selection, else the current one.
    public var explainedEvent: Int? { logSelection ?? currentEvent }

    /// Jumps to `ms` (clamped to the run), paused or not: every event at or before it applied.
    public mutating func seek(time ms: Millis) {
        let t = min(max(ms, 0), endTime)
        time = t
        exactTime = Double(t.ms)
        cursor = Self.countAtOrBefore(t, timeline.events)
        logSelection = nil
    }

    /// Jumps to just after event `count - 1` (0: before the first).
    public mutating func seek(events count: Int) {
        cursor = min(max(count, 0), timeline.events.count)
        time = cursor > 0 ? timeline.events[cursor - 1].time : 0
        exactTime = Double(time.ms)
        logSelection = nil
    }

    /// Moves the clock by `realSeconds` of real time at the current speed; stops at the end.
    public mutating func advance(realSeconds: Double) {
        guard playing else { return }
        exactTime += realSeconds * 1000 * speed
        if exactTime >= Double(endTime.ms) {
            exactTime = Double(endTime.ms)
            playing = false
        }
        time = Millis(Int(exactTime))
        cursor = Self.countAtOrBefore(time, timeline.events)
        logSelection = nil
    }

    /// Real seconds until the clock reaches the next event (nil: not playing or none left).
    public var realSecondsToNextEvent: Double? {
        guard playing, cursor < timeline.events.count else { return nil }
        return max(0, (Double(timeline.events[cursor].time.ms) - exactTime) / 1000 / speed)
    }

    /// Applies one key.
    public mutating func handle(_ key: PlayerKey) {
        if key == .interrupt { quit = true; return }
        if editingFilter { editFilter(key); return }
        if let o = overlay {
            // Any key closes an overlay; `?` and Enter toggle their own.
            overlay = nil
            if case .char("q") = key { quit = true }
            if o == .help, key == .char("?") { return }
            if case .explanation = o, key == .enter { return }
            if key == .escape || key == .char("?") || key == .enter || key == .char("s") { return }
        }
        if let r = BranchRequest.made(by: key, focus: focus) { playing = false; branchRequest = r; return }
        switch key {
        case .char(" "):
            if !playing && cursor >= timeline.events.count && time >= endTime { seek(events: 0) }
            playing.toggle()
        case .right, .char("l"): playing = false; seek(events: cursor + 1)
        case .left, .char("h"): playing = false; seek(events: cursor - 1)
        case .char("]"):
            playing = false
            if let next = keyEvents.first(where: { $0 >= cursor }) { seek(events: next + 1) } else { seek(events: timeline.events.count) }
        case .char("["):
            playing = false
            if let prev = keyEvents.last(where: { $0 < cursor - 1 }) { seek(events: prev + 1) } else { seek(events: 0) }
        case .char("g"), .home: playing = false; seek(events: 0)
        case .char("G"), .end: playing = false; seek(events: timeline.events.count)
        case .char("+"), .char("="): speedIndex = min(speedIndex + 1, Self.speeds.count - 1)
        case .char("-"), .char("_"): speedIndex = max(speedIndex - 1, 0)
        case .tab: focus = Pane(rawValue: (focus.rawValue + 1) % Pane.allCases.count)!
        case .backTab: focus = Pane(rawValue: (focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
        case .down, .char("j"): move(1)
        case .up, .char("k"): move(-1)
        case .pageDown: move(10)
        case .pageUp: move(-10)
        case .enter: if let e = explainedEvent { overlay = .explanation(e) }
        case .char("/"): editingFilter = true; focus = .log
        case .char("?"): overlay = .help
        case .char("s"): overlay = .story
        case .char("o"): backToPicker = true
        case .char("q"), .escape: quit = true
        default: break
        }
    }

    /// The events the log lists: those up to now that match the filter.
    public func logEvents(_ words: EventText) -> [Int] {
        let upTo = 0..<cursor
        guard !filter.isEmpty else { return Array(upTo) }
        let f = filter.lowercased()
        return upTo.filter { i in
            let e = timeline.events[i]
            return words.message(e, atEvent: i).lowercased().contains(f) || e.rule.id.contains(f)
                || words.actorName(e.actor, atEvent: i).lowercased().contains(f) || words.containerName(e).lowercased().contains(f)
        }
    }

    private mutating func move(_ by: Int) {
        switch focus {
        case .lanes:
            let n = timeline.containers.count
            if n > 0 { selectedContainer = min(max(selectedContainer + by, 0), n - 1); treeRow = 0 }
        case .tree:
            treeRow = max(0, treeRow + by)  // the layout clamps it to the tree's size
        case .log:
            let events = logEvents(EventText(timeline))
            guard !events.isEmpty else { return }
            let at = events.firstIndex(of: explainedEvent ?? events.last!) ?? events.count - 1
            logSelection = events[min(max(at + by, 0), events.count - 1)]
        }
    }

    private mutating func editFilter(_ key: PlayerKey) {
        switch key {
        case .enter: editingFilter = false
        case .escape: editingFilter = false; filter = ""
        case .backspace: if !filter.isEmpty { filter.removeLast() }
        case .char(let c): if filter.count < 40 { filter.append(c) }
        default: break
        }
        logSelection = nil
    }

    /// How many events happen at or before `t` (events are in time order).
    static func countAtOrBefore(_ t: Millis, _ events: [TimelineEvent]) -> Int {
        var lo = 0, hi = events.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if events[mid].time <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
