/// The eight integer inputs of the http-drain benchmark model (`shared/bench/http-drain.md`).
///
/// Every field defaults to the document's value, so `HTTPDrainParameters()` is the reference
/// run. Times are whole milliseconds of virtual time. Call ``validationError()`` before
/// ``HTTPDrainModel/run(_:)``: the model assumes the ranges it checks.
public struct HTTPDrainParameters: Hashable, Sendable {
    /// Requests per second sent by **each** consumer (`--rate`, R).
    public var rate: Int = 1000
    /// Number of endpoint consumers sending traffic (`--consumers`, K).
    public var consumers: Int = 3
    /// Fixed service time of one request (`--service-ms`, S).
    public var serviceMs: Int = 50
    /// Time at which the pod is deleted (`--delete-ms`, T).
    public var deleteMs: Int = 60000
    /// preStop sleep; SIGTERM is sent at `deleteMs + prestopMs` (`--prestop-ms`, P).
    public var prestopMs: Int = 5000
    /// Grace period counted from deletion; SIGKILL at `deleteMs + graceMs` (`--grace-ms`, G).
    public var graceMs: Int = 30000
    /// Endpoint-removal propagation delay of consumer 0 (`--prop-base-ms`, B).
    public var propBaseMs: Int = 1000
    /// Extra propagation delay per consumer index (`--prop-step-ms`, D).
    public var propStepMs: Int = 500

    /// The document's defaults.
    public init() {}

    /// Parameters with every field given; omitted ones take the document's defaults.
    public init(
        rate: Int = 1000, consumers: Int = 3, serviceMs: Int = 50, deleteMs: Int = 60000,
        prestopMs: Int = 5000, graceMs: Int = 30000, propBaseMs: Int = 1000, propStepMs: Int = 500
    ) {
        self.rate = rate
        self.consumers = consumers
        self.serviceMs = serviceMs
        self.deleteMs = deleteMs
        self.prestopMs = prestopMs
        self.graceMs = graceMs
        self.propBaseMs = propBaseMs
        self.propStepMs = propStepMs
    }

    /// The time at which consumer `i` stops sending: `T + B + D·i`.
    public func stopMs(ofConsumer i: Int) -> Int {
        deleteMs + propBaseMs + propStepMs * i
    }

    /// Why these parameters cannot be run, phrased with the flag's name, or `nil` if they can.
    ///
    /// Besides the document's lower bounds (rate and consumers ≥ 1, times ≥ 0) each value has an
    /// upper bound (see ``HTTPDrainParameter/maximum``) so that no time computed by the model can
    /// overflow `Int`.
    public func validationError() -> String? {
        for field in HTTPDrainParameter.all {
            if let message = field.rangeError(self[keyPath: field.keyPath]) { return message }
        }
        return nil
    }
}
