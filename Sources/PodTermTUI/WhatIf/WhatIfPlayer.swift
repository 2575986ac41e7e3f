import Foundation
import PodTerm
import PodTermScenario

/// The what-if keys of the player and what they draw: `t` opens the tunables panel, ← → (or
/// `-` `+`) step the selected value and re-run at once, Enter types a value, `u` undoes,
/// `U` (or Ctrl-R) redoes, `w` writes the changed scenario, `d` shows the run side by side
/// with the original. While something is changed, the original and the new outcome are shown
/// side by side at the bottom and the events that changed are marked in the log and lanes.
///
/// A value with no terminal: `handle(_:)` says whether it took the key and whether the run
/// changed; `player(after:)` gives the player state for the new run at the same time.
public struct WhatIfPlayer: Sendable {
    /// What `handle` did with a key.
    public enum Handled: Equatable, Sendable {
        /// Not a what-if key: the player handles it.
        case notMine
        /// Taken; the run is the same.
        case handled
        /// Taken, and the run changed: rebuild the player with `player(after:)`.
        case rerun
        /// Taken: show the run side by side with the original.
        case sideBySide
    }

    public private(set) var whatIf: WhatIf
    /// Whether the tunables panel is open.
    public private(set) var panelOpen = false
    /// The selected row of the panel.
    public private(set) var row = 0
    /// The value being typed (Enter), if any.
    public private(set) var editing: String?
    /// The last message (a refused value, a written file).
    public private(set) var message: String?
    /// Where `w` writes: `PODTERM_WHATIF_DIR` if set, else the current directory.
    public var writeDirectory = ProcessInfo.processInfo.environment["PODTERM_WHATIF_DIR"] ?? "."
    /// The path of the last file `w` wrote.
    public private(set) var written: String?

    /// The what-if keys over `whatIf`.
    public init(_ whatIf: WhatIf) { self.whatIf = whatIf }

    /// Applies one key.
    public mutating func handle(_ key: PlayerKey) -> Handled {
        if let text = editing { return edit(text, key) }
        if !panelOpen {
            switch key {
            case .char("t"): panelOpen = true; message = nil; return .handled
            case .char("u"): return undo()
            case .char("U"), .char("\u{12}"): return redo()
            case .char("w"): write(); return .handled
            case .char("d"): return whatIf.isChanged ? .sideBySide : .notMine
            default: return .notMine
            }
        }
        let n = whatIf.tunables.count
        switch key {
        case .escape, .char("t"), .char("q"): panelOpen = false
        case .down, .char("j"): row = min(row + 1, max(0, n - 1))
        case .up, .char("k"): row = max(row - 1, 0)
        case .pageDown: row = min(row + 10, max(0, n - 1))
        case .pageUp: row = max(row - 10, 0)
        case .right, .char("l"), .char("+"), .char("="): return step(1)
        case .left, .char("h"), .char("-"), .char("_"): return step(-1)
        case .enter:
            if let t = selected { editing = whatIf.value(of: t.path) ?? t.value }
        case .char("u"): return undo()
        case .char("U"), .char("\u{12}"): return redo()
        case .char("w"): write()
        case .char("d"): return whatIf.isChanged ? .sideBySide : .handled
        case .char(" "), .char("["), .char("]"), .char("g"), .char("G"), .interrupt: return .notMine
        default: break
        }
        return .handled
    }

    /// The selected tunable.
    public var selected: Tunable? { whatIf.tunables.indices.contains(row) ? whatIf.tunables[row] : nil }

    /// The player for the current run, at `old`'s simulated time, pane and container kept.
    public func player(after old: PlayerState) -> PlayerState {
        var s = PlayerState(timeline: whatIf.timeline, summary: old.summary, story: old.story)
        s.focus = old.focus
        if whatIf.timeline.containers.indices.contains(old.selectedContainer) { s.selectedContainer = old.selectedContainer }
        s.seek(time: old.time)
        return s
    }

    /// The layout for the current run, the changed events marked.
    public func layout(glyphs: Glyphs) -> PlayerLayout {
        var l = PlayerLayout(timeline: whatIf.timeline, glyphs: glyphs)
        l.marks = whatIf.diff?.differsInB
        return l
    }

    /// Draws the what-if (panel, both outcomes) over a player frame.
    public func draw(over g: inout Grid, glyphs: Glyphs) { WhatIfPane.draw(&g, self, glyphs: glyphs) }

    /// Sets the selected value to `value` (as typed or stepped).
    public mutating func set(_ value: String) -> Handled {
        guard let t = selected else { return .handled }
        do {
            try whatIf.set(t.path, to: value)
            message = nil
            return .rerun
        } catch let e as ScenarioError {
            message = e.message
        } catch {
            message = "\(error)"
        }
        return .handled
    }

    private mutating func step(_ by: Int) -> Handled {
        guard let t = selected else { return .handled }
        guard let v = TunableStep.next(whatIf.value(of: t.path) ?? t.value, t, by: by) else {
            message = "\(t.path): no steps for this value; Enter types one"
            return .handled
        }
        return set(v)
    }

    private mutating func undo() -> Handled {
        guard whatIf.undo() else { message = "nothing to undo"; return .handled }
        message = nil
        return .rerun
    }

    private mutating func redo() -> Handled {
        guard whatIf.redo() else { message = "nothing to redo"; return .handled }
        message = nil
        return .rerun
    }

    private mutating func edit(_ text: String, _ key: PlayerKey) -> Handled {
        switch key {
        case .enter:
            editing = nil
            return set(text)
        case .escape: editing = nil
        case .backspace: editing = String(text.dropLast())
        case .char(let c): if text.count < 200 { editing = text + String(c) }
        case .interrupt: return .notMine
        default: break
        }
        return .handled
    }

    /// `w`: the changed scenario as a new file in `writeDirectory` (never over an existing one).
    private mutating func write() {
        guard whatIf.isChanged else { message = "nothing changed yet: t opens the values"; return }
        do {
            let result = try whatIf.rewritten()
            let base = whatIf.original.scenario.name.replacingOccurrences(of: "/", with: "-") + "-whatif"
            var path = writeDirectory + "/" + base + ".yaml"
            var n = 2
            while FileManager.default.fileExists(atPath: path) {
                path = writeDirectory + "/\(base)-\(n).yaml"
                n += 1
            }
            try result.text.write(toFile: path, atomically: true, encoding: .utf8)
            written = path
            message = "wrote \(path)" + (result.inPlace ? (result.notWritten.isEmpty ? "" : " (some values as --set in its header)") : " (original text; the changes as --set in its header)")
        } catch {
            message = "could not write: \(error)"
        }
    }
}
