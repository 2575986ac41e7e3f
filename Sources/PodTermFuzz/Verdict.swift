/// What one fuzz input did to podterm, judged by the rules of issue 8: no crash, no hang, no
/// bad-input message without a location, no more than the memory limit.
public enum Verdict: String, Sendable, CaseIterable {
    /// Exit status documented in the README, and nothing wrong with it.
    case ok
    /// Killed by a signal, or an exit status podterm does not document (a trap, an abort).
    case crash
    /// Still running after the time limit.
    case hang
    /// A bad-input error (exit 2) whose message names no `file:line:column`, `--set` or flag.
    case withoutLocation = "without location"
    /// Used more memory than the limit.
    case memory

    /// The exit statuses the README documents for `run` and `check`.
    static let documentedStatuses: Set<Int32> = [0, 1, 2, 5, 64, 74]

    static func judge(_ run: ChildRun, maxRSSKiB: Int) -> Verdict {
        if run.maxRSSKiB > maxRSSKiB { return .memory }
        switch run.ending {
        case .timedOut: return .hang
        case .signalled: return .crash
        case .exited(let status):
            if !documentedStatuses.contains(status) { return .crash }
            if run.stderr.contains("Fatal error") || run.stderr.contains("Crash") { return .crash }
            // `check` reports a file that does not load on standard output, under its FAIL line.
            if status == 2, !isLocated(run.stderr), !isLocated(run.stdoutPrefix) { return .withoutLocation }
            return .ok
        }
    }

    /// Whether a bad-input message says where: `podterm: FILE:LINE:COLUMN: …`, or names the
    /// `--set`/`--seed`/flag it is about.
    static func isLocated(_ stderr: String) -> Bool {
        for line in stderr.split(separator: "\n") {
            var rest = line.drop { $0 == " " }
            if rest.hasPrefix("podterm: ") { rest = rest.dropFirst("podterm: ".count) }
            if rest.hasPrefix("--set ") || rest.hasPrefix("--seed") || rest.hasPrefix("Error: ") { return true }
            // FILE:LINE:COLUMN: with numbers
            let parts = rest.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            if parts.count >= 4, !parts[0].isEmpty, Int(parts[1]) != nil, Int(parts[2]) != nil { return true }
        }
        return false
    }
}
