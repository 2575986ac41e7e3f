import PodTerm

/// What a key of the player asks of signals-by-hand and branches (`PlayerState.branchRequest`).
public enum BranchRequest: Equatable, Sendable {
    /// `k` in the process tree: the signal picker for the selected process.
    case sendSignal
    /// `b`: the list of branches.
    case list
    /// `0`: the original, and back to the branch shown before.
    case toggleOriginal

    /// The request `key` makes with `focus`, if any: `k` only in the process tree (elsewhere it
    /// still moves up), `b` and `0` anywhere.
    public static func made(by key: PlayerKey, focus: PlayerState.Pane) -> BranchRequest? {
        switch key {
        case .char("k") where focus == .tree: return .sendSignal
        case .char("b"): return .list
        case .char("0"): return .toggleOriginal
        default: return nil
        }
    }
}

/// Signals sent by hand and branches, in the player: the picker, the list, the set of runs,
/// and which one is shown. The session hands it keys while one of its boxes is open and asks
/// it for a new `PlayerState` when the shown run changes. No terminal in it: tested headless.
public struct BranchDriver: Sendable {
    /// The runs (nil: the player was opened without its scenario, so it cannot branch).
    public private(set) var branches: BranchSet?
    /// The open signal picker.
    public var picker: SignalPickerState?
    /// The open list of branches.
    public var list: BranchListState?
    /// A one-line note for the header (why `k` did nothing).
    public private(set) var note: String?

    /// The driver for `scenario`, whose run with `seed` is `original`.
    public init(scenario: Scenario?, seed: UInt64?, original: Timeline) {
        branches = scenario.map { BranchSet(scenario: $0, seed: seed, original: original) }
    }

    /// Drops the note (at every key: it explains only the key before).
    public mutating func dismissNote() { note = nil }

    /// Whether one of its boxes takes the keys.
    public var isOpen: Bool { picker != nil || list != nil }

    /// Acts on a request from the player's keys, with the process selected in the tree (if
    /// any) and the time shown; returns true when the shown run changed.
    public mutating func open(_ r: BranchRequest, process: Int?, time: Millis) -> Bool {
        note = nil
        guard var b = branches else {
            note = "branches need the scenario: open it with podterm play FILE"
            return false
        }
        switch r {
        case .sendSignal:
            guard let p = process else { note = "select a process in the tree first (Tab to the tree, ↑↓)"; return false }
            var picker = SignalPickerState(process: p, timeline: b.timeline, at: time)
            picker.preview(b)
            self.picker = picker
            return false
        case .list:
            list = BranchListState(b)
            return false
        case .toggleOriginal:
            let before = b.current
            b.toggleOriginal()
            branches = b
            if before == b.current { note = "no branch yet: k in the process tree sends a signal by hand" }
            return before != b.current
        }
    }

    /// Handles a key while a box is open; returns true when the shown run changed.
    public mutating func handle(_ key: PlayerKey) -> Bool {
        guard var b = branches else { return false }
        if var p = picker {
            let outcome = p.handle(key)
            switch outcome {
            case .send(let sig)?:
                picker = nil
                do {
                    try b.send(sig, process: p.process, at: p.time)
                    branches = b
                    return true
                } catch {
                    note = "the branch cannot run: \(error)"
                    return false
                }
            case .cancel?: picker = nil
            case nil:
                p.preview(b)
                picker = p
            }
            return false
        }
        if var l = list {
            switch l.handle(key, count: b.entries.count) {
            case .show(let i)?:
                list = nil
                let before = b.current
                b.show(i)
                branches = b
                return before != i
            case .cancel?: list = nil
            case nil: list = l
            }
        }
        return false
    }

    /// A player on the shown run, with `old`'s panes and selection, at `old`'s time, or for a
    /// branch just made at the moment its signal was sent.
    public func player(from old: PlayerState) -> PlayerState {
        guard let b = branches else { return old }
        var s = PlayerState(timeline: b.timeline, summary: old.summary, story: old.story)
        s.focus = old.focus
        s.selectedContainer = old.selectedContainer
        s.treeRow = old.treeRow
        s.seek(time: old.time)
        return s
    }

    /// The label for the header: which run is shown.
    public var label: String? {
        if let note { return note }
        guard let b = branches, b.current > 0 else { return nil }
        return "branch \(b.current): \(b.entries[b.current].branch.name) · 0 original · b branches · d side by side"
    }

    /// Draws its open box and the label (right-aligned on the top row).
    public func draw(_ g: inout Grid, glyphs: Glyphs) {
        if let text = label {
            let t = glyphs == .ascii ? text.replacingOccurrences(of: "→", with: "->").replacingOccurrences(of: "↑↓", with: "Up/Down") : text
            let w = min(t.count + 2, g.cols)
            g.put(0, g.cols - w, " " + t + " ", .role(note == nil ? .warning : .accent, bold: true), width: w)
        }
        if let picker { picker.draw(&g, glyphs: glyphs) }
        if let list, let b = branches { list.draw(&g, b, glyphs: glyphs) }
    }
}
