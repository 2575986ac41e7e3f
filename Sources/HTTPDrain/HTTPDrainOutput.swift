/// The text lines `podterm-bench` prints for the http-drain model, exactly as
/// `shared/bench/http-drain.md` shows them (without the `perf.*` lines, which are the
/// benchmark's own measurements).
public enum HTTPDrainOutput {
    /// `model=http-drain rate=1000 consumers=3 service_ms=50 ...`
    public static func header(_ p: HTTPDrainParameters) -> String {
        var line = "model=http-drain"
        for field in HTTPDrainParameter.all {
            line += " \(field.outputKey)=\(p[keyPath: field.keyPath])"
        }
        return line
    }

    /// `events=`, `served=`, `refused=`, `failed=`, `exit=<cause>@<ms>` and `end_ms=`, in that order.
    public static func outcomeLines(_ r: HTTPDrainResult) -> [String] {
        [
            "events=\(r.events)",
            "served=\(r.served)",
            "refused=\(r.refused)",
            "failed=\(r.failed)",
            "exit=\(r.exitCause.rawValue)@\(r.exitMs)",
            "end_ms=\(r.endMs)",
        ]
    }

    /// The header line followed by the outcome lines.
    public static func lines(_ p: HTTPDrainParameters, _ r: HTTPDrainResult) -> [String] {
        [header(p)] + outcomeLines(r)
    }
}
