/// One line of tracefs' text output, decoded:
///
/// ```
///           server-804     [000]   2559.262087: signal_deliver: sig=15 errno=0 code=0 sa_handler=559d4916d100 sa_flags=14000004
///            sleep-803     [000]   2559.261231: sys_exit_group(error_code: 0)
/// ```
/// `tid` is the task the event happened in (the sender of a signal, the parent of a new task).
struct TraceEvent: Equatable {
    /// Monotonic time in nanoseconds.
    var time: Int64
    /// The task (thread id) in whose context the event happened.
    var tid: Int32
    /// That task's command name.
    var comm: String
    var kind: Kind

    enum Kind: Equatable {
        /// `signal_generate`: a signal sent to `pid` (a thread or process id), with its result:
        /// 0 delivered (queued), 1 ignored (discarded at send time), 2 already pending,
        /// 3 overflow (not queued), 4 lose-info (queued without its siginfo).
        case generate(sig: Int, code: Int, pid: Int32, group: Bool, result: Int)
        /// `signal_deliver`: the receiving task takes the signal, with its handler at that moment
        /// (0 `SIG_DFL`, 1 `SIG_IGN`, else a function).
        case deliver(sig: Int, code: Int, handler: UInt64)
        /// `task_newtask`: a new task `pid`; `thread` when it is a thread (CLONE_THREAD).
        case newTask(pid: Int32, comm: String, thread: Bool)
        /// `sched_process_exec`: `pid` now runs `filename`.
        case exec(pid: Int32, oldPid: Int32, filename: String)
        /// `sched_process_exit`: the task `pid` exits; `groupDead` when it was the last thread
        /// (nil on kernels whose event does not say, before 6.12).
        case exit(pid: Int32, groupDead: Bool?)
        /// The `exit_group` (or `exit`) system call, with its code.
        case exitCall(code: Int, group: Bool)
        /// `poll()` entered with a 1 s timeout (supervisord's main loop).
        case poll(timeoutMs: Int)
    }

    init(time: Int64, tid: Int32, comm: String, kind: Kind) {
        self.time = time
        self.tid = tid
        self.comm = comm
        self.kind = kind
    }

