import PodTerm

/// The http-drain benchmark model of `shared/bench/http-drain.md`: an HTTP server pod deleted
/// while endpoint consumers send it traffic, run on the engine's ``PodTerm/EventQueue``.
///
/// The model is deterministic: the same parameters always give the same ``HTTPDrainResult``.
/// Every push follows the document's order, because the global push counter breaks ties
/// between events due in the same millisecond.
///
/// ```swift
/// let result = HTTPDrainModel.run(HTTPDrainParameters(prestopMs: 0))
/// // result.served == 180003, result.refused == 4497, result.exitCause == .drained
/// ```
public enum HTTPDrainModel {
    /// Runs the model to its end (all consumers stopped and the process gone) and returns
    /// the outcome. `p` must pass ``HTTPDrainParameters/validationError()``.
    public static func run(_ p: HTTPDrainParameters) -> HTTPDrainResult {
        if let problem = p.validationError() {
            preconditionFailure("HTTPDrainModel.run: \(problem); check validationError() first")
        }
        var run = HTTPDrainRun(p)
        return run.runToEnd()
    }
}
