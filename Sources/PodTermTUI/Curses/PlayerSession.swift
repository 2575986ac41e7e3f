import CNcursesw
import PodTerm
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive player on the real terminal: the scenario picker, then the player, in one
/// ncurses session that always gives the terminal back (q, Esc, Ctrl-C, SIGTERM, SIGHUP, an
/// error thrown from inside).
///
/// While paused it sleeps in `get_wch` with no time-out (no CPU); while playing it wakes for
/// the next frame and moves the simulated clock by the real time that passed, read from a
/// monotonic clock, times the speed.
public enum PlayerSession {
    /// A scenario ready to play.
    public struct Opened: Sendable {
        public var timeline: Timeline
        public var summary: String
        public var story: String
        /// Start paused at this time (`--at`), else at the beginning.
        public var startAt: Millis?
        /// The what-if of the scenario (`t`), when its text is known.
        public var whatIf: WhatIf?
        /// The scenario and seed it ran with, so that `k` can branch (nil: no branches).
        public var scenario: Scenario?
        public var seed: UInt64?
        /// Workshop mode: the questions and who answers them (nil: no questions).
        public var workshop: WorkshopDriver?

        /// Creates one.
        public init(timeline: Timeline, summary: String, story: String, startAt: Millis? = nil, whatIf: WhatIf? = nil,
                    scenario: Scenario? = nil, seed: UInt64? = nil) {
            self.timeline = timeline
            self.summary = summary
            self.story = story
            self.startAt = startAt
            self.whatIf = whatIf
            self.scenario = scenario
            self.seed = seed
        }
    }

    /// How the session ended.
    public enum Ending: Equatable, Sendable {
        /// q or Esc.
        case quit
        /// Ctrl-C or a signal (SIGINT, SIGTERM, SIGHUP): the exit status should be 128 + it.
        case interrupted(Int32)
    }

    /// A picked scenario that could not be opened; the picker shows `message`.
    public struct OpenFailure: Error, Sendable {
        public var message: String
        /// Creates one.
        public init(_ message: String) { self.message = message }
    }

    /// Time between two frames while playing.
    public static let frameMs: Int32 = 40

    /// Runs the session: the player on `initial`, or the picker over `entries` first.
    /// `open` loads a picked entry. Throws what `TerminalScreen.start` throws.
    public static func run(entries: [PickerEntry], initial: Opened?, open: (PickerEntry) throws -> Opened) throws -> Ending {
        // Decided before initscr: terminfoColors loads and frees a terminal description, which
        // after initscr would free the screen's own.
        let wantsColor = ColorSupport.decide(isTerminal: true, environment: environment(), colors: ColorSupport.terminfoColors)
        let screen = try TerminalScreen.start()
        defer { screen.end() }
        let display = CursesDisplay(screen: screen, colors: wantsColor)
        let glyphs: Glyphs = screen.isUnicode ? .unicode : .ascii
        var current = initial
        var picker = PickerState(entries: entries)
        while true {
            if current == nil {
                picker.chosen = nil
                guard let ending = pick(&picker, display, glyphs, pairs: { i in Self.pairLayout(entries, i, glyphs, open) }) else {
                    do {
                        current = try open(entries[picker.chosen!])
                        picker.message = nil
                    } catch let e as OpenFailure {
                        picker.message = e.message
                    } catch {
                        picker.message = "\(error)"
                    }
                    continue
                }
                return ending
            }
            let (ending, back) = play(current!, display, glyphs)
            if let ending { return ending }
            if back && !entries.isEmpty { current = nil } else { return .quit }
        }
    }

    /// The picker's loop; nil when an entry was chosen.
    static func pick(_ state: inout PickerState, _ display: CursesDisplay, _ glyphs: Glyphs, pairs: (Int) -> SideBySideLayout? = { _ in nil }) -> Ending? {
        let layout = PickerLayout(glyphs: glyphs)
        display.invalidate()
        while true {
            let size = display.screen.size
            var frame = layout.draw(state, rows: size.rows, cols: size.cols)
            if glyphs == .ascii { frame = frame.asciified() }
            display.present(frame)
            switch display.readKey(timeoutMs: -1) {
            case .signal(let s): return .interrupted(s)
            case .resize: display.invalidate()
            case .timeout: break
            case .key(let k):
                if k == .interrupt { return .interrupted(SIGINT) }
                if k == .char("d") {
                    if let l = pairs(state.selected) {
                        if let e = sideBySide(l, display) { return e }
                        display.invalidate()
                    } else {
                        state.message = "side by side: this one has no built-in pair; d works on " + ScenarioPairs.builtin.map(\.problem).joined(separator: ", ") + " and their fixes"
                    }
                    continue
                }
                state.handle(k)
                if state.quit { return .quit }
                if state.chosen != nil { return nil }
            }
        }
    }

