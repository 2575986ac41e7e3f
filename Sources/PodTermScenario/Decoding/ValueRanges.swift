import PodTerm

/// The range a number or duration of a scenario may take, checked when the file is loaded.
///
/// Every number and duration the decoder reads goes through one of the ranges of
/// `ValueRanges`, so a value out of range is reported at its `file:line:column` and never
/// reaches the engine. The bounds are chosen so that no sum or product the engine forms
/// from scenario values can overflow 64-bit integer milliseconds (see `ValueRanges`).
struct ValueRange: Sendable, Equatable {
    /// What the numbers count.
    enum Unit: Sendable, Equatable {
        /// A whole number (a count, a rate, an exit code).
        case number
        /// Whole seconds (Kubernetes' `…Seconds` fields, Docker's `-t`).
        case seconds
        /// A duration, held in milliseconds and written `500ms`, `5s`, `2m`, `1h`.
        case duration
    }

    /// A short name, as the README's table lists it.
    let name: String
    /// The smallest value allowed.
    let min: Int
    /// The largest value allowed.
    let max: Int
    /// How the value is written.
    let unit: Unit
    /// The fields this range applies to, for the README.
    let fields: String
    /// Why the range is what it is, when that is not obvious; messages add it.
    var note: String? = nil

    /// The range as messages write it: `from 0 to 31536000`, `from 1ms to 8760h`.
    var text: String {
        switch unit {
        case .number, .seconds: return "from \(min) to \(max)"
        case .duration:
            let days = max % 86_400_000 == 0 && max >= 86_400_000 ? " (\(max / 86_400_000) days)" : ""
            return "from \(Self.format(min)) to \(Self.format(max))\(days)"
        }
    }

    /// `text`, with the note in parentheses if there is one.
    var explained: String { note.map { "\(text) (\($0))" } ?? text }

    /// Whether `value` is in the range.
    func contains(_ value: Int) -> Bool { value >= min && value <= max }

    /// Whether a duration is in the range (its milliseconds).
    func contains(_ value: Millis) -> Bool { contains(value.ms) }

    /// A duration in the units a scenario writes, the largest that divides it exactly.
    static func format(_ ms: Int) -> String {
        if ms == 0 { return "0s" }
        if ms % 3_600_000 == 0 { return "\(ms / 3_600_000)h" }
        if ms % 60_000 == 0 { return "\(ms / 60_000)m" }
        if ms % 1000 == 0 { return "\(ms / 1000)s" }
        return "\(ms)ms"
    }
}

/// The one table of ranges the decoder checks every number and duration against; the
/// README's "Ranges" subsection is generated from it (and a test keeps the two equal).
///
/// Why these bounds: the longest duration is 365 days (3.2·10¹⁰ ms) and the largest rate
/// 10⁶ per second, so one stream over a whole run holds at most 3.2·10¹³ items; with at most
/// 100 consumers of endpoints and 100 workloads, every sum the engine forms stays below
/// 10¹⁸, under `Int.max` (9.2·10¹⁸) with room to spare. Grace periods in seconds get the same
/// 365 days, so `seconds × 1000` is a duration in range too.
enum ValueRanges {
    /// 365 days in milliseconds.
    static let maxDurationMs = 365 * 86_400_000
    /// 365 days in seconds.
    static let maxSeconds = 365 * 86_400

