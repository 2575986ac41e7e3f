import PodTerm

/// The top three rows: scenario, clock, play state and speed; the pod's phase, endpoint and
/// consumers; the grace countdown as a bar that drains in true proportion, with preStop's
/// share inside it and the SIGKILL deadline marked.
struct HeaderPane {
    let layout: PlayerLayout

    func draw(_ g: inout Grid, _ s: PlayerState, _ m: PlayerMoment, row: Int) {
        let glyphs = layout.glyphs
        let t = layout.timeline
        // Row 0: title bar.
        g.fill(row, 0, g.cols, " ", CellStyle(reverse: true, role: .title))
        g.put(row, 1, "podterm · \(t.scenarioName) · seed \(t.seed)", CellStyle(bold: true, reverse: true, role: .title))
        let speed = s.speed < 1 ? String(s.speed) : String(Int(s.speed))
        let play = s.playing ? "\(glyphs.play) playing" : "\(glyphs.pause) paused"
        let right = "\(play) \(speed)×  t=\(formatClock(m.time))  event \(s.cursor)/\(t.events.count) "
        g.put(row, max(0, g.cols - right.count), right, CellStyle(bold: true, reverse: true, role: .title))

        // Row 1: pod, endpoint, consumers.
        var col = g.put(row + 1, 0, "pod \(m.pod.name): ", .bold)
        let phaseRole: CellRole = switch m.pod.phase {
        case .running: .good
        case .terminating, .pending: .warning
        case .succeeded: .good
        case .failed, .gone: .danger
        }
        col = g.put(row + 1, col, m.pod.phase.rawValue + (m.pod.reason.map { " (\($0))" } ?? ""), .role(phaseRole, bold: true))
        col = g.put(row + 1, col, " · endpoint ")
        // Not ready but serving: terminating; not serving: a container is down (or the pod left).
        col = g.put(row + 1, col, m.pod.ready ? "ready" : m.pod.serving ? "not ready" : "not serving", .role(m.pod.ready ? .good : .warning))
        for c in m.consumers {
            col = g.put(row + 1, col, " · \(c.name) ")
            col = g.put(row + 1, col, c.routing ? "routing" : "stopped routing", .role(c.routing ? .plain : .muted))
        }

        // Row 2: the grace countdown.
        guard let start = m.pod.killStartedAt, let deadline = m.pod.graceDeadline, deadline > start else {
            g.put(row + 2, 0, "grace: not started", .role(.muted))
            return
        }
        let total = deadline - start
        let left = max(0, deadline - m.time)
        let killAt = m.containers.compactMap(\.killAt).max()
        let label = "grace "
        var tail = " \(Text.seconds(left)) of \(Text.seconds(total)) left"
        if let p = m.pod.preStopFrom { tail += " · preStop \(Text.seconds((m.pod.preStopUntil ?? m.time) - p))" }
        if let k = killAt { tail += " · SIGKILL at \(formatClock(k))" }
        let barWidth = max(10, g.cols - label.count - 2 - tail.count)
        col = g.put(row + 2, 0, label, .bold)
        col = g.put(row + 2, col, "[")
        let barCol = col
        for i in 0..<barWidth {
            let cellTime = start + Millis(Int((Int64(total.ms) * Int64(i)) / Int64(barWidth)))
            let isLeft = cellTime >= m.time
            let inPreStop = m.pod.preStopFrom.map { cellTime >= $0 && cellTime < (m.pod.preStopUntil ?? m.time) } ?? false
            let scalar = inPreStop ? glyphs.shade : (isLeft ? glyphs.full : glyphs.empty)
            let role: CellRole = inPreStop ? .warning : (isLeft ? (left * 4 < total ? .danger : .good) : .muted)
            g.fill(row + 2, barCol + i, 1, scalar, .role(role))
        }
        if let k = killAt {
            let i = min(barWidth - 1, max(0, Int((Int64((k - start).ms) * Int64(barWidth)) / Int64(total.ms))))
            g.fill(row + 2, barCol + i, 1, "K", .role(.danger, bold: true))
        }
        col = g.put(row + 2, barCol + barWidth, "]")
        g.put(row + 2, col, tail, left * 4 < total ? .role(.danger, bold: true) : .bold)
    }
}
