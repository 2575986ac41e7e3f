/// A timeline drawn as an SVG picture, for slides and documents (`podterm run … --format svg`):
/// one lane per container with its phases, the grace countdown, every signal as a mark with its
/// fate, each consumer's routing, and the outcome below.
///
/// Readable in black and white: phases differ by fill pattern (white, hatched, grey) as well as
/// by label, a signal's fate by the mark's shape (filled: caught, hollow: discarded, cross:
/// killed), routing by solid and dashed lines. Deterministic: the same timeline gives the same
/// bytes.
///
/// ```swift
/// let svg = TimelineSVG().render(try Simulator.run(scenario))
/// ```
public struct TimelineSVG: Sendable {
    /// The picture's width in pixels.
    public var width = 1000

    /// Creates a renderer.
    public init() {}

    let left = 170.0, right = 130.0, laneHeight = 34.0

    /// The SVG document.
    public func render(_ t: Timeline) -> String {
        let m = t.lastMoment
        let end = max(t.endedAt.ms, 1000)
        let span = Double(end) * 1.04
        let plot = Double(width) - left - right
        func x(_ ms: Int) -> Double { left + plot * Double(ms) / span }
        func f(_ v: Double) -> String {
            let r = (v * 10).rounded() / 10
            return r == r.rounded() ? String(Int(r)) : String(r)
        }

        var body = ""
        var y = 70.0
        // The time axis.
        let step = Self.tickStep(end)
        body += "<g class=\"axis\">\n"
        var tick = 0
        while tick <= end {
            body += "<line x1=\"\(f(x(tick)))\" y1=\"\(f(y - 8))\" x2=\"\(f(x(tick)))\" y2=\"\(f(y))\" stroke=\"#000\"/>"
            body += "<text x=\"\(f(x(tick)))\" y=\"\(f(y - 12))\" text-anchor=\"middle\">\(formatDuration(Millis(tick)))</text>\n"
            tick += step
        }
        body += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(x(end)))\" y2=\"\(f(y))\" stroke=\"#000\"/>\n</g>\n"
        y += 14

        // The grace countdown.
        if let start = m.pod.killStartedAt, let deadline = m.pod.killDeadline {
            let shown = min(deadline.ms, end)
            let gone = min(m.pod.goneAt?.ms ?? shown, shown)
            body += "<g class=\"grace\">\n<text x=\"10\" y=\"\(f(y + 13))\">grace \(m.pod.effectiveGrace.map { "\($0)s" } ?? "")</text>\n"
            body += "<rect x=\"\(f(x(start.ms)))\" y=\"\(f(y))\" width=\"\(f(max(1, x(gone) - x(start.ms))))\" height=\"18\" fill=\"url(#dots)\" stroke=\"#000\"/>\n"
            if gone < shown {
                body += "<rect x=\"\(f(x(gone)))\" y=\"\(f(y))\" width=\"\(f(x(shown) - x(gone)))\" height=\"18\" fill=\"#fff\" stroke=\"#000\" stroke-dasharray=\"3 2\"/>\n"
            }
            let left = deadline.ms > gone ? " (\(formatDuration(Millis(deadline.ms - gone))) unused)" : ""
            let k = deadline.ms <= end ? "K \(formatDuration(deadline))" : "K at \(formatDuration(deadline))"
            body += "<text x=\"\(f(x(shown) + 4))\" y=\"\(f(y + 13))\" font-size=\"11\">\(k)\(left)</text>\n</g>\n"
            y += 30
        }

