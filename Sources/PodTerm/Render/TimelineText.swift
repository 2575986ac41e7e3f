/// Renders a timeline as text for people: aligned times, one event a line, who acted, the
/// container, what happened; optionally the rule under each event; colour only when asked.
public struct TimelineText {
    /// Whether to print each event's rule id, reason and source under it.
    public var explain: Bool
    /// Whether to use ANSI colours (the caller decides: a terminal, and `NO_COLOR` unset).
    public var color: Bool
    /// Whether to show the bookkeeping events too (`EventKind.isBookkeeping`: a signal reaching
    /// a handler, dispositions, workload meters), which keep the timeline's state complete but
    /// would make it long to read.
    public var bookkeeping: Bool

    /// Creates a renderer.
    public init(explain: Bool = false, color: Bool = false, bookkeeping: Bool = false) {
        self.explain = explain
        self.color = color
        self.bookkeeping = bookkeeping
    }

    /// The whole text, ending with a newline.
    public func render(_ t: Timeline) -> String {
        let words = EventText(t)
        var out = ""
        out += paint("podterm · \(t.scenarioName) · seed \(t.seed) · Kubernetes \(t.kubernetesVersion)", .bold) + "\n"
        let shown = t.events.indices.filter { bookkeeping || !t.events[$0].kind.isBookkeeping }
        let times = shown.map { formatClock(t.events[$0].time) }
        let timeWidth = max(times.map(\.count).max() ?? 0, 4)
        let actors = shown.map { words.actorName(t.events[$0].actor, atEvent: $0) }
        let actorWidth = max(actors.map(\.count).max() ?? 0, 3)
        let containers = shown.map { words.containerName(t.events[$0]) }
        let containerWidth = max(containers.map(\.count).max() ?? 0, 9)
        out += paint(pad("time", timeWidth, left: true) + "  " + pad("who", actorWidth) + "  " + pad("container", containerWidth) + "  what", .dim) + "\n"
        for (n, i) in shown.enumerated() {
            let e = t.events[i]
            let style = Style.forActor(e.actor)
            out += pad(times[n], timeWidth, left: true) + "  " + paint(pad(actors[n], actorWidth), style) + "  "
                + pad(containers[n], containerWidth) + "  " + words.message(e, atEvent: i) + "\n"
            if explain {
                let indent = String(repeating: " ", count: timeWidth + 2)
                out += paint(indent + "↳ \(e.rule.id): \(e.rule.reason)", .dim) + "\n"
                out += paint(indent + "  source: \(e.rule.source)", .dim) + "\n"
            }
        }
        out += "\n" + summary(t)
        return out
    }

    /// The closing lines: each container's end and the pod's.
    public func summary(_ t: Timeline) -> String {
        var out = ""
        // api.not-running-delete: a pod never scheduled says so at its first event.
        let pending = t.events.first?.kind == .podPending
        for c in t.containers {
            if c.isSandbox {
                let stopped = t.lastMoment.pod.sandboxStoppedAt.map { "stopped at \(formatClock($0))" } ?? "still running"
                out += "sandbox \(c.name) (pause, PID 1 of the pod's PID namespace): \(stopped)\n"
                continue
            }
            let role = c.isSidecar ? "sidecar " : "container "
            if let x = c.lastExit {
                var line = role + c.name + ": exit \(x.code) (\(x.reason.rawValue)) at \(formatClock(x.at))"
                if c.sigkillAt != nil { line += ", SIGKILLed by the runtime" }
                if c.restarts > 0 { line += ", restarted \(c.restarts)×" }
                out += line + "\n"
            } else if pending {
                out += role + c.name + ": never started (the pod was never scheduled)\n"
            } else {
                out += role + c.name + ": still running" + (c.restarts > 0 ? " (restarted \(c.restarts)×)" : "") + "\n"
            }
        }
        if let gone = t.pod.goneAt, let phase = t.pod.phase {
            var line = "pod \(t.pod.name): \(phase.rawValue), \(t.pod.deletedAt != nil ? "gone" : "finished") at \(formatClock(gone))"
            if let d = t.pod.deletedAt { line += ", \(formatDuration(gone - d)) after deletion" }
            if t.pod.deletedAt == nil, let removed = t.pod.objectRemovedAt { line += "; object deleted at \(formatClock(removed))" }
            out += line + "\n"
        } else if pending {
            out += "pod \(t.pod.name): Pending, never scheduled" + (t.pod.objectRemovedAt.map { "; object deleted at \(formatClock($0))" } ?? "") + "\n"
        } else if t.pod.deletedAt != nil {
            out += "pod \(t.pod.name): still terminating when the run ended\n"
        }
        let damage = t.outcome.figures.filter { k, _ in ["traffic.", "kafka.", "outbound."].contains { k.hasPrefix($0) } }
        if !damage.isEmpty {
            out += "damage: " + damage.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        }
        if t.hitHorizon { out += "run stopped at its horizon, \(formatClock(t.endedAt)), with work pending\n" }
        return out
    }

    enum Style {
        case bold, dim, api, kubelet, runtime, kernel, process, network

        static func forActor(_ a: Actor) -> Style {
            switch a {
            case .scenario, .kubectl, .api, .scheduler, .node: return .api
            case .endpoints, .consumer: return .network
            case .kubelet: return .kubelet
            case .runtime, .docker: return .runtime
            case .kernel: return .kernel
            case .process: return .process
            }
        }

        var code: String {
            switch self {
            case .bold: return "1"
            case .dim: return "2"
            case .api: return "34"
            case .kubelet: return "36"
            case .runtime: return "35"
            case .kernel: return "31"
            case .process: return "32"
            case .network: return "33"
            }
        }
    }

    private func paint(_ s: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.code)m\(s)\u{1B}[0m" : s
    }

    private func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let n = s.count
        guard n < width else { return s }
        let fill = String(repeating: " ", count: width - n)
        return left ? fill + s : s + fill
    }
}

/// A virtual time as seconds with milliseconds: `0.000s`, `30.000s`, `125.250s`.
public func formatClock(_ ms: Millis) -> String {
    let sign = ms < 0 ? "-" : ""
    let a = abs(ms.ms)
    var frac = String(a % 1000)
    while frac.count < 3 { frac = "0" + frac }
    return "\(sign)\(a / 1000).\(frac)s"
}