    /// The player's loop; returns the ending, or nil and whether `o` asked for the picker.
    static func play(_ opened: Opened, _ display: CursesDisplay, _ glyphs: Glyphs) -> (Ending?, Bool) {
        var layout = PlayerLayout(timeline: opened.timeline, glyphs: glyphs)
        var adapter = MomentAdapter(opened.timeline)
        var state = PlayerState(timeline: opened.timeline, summary: opened.summary, story: opened.story)
        var whatIf = opened.whatIf.map(WhatIfPlayer.init)
        var branches = BranchDriver(scenario: opened.scenario, seed: opened.seed, original: opened.timeline)
        var workshop = opened.workshop
        /// The shown run changed (a branch, the original): the panes draw the new one.
        func showBranch() {
            state = branches.player(from: state)
            layout = PlayerLayout(timeline: state.timeline, glyphs: glyphs)
            adapter = MomentAdapter(state.timeline)
        }
        if let at = opened.startAt { state.seek(time: at) }
        let clock = ContinuousClock()
        var last = clock.now
        let trace = KeyTrace.fromEnvironment()
        var keyReadAt: ContinuousClock.Instant?
        display.invalidate()
        while true {
            let size = display.screen.size
            var frame = layout.draw(state, adapter.moment(for: state), rows: size.rows, cols: size.cols)
            if let whatIf { WhatIfPane.draw(&frame, whatIf, glyphs: glyphs) }
            branches.draw(&frame, glyphs: glyphs)
            workshop?.draw(&frame, glyphs: glyphs)
            if glyphs == .ascii { frame = frame.asciified() }
            display.present(frame)
            if let trace, let k = keyReadAt { trace.write(clock.now - k, cells: display.cellsWritten); keyReadAt = nil }
            let wait: Int32 = state.playing ? frameMs : -1
            let input = display.readKey(timeoutMs: wait)
            let now = clock.now
            let elapsed = now - last
            last = now
            state.advance(realSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            workshop?.check(&state)
            switch input {
            case .signal(let s): return (.interrupted(s), false)
            case .resize: display.invalidate()
            case .timeout: break
            case .key(let k):
                if k == .interrupt { return (.interrupted(SIGINT), false) }
                keyReadAt = now
                branches.dismissNote()
                if workshop?.isOpen == true, k != .char("q") {
                    workshop!.handle(k, &state)
                    workshop!.check(&state)
                    continue
                }
                if branches.isOpen {
                    if branches.handle(k) { showBranch() }
                    continue
                }
                // `d` on a branch: the branch against its original, side by side.
                if k == .char("d"), !state.editingFilter, state.overlay == nil, let b = branches.branches, b.current > 0 {
                    let l = SideBySideLayout(a: b.original, b: b.timeline, titleA: "original",
                                             titleB: b.entries[b.current].branch.name, glyphs: glyphs)
                    if let e = sideBySide(l, display, at: state.time) { return (e, false) }
                    display.invalidate()
                    continue
                }
                // Typing a filter or closing an overlay is the player's; the rest may be a what-if key.
                if var w = whatIf, !state.editingFilter, state.overlay == nil || w.panelOpen {
                    let handled = w.handle(k)
                    whatIf = w
                    switch handled {
                    case .rerun:
                        state = w.player(after: state)
                        layout = w.layout(glyphs: glyphs)
                        adapter = MomentAdapter(w.whatIf.timeline)
                        continue
                    case .handled: continue
                    case .sideBySide:
                        let l = SideBySideLayout(a: w.whatIf.originalTimeline, b: w.whatIf.timeline, titleA: "original",
                                                 titleB: w.whatIf.changes.map { $0.path + "=" + $0.value }.joined(separator: " "), glyphs: glyphs)
                        if let e = sideBySide(l, display, at: state.time) { return (e, false) }
                        display.invalidate()
                        continue
                    case .notMine: break
                    }
                }
                state.handle(k)
                if let r = state.branchRequest {
                    state.branchRequest = nil
                    let p = state.focus == .tree ? TreePane.selected(state, adapter.moment(for: state)) : nil
                    if branches.open(r, process: p, time: state.time) { showBranch() }
                }
                workshop?.check(&state)
                if state.quit { return (.quit, false) }
                if state.backToPicker { return (nil, true) }
            }
        }
    }

    /// The side-by-side screen's loop; the ending, or nil when q or Esc closed it.
    static func sideBySide(_ layout: SideBySideLayout, _ display: CursesDisplay, at time: Millis? = nil) -> Ending? {
        var state = SideBySideState()
        if let time { state.seek(time) }
        display.invalidate()
        while true {
            let size = display.screen.size
            var frame = layout.draw(state, rows: size.rows, cols: size.cols)
            if layout.layoutA.glyphs == .ascii { frame = frame.asciified() }
            display.present(frame)
            switch display.readKey(timeoutMs: -1) {
            case .signal(let s): return .interrupted(s)
            case .resize: display.invalidate()
            case .timeout: break
            case .key(let k):
                state.handle(k, layout)
                if state.interrupted { return .interrupted(SIGINT) }
                if state.closed { return nil }
            }
        }
    }

    /// The side-by-side layout of entry `i` and its pair (`ScenarioPairs`), if it has one that opens.
    static func pairLayout(_ entries: [PickerEntry], _ i: Int, _ glyphs: Glyphs, _ open: (PickerEntry) throws -> Opened) -> SideBySideLayout? {
        guard entries.indices.contains(i), let pair = ScenarioPairs.pair(of: entries[i].name),
              let a = entries.first(where: { $0.name == pair.problem }), let b = entries.first(where: { $0.name == pair.fix }),
              let oa = try? open(a), let ob = try? open(b) else { return nil }
        return SideBySideLayout(a: oa.timeline, b: ob.timeline, titleA: pair.problem, titleB: "\(pair.fix) (\(pair.what))", glyphs: glyphs)
    }

    private static func environment() -> [String: String] {
        var env: [String: String] = [:]
        for key in ["NO_COLOR", "TERM"] { if let v = getenv(key) { env[key] = String(cString: v) } }
        return env
    }
}