        // One lane per container.
        for (ci, c) in m.containers.enumerated() {
            let procs = m.processes.enumerated().filter { $0.element.container == ci }
            let start = procs.map(\.element.startedAt.ms).min() ?? 0
            let exitAt = c.lastExit?.at.ms ?? end
            let label = c.name + (c.isSidecar ? " (sidecar)" : "")
            body += "<g class=\"lane\">\n<text x=\"10\" y=\"\(f(y + 21))\" font-weight=\"bold\">\(Self.escape(label))</text>\n"
            var spans: [(Int, Int, String, String)] = []
            let firstStop = [c.preStop?.startedAt.ms, c.stopSignalAt?.ms].compactMap { $0 }.min() ?? exitAt
            spans.append((start, firstStop, "#fff", "running"))
            if let p = c.preStop {
                spans.append((p.startedAt.ms, p.endedAt?.ms ?? exitAt, "url(#hatch)", "preStop"))
            }
            if let s = c.stopSignalAt {
                spans.append((s.ms, exitAt, "#bbb", c.stopSignal.name))
            }
            for (a, b, fill, name) in spans where b >= a {
                let w = max(1, x(b) - x(a))
                body += "<rect x=\"\(f(x(a)))\" y=\"\(f(y + 6))\" width=\"\(f(w))\" height=\"22\" fill=\"\(fill)\" stroke=\"#000\"/>"
                if w > Double(name.count) * 7 + 6 {
                    body += "<text x=\"\(f(x(a) + 4))\" y=\"\(f(y + 21))\">\(name)</text>"
                }
                body += "\n"
            }
            if let e = c.lastExit {
                body += "<line x1=\"\(f(x(e.at.ms)))\" y1=\"\(f(y + 2))\" x2=\"\(f(x(e.at.ms)))\" y2=\"\(f(y + 32))\" stroke=\"#000\" stroke-width=\"3\"/>"
                body += "<text x=\"\(f(x(e.at.ms) + 5))\" y=\"\(f(y + 21))\" font-weight=\"bold\">exit \(e.code)\(e.code > 128 ? " (" + (Signal(rawValue: e.code - 128)?.name ?? "") + ")" : "")</text>\n"
            }
            y += 36
            // The signals of its processes, one row each, in time order.
            var marks: [(Int, String, SignalFate)] = []
            for (_, p) in procs {
                for r in p.received where r.signal != .chld {
                    let fate: String
                    switch r.fate {
                    case .caught: fate = "caught"
                    case .killed: fate = "killed"
                    case .discarded: fate = "discarded"
                    }
                    marks.append((r.at.ms, "\(r.signal.name) → \(p.name)[\(p.pid)] \(fate)", r.fate))
                }
            }
            marks.sort { $0.0 < $1.0 }
            for (i, mk) in marks.prefix(12).enumerated() {
                let my = y + 10 + Double(i % 4) * 15
                let mx = x(mk.0)
                switch mk.2 {
                case .caught: body += "<circle cx=\"\(f(mx))\" cy=\"\(f(my - 4))\" r=\"4\" fill=\"#000\"/>"
                case .discarded: body += "<circle cx=\"\(f(mx))\" cy=\"\(f(my - 4))\" r=\"4\" fill=\"#fff\" stroke=\"#000\"/>"
                case .killed: body += "<path d=\"M\(f(mx - 4)) \(f(my - 8)) l8 8 m0 -8 l-8 8\" stroke=\"#000\" stroke-width=\"2\"/>"
                }
                let anchor = mx > left + plot * 0.7 ? "end" : "start"
                let tx = anchor == "end" ? mx - 8 : mx + 8
                body += "<text x=\"\(f(tx))\" y=\"\(f(my))\" text-anchor=\"\(anchor)\" font-size=\"11\">\(Self.escape(mk.1)) \(formatDuration(Millis(mk.0)))</text>\n"
            }
            y += Double(min(marks.count, 4)) * 15 + 12
            body += "</g>\n"
        }

        // Endpoints: when the pod left the EndpointSlice, and each consumer's routing.
        if !m.consumers.isEmpty {
            body += "<g class=\"endpoints\">\n"
            if let d = m.pod.deletedAt {
                body += "<line x1=\"\(f(x(d.ms)))\" y1=\"\(f(y))\" x2=\"\(f(x(d.ms)))\" y2=\"\(f(y + Double(m.consumers.count) * 20))\" stroke=\"#000\" stroke-dasharray=\"1 2\"/>\n"
            }
            // Each consumer's stops and resumptions (`kubelet.ready-when-running`), in order.
            var changes = Array(repeating: [(at: Int, routes: Bool)](), count: m.consumers.count)
            for e in t.events {
                guard case .consumer(let i) = e.actor else { continue }
                if e.kind == .consumerStopped { changes[i].append((e.time.ms, false)) }
                if e.kind == .consumerResumed { changes[i].append((e.time.ms, true)) }
            }
            for (i, c) in m.consumers.enumerated() {
                body += "<text x=\"10\" y=\"\(f(y + 14))\">\(Self.escape(c.name))</text>"
                var from = 0, routes = true, labels = ""
                for (at, next) in changes[i] + [(end, !routes)] where next != routes || at == end {
                    let x1 = from == 0 ? f(left) : f(x(from)), x2 = f(x(min(at, end)))
                    body += routes
                        ? "<line x1=\"\(x1)\" y1=\"\(f(y + 10))\" x2=\"\(x2)\" y2=\"\(f(y + 10))\" stroke=\"#000\" stroke-width=\"3\"/>"
                        : "<line x1=\"\(x1)\" y1=\"\(f(y + 10))\" x2=\"\(x2)\" y2=\"\(f(y + 10))\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
                    guard at < end else { break }
                    // A resumption is labelled under the line, so it never covers the stop before it.
                    labels += "<text x=\"\(f(x(at) + 5))\" y=\"\(f(y + (next ? 24 : 6)))\" font-size=\"11\">\(next ? "routes again" : "stops routing") \(formatDuration(Millis(at)))</text>"
                    from = at
                    routes = next
                }
                body += labels
                body += "\n"
                y += changes[i].contains { $0.routes } ? 34 : 20
            }
            body += "</g>\n"
            y += 6
        }