    /// Decodes a line; nil for comments, headers and events of no interest.
    init?(line: String) {
        guard !line.hasPrefix("#") else { return nil }
        let chars = Array(line.utf8)
        // "<comm>-<tid>  [cpu] [flags] <seconds>.<fraction>: <rest>"
        guard let open = chars.firstIndex(of: UInt8(ascii: "[")), let close = chars[open...].firstIndex(of: UInt8(ascii: "]")) else { return nil }
        let head = String(decoding: chars[..<open], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard let dash = head.lastIndex(of: "-"), let tid = Int32(head[head.index(after: dash)...]) else { return nil }
        let comm = String(head[..<dash])
        var tail = String(decoding: chars[(close + 1)...], as: UTF8.self)
        // Skip the flags column when present, find "<time>: ".
        guard let colon = tail.range(of: ": ") else { return nil }
        let before = tail[..<colon.lowerBound].split(separator: " ")
        guard let stamp = before.last, let time = TraceEvent.parseTime(String(stamp)) else { return nil }
        tail = String(tail[colon.upperBound...])
        guard let kind = TraceEvent.parseKind(tail) else { return nil }
        self.init(time: time, tid: tid, comm: comm, kind: kind)
    }

    static func parseTime(_ s: String) -> Int64? {
        let parts = s.split(separator: ".", maxSplits: 1)
        guard let sec = Int64(parts[0]) else { return nil }
        var nanos: Int64 = 0
        if parts.count == 2 {
            var frac = String(parts[1].prefix(9))
            while frac.count < 9 { frac += "0" }
            guard let f = Int64(frac) else { return nil }
            nanos = f
        }
        return sec * 1_000_000_000 + nanos
    }

    private static func fields(_ s: Substring) -> [Substring: Substring] {
        var out: [Substring: Substring] = [:]
        for part in s.split(separator: " ") {
            guard let eq = part.firstIndex(of: "=") else { continue }
            out[part[..<eq]] = part[part.index(after: eq)...]
        }
        return out
    }

    private static func hex(_ s: Substring?) -> UInt64? {
        guard var t = s else { return nil }
        if t.hasPrefix("0x") { t = t.dropFirst(2) }
        return UInt64(t, radix: 16)
    }

    /// The hex number right after `label` ("error_code: 0x8f", "timeout_msecs: 0x3e8"; zero prints as "0").
    private static func hexField(_ rest: String, _ label: String) -> UInt64? {
        guard let r = rest.range(of: label) else { return nil }
        var t = rest[r.upperBound...]
        if t.hasPrefix("0x") { t = t.dropFirst(2) }
        return hex(t.prefix { $0.isHexDigit })
    }

    private static func parseKind(_ rest: String) -> Kind? {
        if rest.hasPrefix("sys_exit_group(") || rest.hasPrefix("sys_exit(") {
            // "sys_exit_group(error_code: 0x8f)" — syscall arguments print in hex.
            guard let v = hexField(rest, "error_code: ") else { return nil }
            return .exitCall(code: Int(v & 0xff), group: rest.hasPrefix("sys_exit_group("))
        }
        if rest.hasPrefix("sys_poll(") {
            guard let v = hexField(rest, "timeout_msecs: ") else { return nil }
            return .poll(timeoutMs: Int(Int32(truncatingIfNeeded: v)))
        }
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let name = rest[..<colon]
        let body = rest[rest.index(after: colon)...]
        switch name {
        case "signal_generate":
            // comm may hold spaces: read the fields after it from the right.
            let f = fields(body)
            guard let sig = f["sig"].flatMap({ Int($0) }), let code = f["code"].flatMap({ Int($0) }),
                  let res = f["res"].flatMap({ Int($0) }), let grp = f["grp"].flatMap({ Int($0) }),
                  let pidText = body.range(of: " pid=").map({ body[$0.upperBound...].prefix { $0.isNumber } }),
                  let pid = Int32(pidText) else { return nil }
            return .generate(sig: sig, code: code, pid: pid, group: grp != 0, result: res)
        case "signal_deliver":
            let f = fields(body)
            guard let sig = f["sig"].flatMap({ Int($0) }), let code = f["code"].flatMap({ Int($0) }),
                  let handler = hex(f["sa_handler"]) else { return nil }
            return .deliver(sig: sig, code: code, handler: handler)
        case "task_newtask":
            let f = fields(body)
            guard let pid = f["pid"].flatMap({ Int32($0) }), let flags = hex(f["clone_flags"]) else { return nil }
            return .newTask(pid: pid, comm: String(f["comm"] ?? ""), thread: flags & 0x10000 != 0)
        case "sched_process_exec":
            // "filename=/a/b pid=804 old_pid=804" — the file name may hold spaces.
            guard let fn = body.range(of: "filename="), let p = body.range(of: " pid=", options: .backwards),
                  let op = body.range(of: " old_pid=", options: .backwards) else { return nil }
            let filename = String(body[fn.upperBound..<p.lowerBound])
            guard let pid = Int32(body[p.upperBound..<op.lowerBound]),
                  let old = Int32(body[op.upperBound...].prefix { $0.isNumber }) else { return nil }
            return .exec(pid: pid, oldPid: old, filename: filename)
        case "sched_process_exit":
            guard let p = body.range(of: " pid=", options: .backwards),
                  let pid = Int32(body[p.upperBound...].prefix { $0.isNumber }) else { return nil }
            return .exit(pid: pid, groupDead: body.contains("group_dead=") ? body.contains("group_dead=true") : nil)
        default:
            return nil
        }
    }
}
