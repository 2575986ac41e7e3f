/// What a language runtime does with one signal by default (`linux-init.md`, "Application runtimes").
///
/// Public so that `podterm verify`'s probe reproduces exactly what the simulation models.
public struct PresetReaction: Equatable, Sendable {
    /// How the runtime reacts.
    public enum Kind: Equatable, Sendable {
        /// A handler that cleans up for `cleanup`, then ends as `ending`. `pid1Exit`: the exit
        /// code when the ending re-raises the signal and the kernel discards it (PID 1).
        /// `preempts`: it replaces a slower shutdown already under way (nginx's SIGTERM after SIGQUIT).
        case shutdown(cleanup: Millis, ending: HandlerEnding, pid1Exit: Int?, preempts: Bool)
        /// A handler that does its work and keeps running (reload, reopen logs, thread dump).
        case keepRunning
    }

    /// How the runtime reacts.
    public var kind: Kind
    /// The runtime leaves the signal ignored when it was ignored at start (inherited SIG_IGN).
    public var respectsInheritedIgnore: Bool
}

extension RuntimePreset {
    /// The rule that explains this runtime's defaults.
    var rule: Rule {
        switch self {
        case .python: return .appPython
        case .jvm: return .appJvm
        case .node: return .appNode
        case .go: return .appGo
        case .nginx: return .appNginx
        }
    }

    /// The signals this runtime handles by default, and how. `cleanup`: the program's `presetCleanup`.
    public func reactions(cleanup: Millis) -> [Signal: PresetReaction] {
        func shutdown(_ c: Millis, _ e: HandlerEnding, pid1Exit: Int? = nil, preempts: Bool = false, respectsIgnore: Bool) -> PresetReaction {
            PresetReaction(kind: .shutdown(cleanup: c, ending: e, pid1Exit: pid1Exit, preempts: preempts), respectsInheritedIgnore: respectsIgnore)
        }
        switch self {
        case .python:
            // KeyboardInterrupt; at exit CPython re-raises SIGINT with SIG_DFL, else exits 130.
            return [.int: shutdown(cleanup, .reraise, pid1Exit: Signal.int.exitCode, respectsIgnore: true)]
        case .jvm:
            // java.lang.Terminator: HUP, INT, TERM run the shutdown hooks, then exit 128+N.
            var r: [Signal: PresetReaction] = [:]
            for s in [Signal.hup, .int, .term] { r[s] = shutdown(cleanup, .exit(s.exitCode), respectsIgnore: true) }
            r[.quit] = PresetReaction(kind: .keepRunning, respectsInheritedIgnore: false)
            return r
        case .node:
            return [:]
        case .go:
            // runtime sighandler → dieFromSignal: SIG_DFL + raise; still alive (PID 1) → exit(2).
            return [
                .hup: shutdown(0, .reraise, pid1Exit: 2, respectsIgnore: true),
                .int: shutdown(0, .reraise, pid1Exit: 2, respectsIgnore: true),
                .term: shutdown(0, .reraise, pid1Exit: 2, respectsIgnore: false),
            ]
        case .nginx:
            return [
                .term: shutdown(0, .exit(0), preempts: true, respectsIgnore: false),
                .int: shutdown(0, .exit(0), preempts: true, respectsIgnore: false),
                .quit: shutdown(cleanup, .exit(0), respectsIgnore: false),
                .hup: PresetReaction(kind: .keepRunning, respectsInheritedIgnore: false),
                .usr1: PresetReaction(kind: .keepRunning, respectsInheritedIgnore: false),
            ]
        }
    }
}

/// A declared program that names a runtime `preset`: the runtime's default handlers, with the
/// program's own `signals:` entries winning; everything else (children, run time, reaping, HTTP)
/// is the plain `AppProgram`'s.
final class PresetAppProgram: ProgramModel {
    let spec: ProgramSpec
    let preset: RuntimePreset
    private let inner: AppProgram
    private let reactions: [Signal: PresetReaction]
    /// The preset handlers actually installed (not overridden, not left ignored).
    private var installed = SignalSet()
    private var shutdown: (signal: Signal, serial: Int, endsAt: Millis)?
    private var serial = 0

    init(spec: ProgramSpec, preset: RuntimePreset) {
        self.spec = spec
        self.preset = preset
        inner = AppProgram(spec: spec)
        reactions = preset.reactions(cleanup: spec.presetCleanup).filter { spec.signals[$0.key] == nil }
    }

    func start(_ p: ProcessHandle) {
        for s in reactions.keys.sorted() {
            let r = reactions[s]!
            if r.respectsInheritedIgnore && p.disposition(s) == .ignore { continue }
            p.setDisposition(s, .handler)
            installed.insert(s)
        }
        inner.start(p)
    }

    func handleSignal(_ s: Signal, _ p: ProcessHandle) {
        guard installed.contains(s), let r = reactions[s] else {
            inner.handleSignal(s, p)
            return
        }
        switch r.kind {
        case .keepRunning:
            p.record(.signalCaught(cleanup: 0), signal: s, rule: preset.rule)
        case .shutdown(let cleanup, _, _, let preempts):
            if let current = shutdown {
                guard preempts, p.now + cleanup < current.endsAt else {
                    p.record(.signalCaughtAgain, signal: s, rule: preset.rule)
                    return
                }
            }
            serial += 1
            shutdown = (s, serial, p.now + cleanup)
            p.record(.signalCaught(cleanup: cleanup), signal: s, rule: preset.rule)
            p.workloadStopping(s)
            p.after(cleanup, .presetShutdownDone(serial: serial, signal: s))
        }
    }

    func timer(_ timer: ProgramTimer, _ p: ProcessHandle) {
        guard case .presetShutdownDone(let n, let s) = timer else {
            inner.timer(timer, p)
            return
        }
        guard let current = shutdown, current.serial == n, current.signal == s,
              case .shutdown(_, let ending, let pid1Exit, _)? = reactions[s]?.kind else { return }
        switch ending {
        case .exit(let code):
            p.exit(code, rule: preset.rule)
        case .keepRunning:
            shutdown = nil
        case .reraise:
            p.setDisposition(s, .default)
            p.kill(p.pid, s, rule: preset.rule)
            if p.isAlive && p.isNamespaceInit { p.exit(pid1Exit ?? s.exitCode, rule: preset.rule) }
        }
    }

    func childDied(_ child: Int, _ status: WaitStatus, _ p: ProcessHandle) {
        inner.childDied(child, status, p)
    }

    func httpRoute(_ path: String) -> HTTPRoute? { inner.httpRoute(path) }

    var readyAfter: Millis { inner.readyAfter }
}