        // The legend and the outcome.
        y += 8
        body += "<g class=\"legend\" font-size=\"11\">\n"
        var lx = left
        for (fill, name) in [("#fff", "running"), ("url(#hatch)", "preStop"), ("#bbb", "stop signal sent")] {
            body += "<rect x=\"\(f(lx))\" y=\"\(f(y))\" width=\"18\" height=\"11\" fill=\"\(fill)\" stroke=\"#000\"/><text x=\"\(f(lx + 22))\" y=\"\(f(y + 10))\">\(name)</text>"
            lx += 22 + Double(name.count) * 6.5 + 14
        }
        body += "<circle cx=\"\(f(lx + 4))\" cy=\"\(f(y + 6))\" r=\"4\" fill=\"#000\"/><text x=\"\(f(lx + 12))\" y=\"\(f(y + 10))\">caught</text>"
        lx += 62
        body += "<circle cx=\"\(f(lx + 4))\" cy=\"\(f(y + 6))\" r=\"4\" fill=\"#fff\" stroke=\"#000\"/><text x=\"\(f(lx + 12))\" y=\"\(f(y + 10))\">discarded</text>"
        lx += 80
        body += "<path d=\"M\(f(lx)) \(f(y + 2)) l8 8 m0 -8 l-8 8\" stroke=\"#000\" stroke-width=\"2\"/><text x=\"\(f(lx + 12))\" y=\"\(f(y + 10))\">killed</text>"
        body += "\n</g>\n"
        y += 30
        body += "<g class=\"outcome\">\n"
        for line in TimelineText(explain: false, color: false).summary(t).split(separator: "\n").flatMap({ Self.wrap(String($0), at: width / 7) }) {
            body += "<text x=\"10\" y=\"\(f(y))\">\(Self.escape(String(line)))</text>\n"
            y += 17
        }
        body += "</g>\n"
        let height = Int(y + 10)

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"13\">\n"
        out += "<defs>\n<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000\" stroke-width=\"1.5\"/></pattern>\n"
        out += "<pattern id=\"dots\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\"><rect width=\"5\" height=\"5\" fill=\"#fff\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1\" fill=\"#000\"/></pattern>\n</defs>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
        out += "<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">podterm · \(Self.escape(t.scenarioName)) · seed \(t.seed) · Kubernetes \(t.kubernetesVersion)</text>\n"
        out += body + "</svg>\n"
        return out
    }

    /// A tick every 1, 2, 5, 10, … seconds: about ten on the axis.
    static func tickStep(_ end: Int) -> Int {
        for s in [100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000] where end / s <= 12 {
            return s
        }
        return max(1, end / 10)
    }

    /// Lines of at most `width` characters, broken after ", " where possible.
    static func wrap(_ line: String, at width: Int) -> [String] {
        var out: [String] = []
        var rest = Substring(line)
        while rest.count > width {
            let head = Array(rest.prefix(width))
            guard let comma = (1..<head.count).last(where: { head[$0 - 1] == "," && head[$0] == " " }) else { break }
            out.append(String(head[..<(comma - 1)]) + ",")
            rest = "    " + rest.dropFirst(comma + 1)
        }
        out.append(String(rest))
        return out
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
