import Foundation
import PodTerm

/// A decoded program, with the nodes later checks point at.
struct DecodedProgram {
    var spec: ProgramSpec
    var path: String
    var keyNode: SourceNode
    /// The `command` node of each child, in order.
    var childCommandNodes: [SourceNode]
    /// The `process:` node of each send that names a process, with the name.
    var sendProcessNodes: [(name: String, node: SourceNode)] = []
}

/// Decodes `programs:`: executable path or base name → how the program behaves.
enum ProgramDecoding {
    static let keys = [
        "signals", "runsFor", "exitCode", "reaps", "children", "http",
        "script", "shell", "preset", "presetCleanup", "supervisord", "readyAfter", "blocks", "sends",
    ]
    static let blockKeys = ["signals", "at", "unblockAfter"]
    static let sendKeys = ["at", "signal", "to", "process"]
    /// The words of a send's `to:`.
    static let sendTargets: [(String, SendTarget)] = [("parent", .parent), ("group", .group), ("pid1", .pid1)]
    static let childKeys = ["command", "setsid", "startAfter", "closes"]
    static let routeKeys = ["takes", "status"]
    static let supervisordKeys = ["programs", "pollPhase"]
    static let supervisedKeys = ["name", "command", "stopsignal", "stopwaitsecs", "stopasgroup", "killasgroup", "priority", "redirect_stderr"]
    static let handlerKeys = ["cleanup", "exitCode", "then", "forward", "waitUpTo", "atLimit", "limitExitCode"]

    static func decode(_ node: SourceNode?) throws -> [String: DecodedProgram] {
        guard let node else { return [:] }
        var out: [String: DecodedProgram] = [:]
        for e in try ImageDecoding.entries(node, path: "programs", example: "/app/server: {signals: {SIGTERM: {cleanup: 3s}}}") {
            out[e.key] = try program(e.value, path: "programs.\(e.key)", keyNode: e.keyNode)
        }
        return out
    }

