import PodTerm

/// The probe's spec file (see `Sources/podterm-probe/probe.c`): a program of `programs:` as
/// the probe reproduces it.
enum ProbeSpec {
    static func render(name: String, _ spec: ProgramSpec, rewrite: (String) -> String) -> String {
        var lines = ["name\t\(name)"]
        for sig in spec.signals.keys.sorted() {
            switch spec.signals[sig]! {
            case .default: lines.append("signal\t\(sig.rawValue)\tdefault")
            case .ignore: lines.append("signal\t\(sig.rawValue)\tignore")
            case .handle(let h):
                let ending: String
                switch h.then {
                case .exit(let c): ending = "exit\t\(c)"
                case .keepRunning: ending = "keep"
                case .reraise: ending = "reraise"
                }
                lines.append("signal\t\(sig.rawValue)\thandle\t\(h.cleanup)\t\(ending)")
            }
        }
        if let preset = spec.preset {
            let reactions = PresetTable.reactions(preset, cleanup: spec.presetCleanup)
            for sig in reactions.keys.sorted() where spec.signals[sig] == nil {
                let r = reactions[sig]!
                switch r.kind {
                case .keep:
                    lines.append("preset\t\(sig.rawValue)\tkeep\t\(r.respectsIgnore ? 1 : 0)")
                case .shutdown(let cleanup, let exit, let reraise, let preempts):
                    let ending = reraise ? "reraise" : "exit"
                    lines.append("preset\t\(sig.rawValue)\tshutdown\t\(cleanup)\t\(ending)\t\(exit)\t\(preempts ? 1 : 0)\t\(r.respectsIgnore ? 1 : 0)")
                }
            }
        }
        if let r = spec.runsFor { lines.append("runs-for\t\(r)") }
        lines.append("exit-code\t\(spec.exitCode)")
        lines.append("reaps\t\(spec.reaps.rawValue)")
        for c in spec.children {
            lines.append((["child", c.setsid ? "1" : "0", String(c.startAfter)] + c.command.map(rewrite)).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The default signal behaviour of the language runtimes a program can name with `preset:`,
/// as the simulation models them (`Sources/PodTerm/Programs/RuntimePresets.swift`,
/// `RuntimePreset.reactions`, which is internal to the engine). Keep the two in step.
enum PresetTable {
    struct Reaction {
        enum Kind {
            case keep
            /// Cleanup, then exit `exit`, or (reraise) re-raise and exit `exit` if still alive.
            case shutdown(cleanup: Millis, exit: Int, reraise: Bool, preempts: Bool)
        }
        var kind: Kind
        var respectsIgnore: Bool
    }

    static func reactions(_ preset: RuntimePreset, cleanup: Millis) -> [Signal: Reaction] {
        func shutdown(_ c: Millis, exit: Int, reraise: Bool, preempts: Bool = false, respectsIgnore: Bool) -> Reaction {
            Reaction(kind: .shutdown(cleanup: c, exit: exit, reraise: reraise, preempts: preempts), respectsIgnore: respectsIgnore)
        }
        switch preset {
        case .python:
            return [.int: shutdown(cleanup, exit: Signal.int.exitCode, reraise: true, respectsIgnore: true)]
        case .jvm:
            var r: [Signal: Reaction] = [:]
            for s in [Signal.hup, .int, .term] { r[s] = shutdown(cleanup, exit: s.exitCode, reraise: false, respectsIgnore: true) }
            r[.quit] = Reaction(kind: .keep, respectsIgnore: false)
            return r
        case .node:
            return [:]
        case .go:
            return [
                .hup: shutdown(0, exit: 2, reraise: true, respectsIgnore: true),
                .int: shutdown(0, exit: 2, reraise: true, respectsIgnore: true),
                .term: shutdown(0, exit: 2, reraise: true, respectsIgnore: false),
            ]
        case .nginx:
            return [
                .term: shutdown(0, exit: 0, reraise: false, preempts: true, respectsIgnore: false),
                .int: shutdown(0, exit: 0, reraise: false, preempts: true, respectsIgnore: false),
                .quit: shutdown(cleanup, exit: 0, reraise: false, respectsIgnore: false),
                .hup: Reaction(kind: .keep, respectsIgnore: false),
                .usr1: Reaction(kind: .keep, respectsIgnore: false),
            ]
        }
    }
}
