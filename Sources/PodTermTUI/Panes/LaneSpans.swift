import PodTerm

/// Each container's phases over the whole run, as spans on the time axis, and the axis's
/// marks (endpoint removed, each consumer's "stops routing"); computed once per timeline.
public struct LaneSpans: Sendable {
    /// What a span shows.
    public enum Kind: Sendable, Equatable {
        case running, preStop, draining(Signal), restarting
        /// An instant: the container ended (`sigkilled`: the runtime's SIGKILL did it).
        case exited(code: Int, sigkilled: Bool)
    }
    /// One span: from `from` to `to` (nil: still open at the end of the run).
    public struct Span: Sendable, Equatable {
        public var kind: Kind
        public var from: Millis
        public var to: Millis?
    }
    /// One mark on the axis.
    public struct Mark: Sendable, Equatable {
        public var at: Millis
        public var label: String
    }

    /// Spans per container index.
    public var lanes: [[Span]]
    /// Marks, in time order.
    public var marks: [Mark]

    /// The spans and marks of `t`.
    public init(_ t: Timeline) {
        lanes = Array(repeating: [], count: t.containers.count)
        marks = []
        var sigkillPending = Array(repeating: false, count: t.containers.count)
        func open(_ c: Int, _ k: Kind, _ at: Millis) {
            close(c, at)
            lanes[c].append(Span(kind: k, from: at, to: nil))
        }
        func close(_ c: Int, _ at: Millis) {
            if let last = lanes[c].indices.last, lanes[c][last].to == nil { lanes[c][last].to = at }
        }
        for e in t.events {
            let c = e.container ?? e.process.map { t.processes[$0].container }
            switch e.kind {
            case .processStarted(let parent):
                if parent == nil, let c { open(c, .running, e.time) }
            case .preStopStarted:
                if let c { open(c, .preStop, e.time) }
            case .preStopFinished, .preStopAbandoned:
                if let c, lanes[c].last?.kind == .preStop, lanes[c].last?.to == nil { open(c, .running, e.time) }
            case .signalSent(let origin):
                guard let c, let s = e.signal, origin == .runtime else { break }
                if s == .kill { sigkillPending[c] = true } else if lanes[c].last?.to == nil { open(c, .draining(s), e.time) }
            case .containerExited(let code, _):
                if let c {
                    close(c, e.time)
                    lanes[c].append(Span(kind: .exited(code: code, sigkilled: sigkillPending[c]), from: e.time, to: e.time))
                    sigkillPending[c] = false
                }
            case .containerRestarted:
                if let c { open(c, .restarting, e.time) }
            case .endpointNotReady: marks.append(Mark(at: e.time, label: "endpoint not ready"))
            case .endpointRemoved: marks.append(Mark(at: e.time, label: "endpoint removed"))
            case .consumerStopped:
                if case .consumer(let i) = e.actor { marks.append(Mark(at: e.time, label: "\(t.consumers[i]) stops routing")) }
            case .endpointChanged(let ready, let serving, _):
                marks.append(Mark(at: e.time, label: ready ? "endpoint ready" : serving ? "endpoint serving" : "endpoint not serving"))
            case .consumerResumed:
                if case .consumer(let i) = e.actor { marks.append(Mark(at: e.time, label: "\(t.consumers[i]) routes again")) }
            default: break
            }
        }
    }
}