    static func program(_ node: SourceNode, path: String, keyNode: SourceNode) throws -> DecodedProgram {
        let p = try MappingReader(node, path: path, known: keys)
        var spec = ProgramSpec()
        if let signals = p.value("signals") { spec.signals = try self.signals(signals, path: path + ".signals") }
        spec.runsFor = try p.duration("runsFor")
        spec.exitCode = try p.int("exitCode", ValueRanges.exitCode) ?? 0
        spec.reaps = try p.oneOf("reaps", ReapPolicy.allCases.map { ($0.rawValue, $0) }) ?? .ownChildren
        var childNodes: [SourceNode] = []
        if let children = p.value("children") {
            let items = try Scalars.list(children, path + ".children", example: "- command: [/app/worker]")
            for (i, item) in items.enumerated() {
                let cpath = "\(path).children.\(i)"
                let c = try MappingReader(item, path: cpath, known: childKeys)
                let command = try c.required("command")
                spec.children.append(ChildSpec(
                    command: try Scalars.stringList(command, cpath + ".command", nonEmpty: true),
                    setsid: try c.bool("setsid") ?? false,
                    startAfter: try c.duration("startAfter") ?? 0,
                    closes: try streams(c.value("closes"), path: cpath + ".closes")))
                childNodes.append(command)
            }
        }
        if let http = p.value("http") {
            for e in try ImageDecoding.entries(http, path: path + ".http", example: "/drain: {takes: 5s}") {
                let rpath = "\(path).http.\(e.key)"
                let r = try MappingReader(e.value, path: rpath, known: routeKeys)
                let takes = try Scalars.duration(try r.required("takes", ": how long the request takes, e.g. takes: 5s"), rpath + ".takes")
                spec.http[e.key] = HTTPRoute(takes: takes, status: try r.int("status", ValueRanges.httpStatus) ?? HTTPRoute.defaultStatus)
            }
        }
        spec.readyAfter = try p.duration("readyAfter") ?? 0
        spec.script = try p.string("script")
        spec.shell = try p.oneOf("shell", ShellFlavor.allCases.map { ($0.rawValue, $0) })
        if spec.shell != nil, spec.script == nil, let k = p.entry("shell")?.keyNode {
            throw LocatedError(at: k, "\(path).shell: names the interpreter of a script; give the script's lines with script:")
        }
        spec.preset = try p.oneOf("preset", RuntimePreset.allCases.map { ($0.rawValue, $0) })
        spec.presetCleanup = try p.duration("presetCleanup") ?? 0
        if spec.preset == nil, let k = p.entry("presetCleanup")?.keyNode {
            throw LocatedError(at: k, "\(path).presetCleanup: applies to a preset's handlers; add preset: python, jvm, node, go or nginx")
        }
        if let b = p.value("blocks") { spec.blocks = try blocks(b, path: path + ".blocks") }
        var sendNodes: [(name: String, node: SourceNode)] = []
        if let s = p.value("sends") {
            spec.sends = try sends(s, path: path + ".sends")
            for item in try Scalars.list(s, path + ".sends", example: "") {
                if case .mapping(let entries) = item.content, let e = entries.first(where: { $0.key == "process" }),
                   case .scalar(let v) = e.value.content {
                    sendNodes.append((v.text, e.value))
                }
            }
        }
        if let sv = p.value("supervisord") {
            spec.supervisord = try supervisord(sv, path: path + ".supervisord")
        }
        // The three are what the app model does (`AppProgram`); a script, supervisord and a
        // runtime preset behave as their own programs do.
        let other = spec.script != nil ? "script" : spec.supervisord != nil ? "supervisord" : spec.preset != nil ? "preset" : nil
        if let other {
            let forwarding = spec.signals.keys.sorted().first { sig in
                if case .handle(let h)? = spec.signals[sig], h.forward != nil { return true } else { return false }
            }
            let found: (String, SourceNode)? = p.entry("blocks").map { ("blocks:", $0.keyNode) } ?? p.entry("sends").map { ("sends:", $0.keyNode) }
                ?? (forwarding != nil ? p.entry("signals").map { ("a forwarding handler", $0.keyNode) } : nil)
            if let (what, key) = found {
                throw LocatedError(
                    at: key, "\(path): \(what) is for an app's own program and cannot go with \(other): (that program behaves as the real one does); remove one of them")
            }
        }
        var decoded = DecodedProgram(spec: spec, path: path, keyNode: keyNode, childCommandNodes: childNodes)
        decoded.sendProcessNodes = sendNodes
        return decoded
    }

    /// `blocks:`: `sigprocmask` blocks, each `{signals: [SIGTERM], at: 1s, unblockAfter: 2s}`.
    static func blocks(_ node: SourceNode, path: String) throws -> [SignalBlock] {
        let items = try Scalars.list(node, path, example: "- {signals: [SIGTERM], at: 0s, unblockAfter: 2s}")
        try Scalars.checkCount(items, ValueRanges.timedActions, path)
        return try items.enumerated().map { i, item in
            let bpath = "\(path).\(i)"
            let r = try MappingReader(item, path: bpath, known: blockKeys)
            let list = try r.required("signals", ": the signals it blocks, e.g. signals: [SIGTERM]")
            var set = SignalSet()
            let names = try Scalars.list(list, bpath + ".signals", example: "signals: [SIGTERM, SIGINT]")
            if names.isEmpty { throw LocatedError(at: list, "\(bpath).signals: give at least one signal, e.g. [SIGTERM]") }
            for n in names {
                let sig = try Scalars.signal(n, bpath + ".signals")
                if sig.isUncatchable {
                    throw LocatedError(at: n, "\(bpath).signals: \(sig.name) cannot be blocked (the kernel refuses: kernel.uncatchable)")
                }
                if set.contains(sig) { throw LocatedError(at: n, "\(bpath).signals: \(sig.name) is given twice") }
                set.insert(sig)
            }
            return SignalBlock(signals: set, at: try r.duration("at") ?? 0,
                               unblockAfter: try r.duration("unblockAfter", ValueRanges.positiveDuration))
        }
    }

