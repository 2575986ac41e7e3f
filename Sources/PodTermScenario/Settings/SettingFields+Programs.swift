import PodTerm

extension SettingFields {
    /// `programs:`: each program's fields, its signal handlers, children, HTTP routes and
    /// supervisord sections. A program, signal or route not in the file is created, as a
    /// `--set` of it would create it in the file's tree.
    static let programs: [SettingField] = {
        func field<V: Sendable>(
            _ suffix: String, _ kind: SettingKind<V>, checks: SettingChecks.Kinds = [],
            _ write: @escaping @Sendable (inout ProgramSpec, SettingPlace, V) throws -> Void
        ) -> SettingField {
            SettingField("programs.*." + suffix, kind, checks: checks) { s, p, v in
                try write(&s.programs[p.key(0), default: ProgramSpec()], p, v)
            }
        }
        /// The handler of signal `p.signal(1)`, created if the program does not list the signal.
        @Sendable func handler(_ spec: inout ProgramSpec, _ p: SettingPlace, _ change: (inout SignalHandlerSpec) throws -> Void) throws {
            let sig = p.signal(1)
            var h = SignalHandlerSpec()
            switch spec.signals[sig] {
            case .handle(let existing)?: h = existing
            case nil: break
            case .ignore?, .default?:
                let at = p.path.split(separator: ".").dropLast().joined(separator: ".")
                let word = spec.signals[sig] == .ignore ? "ignore" : "default"
                throw ValueProblem("\(at) is a value ('\(word)'), not a handler, so it has no '\(p.path.split(separator: ".").last ?? "")'")
            }
            try change(&h)
            spec.signals[sig] = .handle(h)
        }
        @Sendable func supervised(_ spec: inout ProgramSpec, _ p: SettingPlace, _ change: (inout SupervisedProgram) -> Void) throws {
            guard spec.supervisord != nil else { throw ValueProblem("\(p.path): the program is not supervisord") }
            try item(&spec.supervisord!.programs, p.index(1), p) { change(&$0) }
        }
        @Sendable func forwarding(_ h: inout SignalHandlerSpec, _ p: SettingPlace, _ change: (inout SignalForward) -> Void) throws {
            guard h.forward != nil else {
                let at = p.path.split(separator: ".").dropLast().joined(separator: ".")
                throw ValueProblem("\(p.path): applies to a handler that forwards; set \(at).forward=children (or group) first")
            }
            change(&h.forward!)
        }
        /// A script or a preset cannot go with what only the app model does (as the file refuses).
        @Sendable func appOnly(_ q: ProgramSpec, _ p: SettingPlace, _ what: String) throws {
            let forwards = q.signals.values.contains { if case .handle(let h) = $0 { return h.forward != nil } else { return false } }
            let has = !q.blocks.isEmpty ? "blocks:" : !q.sends.isEmpty ? "sends:" : forwards ? "a forwarding handler" : nil
            if let has {
                let at = p.path.split(separator: ".").dropLast().joined(separator: ".")
                throw ValueProblem("\(at): \(has) is for an app's own program and cannot go with \(what): (that program behaves as the real one does); remove one of them")
            }
        }
        let endings: [(String, Int)] = [("exit", 0), ("keepRunning", 1), ("reraise", 2)]
        return [
            field("runsFor", .duration()) { q, _, v in q.runsFor = v },
            field("exitCode", .number(ValueRanges.exitCode)) { q, _, v in q.exitCode = v },
            field("reaps", .cases) { (q: inout ProgramSpec, _, v: ReapPolicy) in q.reaps = v },
            field("readyAfter", .duration()) { q, _, v in q.readyAfter = v },
            field("script", .string(nonEmpty: false), checks: .programs) { q, p, v in
                try appOnly(q, p, "script")
                q.script = v
            },
            field("shell", .cases, checks: .programs) { (q: inout ProgramSpec, p, v: ShellFlavor) in
                guard q.script != nil else {
                    throw ValueProblem("\(p.path): names the interpreter of a script; give the script's lines with script:")
                }
                q.shell = v
            },
            field("preset", .cases) { (q: inout ProgramSpec, p, v: RuntimePreset) in
                try appOnly(q, p, "preset")
                q.preset = v
            },
            field("presetCleanup", .duration()) { q, p, v in
                guard q.preset != nil else {
                    throw ValueProblem("\(p.path): applies to a preset's handlers; add preset: python, jvm, node, go or nginx")
                }
                q.presetCleanup = v
            },
            field("signals.*", .behavior) { q, p, v in q.signals[p.signal(1)] = v },
            field("signals.*.cleanup", .duration()) { q, p, v in try handler(&q, p) { $0.cleanup = v } },
            field("signals.*.exitCode", .number(ValueRanges.exitCode)) { q, p, v in
                try handler(&q, p) { h in
                    guard case .exit = h.then else {
                        let then = h.then == .keepRunning ? "keepRunning" : "reraise"
                        throw ValueProblem("\(p.path.dropLast(9)): exitCode cannot go with then: \(then); set then to exit first")
                    }
                    h.then = .exit(v)
                }
            },
            field("signals.*.then", .oneOf(endings)) { q, p, v in
                try handler(&q, p) { h in
                    // An exit code the handler was given would be dropped: refuse, as the file
                    // refuses exitCode beside keepRunning or reraise. (The typed model cannot tell
                    // a written `exitCode: 0` from the default, so that one is replaced silently.)
                    if v != 0, case .exit(let code) = h.then, code != 0 {
                        let at = p.path.split(separator: ".").dropLast().joined(separator: ".")
                        throw ValueProblem("\(at): exitCode cannot go with then: \(v == 1 ? "keepRunning" : "reraise"): the handler exits \(code); set \(at).exitCode=0 first, or keep then: exit")
                    }
                    switch v {
                    case 1: h.then = .keepRunning
                    case 2: h.then = .reraise
                    default: if case .exit = h.then {} else { h.then = .exit(0) }
                    }
                }
            },
            // A forwarding handler (`app.forward-wait`): `forward` makes the handler one.
            field("signals.*.forward", .cases) { (q: inout ProgramSpec, p, v: ForwardTarget) in
                if q.script != nil || q.supervisord != nil || q.preset != nil {
                    throw ValueProblem("\(p.path): a forwarding handler is for an app's own program, not a script, supervisord or a preset")
                }
                try handler(&q, p) { h in
                    if h.forward == nil { h.forward = SignalForward(to: v) } else { h.forward?.to = v }
                }
            },
            field("signals.*.waitUpTo", .duration(ValueRanges.positiveDuration)) { q, p, v in
                try handler(&q, p) { h in try forwarding(&h, p) { $0.waitUpTo = v } }
            },
            field("signals.*.atLimit", .cases) { (q: inout ProgramSpec, p, v: ForwardLimit) in
                try handler(&q, p) { h in try forwarding(&h, p) { $0.atLimit = v } }
            },
            field("signals.*.limitExitCode", .number(ValueRanges.exitCode)) { q, p, v in
                try handler(&q, p) { h in try forwarding(&h, p) { $0.limitExitCode = v } }
            },
            field("blocks.*.at", .duration()) { q, p, v in try item(&q.blocks, p.index(1), p) { $0.at = v } },
            field("blocks.*.unblockAfter", .duration(ValueRanges.positiveDuration)) { q, p, v in
                try item(&q.blocks, p.index(1), p) { $0.unblockAfter = v }
            },
            field("sends.*.at", .duration()) { q, p, v in try item(&q.sends, p.index(1), p) { $0.at = v } },
            field("sends.*.signal", .signal) { q, p, v in try item(&q.sends, p.index(1), p) { $0.signal = v } },
            field("children.*.setsid", .bool) { q, p, v in try item(&q.children, p.index(1), p) { $0.setsid = v } },
            field("children.*.startAfter", .duration()) { q, p, v in try item(&q.children, p.index(1), p) { $0.startAfter = v } },
            field("http.*.takes", .duration()) { q, p, v in
                q.http[p.key(1)] = HTTPRoute(takes: v, status: q.http[p.key(1)]?.status ?? 200)
            },
            field("http.*.status", .number(ValueRanges.httpStatus)) { q, p, v in
                guard q.http[p.key(1)] != nil else {
                    throw ValueProblem("\(p.path.dropLast(7)): missing key 'takes': how long the request takes, e.g. takes: 5s (set \(p.path.dropLast(7)).takes first)")
                }
                q.http[p.key(1)]?.status = v
            },
            field("supervisord.pollPhase", .duration(ValueRanges.pollPhase)) { q, p, v in
                guard q.supervisord != nil else { throw ValueProblem("\(p.path): the program is not supervisord (it has no supervisord: section)") }
                q.supervisord?.pollPhase = v
            },
            field("supervisord.programs.*.stopsignal", .signal) { q, p, v in try supervised(&q, p) { $0.stopSignal = v } },
            field("supervisord.programs.*.stopwaitsecs", .number(ValueRanges.seconds)) { q, p, v in try supervised(&q, p) { $0.stopWaitSecs = v } },
            field("supervisord.programs.*.stopasgroup", .bool) { q, p, v in try supervised(&q, p) { sp in
                // killasgroup defaults to stopasgroup: when they agree, it follows, as it does in the file.
                if sp.killAsGroup == sp.stopAsGroup { sp.killAsGroup = v }
                sp.stopAsGroup = v
            } },
            field("supervisord.programs.*.killasgroup", .bool) { q, p, v in try supervised(&q, p) { $0.killAsGroup = v } },
            field("supervisord.programs.*.priority", .number(ValueRanges.priority)) { q, p, v in try supervised(&q, p) { $0.priority = v } },
            field("supervisord.programs.*.redirect_stderr", .bool) { q, p, v in try supervised(&q, p) { $0.redirectStderr = v } },
        ]
    }()
}

extension SettingKind where Value == SignalBehavior {
    /// `ignore` or `default` (a handler is given by its fields: `….SIGTERM.cleanup=3s`).
    static var behavior: Self {
        Self { text, what in
            switch text {
            case "ignore": return .ignore
            case "default": return .default
            default:
                throw ValueProblem(
                    "\(what): expected ignore or default (set a handler by its fields, e.g. \(what).cleanup=3s), got \(Scalars.got(text))\(Suggestions.hint(text, in: ["ignore", "default"]))")
            }
        }.shaped(.choice(["ignore", "default"]))
    }
}