    /// Any duration: 0 to 365 days.
    static let duration = ValueRange(
        name: "duration", min: 0, max: maxDurationMs, unit: .duration,
        fields: "every duration: `at`, `cleanup`, `runsFor`, `readyAfter`, `startAfter`, `takes`, `delay`, `keepServing`, `sessionTimeout`, `presetCleanup`, `nodeShutdown` periods, `drain.timeout`, `podDisruptionBudget.until`")
    /// A duration that must be longer than 0.
    static let positiveDuration = ValueRange(
        name: "positive duration", min: 1, max: maxDurationMs, unit: .duration,
        fields: "`horizon`, `serviceTime`, `flushInterval`, `blocks[].unblockAfter`, a handler's `waitUpTo`")
    /// supervisord's place in its 1-second poll loop.
    static let pollPhase = ValueRange(
        name: "poll phase", min: 0, max: 999, unit: .duration,
        fields: "`supervisord.pollPhase`", note: "supervisord's loop polls every second")
    /// A grace period or wait in whole seconds, 0 allowed.
    static let seconds = ValueRange(
        name: "seconds", min: 0, max: maxSeconds, unit: .seconds,
        fields: "`terminationGracePeriodSeconds`, `preStop.sleep.seconds`, `delete.gracePeriod`, `evictionMaxPodGracePeriod`, `stopwaitsecs`, `crictlStop.timeout`")
    /// A probe's grace in whole seconds: Kubernetes requires more than 0.
    static let probeSeconds = ValueRange(
        name: "probe seconds", min: 1, max: maxSeconds, unit: .seconds,
        fields: "`livenessProbe` / `startupProbe` `terminationGracePeriodSeconds`, `probeFailure.terminationGracePeriodSeconds`")
    /// Docker's stop timeout: -1 waits forever.
    static let dockerSeconds = ValueRange(
        name: "docker seconds", min: -1, max: maxSeconds, unit: .seconds,
        fields: "`dockerStop.time`, `docker.stopTimeout` (-1: wait forever)")
    /// Requests, messages or calls per second.
    static let rate = ValueRange(
        name: "rate", min: 1, max: 1_000_000, unit: .number,
        fields: "`rate`, `consumerRates` (per second)")
    /// Messages in one Kafka bulk write.
    static let batchSize = ValueRange(
        name: "batch size", min: 1, max: 1_000_000, unit: .number,
        fields: "`kafka.batchSize`")
    /// A process exit status.
    static let exitCode = ValueRange(
        name: "exit code", min: 0, max: 255, unit: .number,
        fields: "`exitCode`")
    /// A TCP port.
    static let port = ValueRange(
        name: "port", min: 1, max: 65_535, unit: .number,
        fields: "`httpGet.port`")
    /// An HTTP status code.
    static let httpStatus = ValueRange(
        name: "HTTP status", min: 100, max: 599, unit: .number,
        fields: "`http.PATH.status`")
    /// supervisord's `priority`.
    static let priority = ValueRange(
        name: "priority", min: 0, max: 999_999, unit: .number,
        fields: "`supervisord.programs[].priority`")
    /// A PodDisruptionBudget's `disruptionsAllowed`.
    static let disruptions = ValueRange(
        name: "disruptions", min: 0, max: 1_000_000, unit: .number,
        fields: "`podDisruptionBudget.disruptionsAllowed`")
    /// How many consumers of endpoints a scenario may list.
    static let consumers = ValueRange(
        name: "consumers", min: 0, max: 100, unit: .number,
        fields: "items of `network.consumers`", note: "so the sums of requests cannot overflow")
    /// How many workloads a scenario may list.
    static let workloads = ValueRange(
        name: "workloads", min: 0, max: 100, unit: .number,
        fields: "items of `workloads`", note: "so the sums of figures cannot overflow")
    /// How many timed actions (`blocks`, `sends`) one program may list.
    static let timedActions = ValueRange(
        name: "timed actions", min: 0, max: 64, unit: .number,
        fields: "items of a program's `blocks` and of its `sends`")

    /// How many pods a multi-pod scenario may list.
    static let pods = ValueRange(
        name: "pods", min: 1, max: ClusterScenario.maxPods, unit: .number,
        fields: "items of `pods`", note: "one engine per pod")
    /// A pod's `spec.priority` (int32; the system classes are 2000000000 and 2000001000).
    static let podPriority = ValueRange(
        name: "pod priority", min: -2_147_483_648, max: 2_147_483_647, unit: .number,
        fields: "`pod.priority`, `shutdownGracePeriodByPodPriority[].priority`")
    /// How many priority groups graceful node shutdown may have.
    static let shutdownGroups = ValueRange(
        name: "shutdown groups", min: 1, max: 16, unit: .number,
        fields: "items of `nodeShutdown.shutdownGracePeriodByPodPriority`", note: "one group per priority")
    /// maxSurge and maxUnavailable of a rollout (whole pods).
    static let rolloutPods = ValueRange(
        name: "rollout pods", min: 0, max: ClusterScenario.maxPods, unit: .number,
        fields: "`rollout.maxSurge`, `rollout.maxUnavailable`")

    /// Every range, in the README's order.
    static let all: [ValueRange] = [
        duration, positiveDuration, pollPhase, seconds, probeSeconds, dockerSeconds,
        rate, batchSize, exitCode, port, httpStatus, priority, disruptions, consumers, workloads,
        pods, podPriority, shutdownGroups, rolloutPods, timedActions,
    ]

    /// The README's table of ranges (`seed` and the file size are listed below it by hand).
    static var markdownTable: String {
        var out = "| range | allowed | applies to |\n| --- | --- | --- |\n"
        for r in all {
            let allowed = r.unit == .seconds ? r.text.replacingOccurrences(of: "from ", with: "") + " s" : r.text.replacingOccurrences(of: "from ", with: "")
            out += "| \(r.name) | \(allowed.replacingOccurrences(of: " to ", with: " … ")) | \(r.fields) |\n"
        }
        return out
    }
}