    /// `sends:`: timed `kill(2)`s, each `{at: 2s, signal: SIGUSR1, to: parent}` or `{…, process: NAME}`.
    static func sends(_ node: SourceNode, path: String) throws -> [SignalSend] {
        let items = try Scalars.list(node, path, example: "- {at: 2s, signal: SIGTERM, to: parent}")
        try Scalars.checkCount(items, ValueRanges.timedActions, path)
        return try items.enumerated().map { i, item in
            let spath = "\(path).\(i)"
            let r = try MappingReader(item, path: spath, known: sendKeys)
            let at = try Scalars.duration(try r.required("at", ": when it sends, from its start, e.g. at: 2s"), spath + ".at")
            let sig = try Scalars.signal(try r.required("signal", ": the signal it sends, e.g. signal: SIGTERM"), spath + ".signal")
            let target: SendTarget
            switch (try r.oneOf("to", sendTargets), try r.nonEmptyString("process")) {
            case (let t?, nil): target = t
            case (nil, let name?): target = .process(name)
            case (.some, .some):
                throw LocatedError(at: r.entry("process")!.keyNode, "\(spath): give to: or process:, not both")
            case (nil, nil):
                throw LocatedError(at: item, "\(spath): say whom it sends to: to: parent, group or pid1, or process: NAME (a program by name)")
            }
            return SignalSend(at: at, signal: sig, target: target)
        }
    }

    /// `closes: [stdout, stderr]`: the streams a child closes or redirects when it starts.
    static func streams(_ node: SourceNode?, path: String) throws -> [StandardStream] {
        guard let node else { return [] }
        var out: [StandardStream] = []
        for item in try Scalars.list(node, path, example: "closes: [stdout, stderr]") {
            let name = try Scalars.string(item, path)
            guard let s = StandardStream(rawValue: name) else {
                throw LocatedError(at: item, "\(path): '\(name)' is not a stream; expected stdout or stderr")
            }
            if out.contains(s) { throw LocatedError(at: item, "\(path): \(name) is given twice") }
            out.append(s)
        }
        return out
    }

    /// `supervisord:`: the `[program:x]` sections its configuration would hold.
    static func supervisord(_ node: SourceNode, path: String) throws -> SupervisordSpec {
        let r = try MappingReader(node, path: path, known: supervisordKeys)
        var spec = SupervisordSpec(pollPhase: try r.duration("pollPhase", ValueRanges.pollPhase) ?? 0)
        let list = try r.required("programs", ": the [program:x] sections, e.g. - {name: app, command: [/app/server]}")
        for (i, item) in try Scalars.list(list, path + ".programs", example: "- {name: app, command: [/app/server]}").enumerated() {
            let ppath = "\(path).programs.\(i)"
            let q = try MappingReader(item, path: ppath, known: supervisedKeys)
            spec.programs.append(SupervisedProgram(
                name: try q.requiredString("name"),
                command: try Scalars.stringList(try q.required("command"), ppath + ".command", nonEmpty: true),
                stopSignal: try q.signal("stopsignal") ?? .term,
                stopWaitSecs: try q.int("stopwaitsecs", ValueRanges.seconds) ?? SupervisedProgram.defaultStopWaitSecs,
                stopAsGroup: try q.bool("stopasgroup") ?? false,
                killAsGroup: try q.bool("killasgroup"),
                priority: try q.int("priority", ValueRanges.priority) ?? SupervisedProgram.defaultPriority,
                redirectStderr: try q.bool("redirect_stderr") ?? false))
        }
        return spec
    }

