import PodTerm

/// The probe's spec file (see `Sources/podterm-probe/probe.c`): a program of `programs:` as
/// the probe reproduces it.
enum ProbeSpec {
    /// - Parameter ballastMB: memory the probe holds (see `Staging.supervisedBallastMB`).
    static func render(name: String, _ spec: ProgramSpec, ballastMB: Int = 0, rewrite: (String) -> String) -> String {
        var lines = ["name\t\(name)"]
        if ballastMB > 0 { lines.append("ballast\t\(ballastMB)") }
        for sig in spec.signals.keys.sorted() {
            switch spec.signals[sig]! {
            case .default: lines.append("signal\t\(sig.rawValue)\tdefault")
            case .ignore: lines.append("signal\t\(sig.rawValue)\tignore")
            case .handle(let h):
                if let f = h.forward {
                    let code: Int
                    if case .exit(let c) = h.then { code = c } else { code = spec.exitCode }
                    lines.append("signal\t\(sig.rawValue)\tforward\t\(f.to.rawValue)\t\(f.waitUpTo.map { String($0.ms) } ?? "-1")\t\(f.atLimit.rawValue)\t\(code)\t\(f.limitExitCode ?? code)")
                    continue
                }
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
            // The simulation's own table, so the probe does exactly what the model says.
            let reactions = preset.reactions(cleanup: spec.presetCleanup)
            for sig in reactions.keys.sorted() where spec.signals[sig] == nil {
                let r = reactions[sig]!
                let respects = r.respectsInheritedIgnore ? 1 : 0
                switch r.kind {
                case .keepRunning:
                    lines.append("preset\t\(sig.rawValue)\tkeep\t\(respects)")
                case .shutdown(let cleanup, let ending, let pid1Exit, let preempts):
                    let (word, exit): (String, Int)
                    switch ending {
                    case .exit(let c): (word, exit) = ("exit", c)
                    case .reraise: (word, exit) = ("reraise", pid1Exit ?? sig.exitCode)
                    case .keepRunning: (word, exit) = ("exit", 0)
                    }
                    lines.append("preset\t\(sig.rawValue)\tshutdown\t\(cleanup)\t\(word)\t\(exit)\t\(preempts ? 1 : 0)\t\(respects)")
                }
            }
        }
        for b in spec.blocks {
            lines.append((["block", String(b.at.ms), b.unblockAfter.map { String($0.ms) } ?? "-1"] + b.signals.signals.map { String($0.rawValue) }).joined(separator: "\t"))
        }
        for d in spec.sends {
            let target: String
            switch d.target {
            case .parent: target = "parent"
            case .group: target = "group"
            case .pid1: target = "pid1"
            case .process(let name): target = "name\t" + (name.split(separator: "/").last.map(String.init) ?? name)
            }
            lines.append("send\t\(d.at.ms)\t\(d.signal.rawValue)\t\(target)")
        }
        if let r = spec.runsFor { lines.append("runs-for\t\(r)") }
        lines.append("exit-code\t\(spec.exitCode)")
        lines.append("reaps\t\(spec.reaps.rawValue)")
        for c in spec.children {
            lines.append((["child", c.setsid ? "1" : "0", String(c.startAfter.ms)] + c.command.map(rewrite)).joined(separator: "\t"))
            if !c.closes.isEmpty { lines.append((["child-closes"] + c.closes.map(\.rawValue)).joined(separator: "\t")) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