    static func signals(_ node: SourceNode, path: String) throws -> [Signal: SignalBehavior] {
        var out: [Signal: SignalBehavior] = [:]
        var written: [Signal: String] = [:]
        for e in try ImageDecoding.entries(node, path: path, example: "SIGTERM: {cleanup: 3s, exitCode: 0}") {
            let sig = try Scalars.signal(named: e.key, at: e.keyNode, path)
            if sig.isUncatchable {
                throw LocatedError(
                    at: e.keyNode, "\(sig.name) cannot be caught or ignored (the kernel refuses: kernel.uncatchable)")
            }
            if let first = written[sig] {
                throw LocatedError(at: e.keyNode, "\(path): \(sig.name) is given twice (as '\(first)' and '\(e.key)')")
            }
            written[sig] = e.key
            out[sig] = try behavior(e.value, path: "\(path).\(e.key)", signal: sig)
        }
        return out
    }

    static func behavior(_ node: SourceNode, path: String, signal: Signal) throws -> SignalBehavior {
        if case .scalar(let s) = node.content, s.kind != .null {
            switch s.text {
            case "ignore": return .ignore
            case "default": return .default
            default:
                throw LocatedError(
                    at: node,
                    "\(path): expected ignore, default, or a handler like {cleanup: 3s, exitCode: 0}, got '\(s.text)'\(Suggestions.hint(s.text, in: ["ignore", "default"]))")
            }
        }
        let h = try MappingReader(node, path: path, known: handlerKeys)
        let cleanup = try h.duration("cleanup") ?? 0
        let exitCode = try h.int("exitCode", ValueRanges.exitCode)
        let then = try h.oneOf("then", [("exit", 0), ("keepRunning", 1), ("reraise", 2)]) ?? 0
        if then != 0, exitCode != nil, let key = h.entry("exitCode")?.keyNode {
            let why = then == 1
                ? "a handler that keeps running does not exit"
                : "a re-raised \(signal.name) ends the process by the signal (exit code \(signal.exitCode))"
            throw LocatedError(
                at: key, "\(path): exitCode cannot go with then: \(then == 1 ? "keepRunning" : "reraise"): \(why); remove exitCode")
        }
        let ending: HandlerEnding = then == 1 ? .keepRunning : then == 2 ? .reraise : .exit(exitCode ?? 0)
        return .handle(SignalHandlerSpec(cleanup: cleanup, then: ending, forward: try forward(h, path: path)))
    }

    /// A handler's `forward:`, `waitUpTo:`, `atLimit:` and `limitExitCode:` (`app.forward-wait`).
    static func forward(_ h: MappingReader, path: String) throws -> SignalForward? {
        guard let to = try h.oneOf("forward", ForwardTarget.allCases.map { ($0.rawValue, $0) }) else {
            for k in ["waitUpTo", "atLimit", "limitExitCode"] {
                if let e = h.entry(k) {
                    throw LocatedError(at: e.keyNode, "\(path).\(k): applies to a handler that forwards; add forward: children or forward: group")
                }
            }
            return nil
        }
        for k in ["cleanup", "then"] {
            if let e = h.entry(k) {
                throw LocatedError(at: e.keyNode, "\(path).\(k): a handler that forwards waits for its children and then exits (exitCode); remove \(k)")
            }
        }
        let wait = try h.duration("waitUpTo", ValueRanges.positiveDuration)
        if wait == nil {
            for k in ["atLimit", "limitExitCode"] {
                if let e = h.entry(k) {
                    throw LocatedError(at: e.keyNode, "\(path).\(k): says what happens when the wait runs out; add waitUpTo, e.g. waitUpTo: 5s")
                }
            }
        }
        return SignalForward(
            to: to, waitUpTo: wait, atLimit: try h.oneOf("atLimit", ForwardLimit.allCases.map { ($0.rawValue, $0) }) ?? .exit,
            limitExitCode: try h.int("limitExitCode", ValueRanges.exitCode))
    }
}
