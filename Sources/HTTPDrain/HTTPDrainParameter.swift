/// One of the eight http-drain parameters as a command line sees it: its flag, its bounds and
/// where it lives in ``HTTPDrainParameters``.
///
/// `podterm-bench` parses its flags from ``all``, and ``HTTPDrainParameters/validationError()``
/// checks the same bounds, so the two can never disagree about what is accepted.
public struct HTTPDrainParameter: Sendable {
    /// The flag, with its dashes: `--rate`.
    public let flag: String
    /// The key in the `model=...` header line: `rate`, `service_ms`.
    public let outputKey: String
    /// The smallest accepted value.
    public let minimum: Int
    /// The largest accepted value; large enough for any run that finishes in reasonable time,
    /// small enough that `T + B + D·(K-1) + S` and the like cannot overflow.
    public let maximum: Int
    /// What the value means, for `--help`.
    public let meaning: String
    /// Where the value is stored.
    public let keyPath: WritableKeyPath<HTTPDrainParameters, Int> & Sendable

    /// Largest accepted time in ms (about 31.7 years of virtual time).
    public static let maximumMs = 1_000_000_000_000
    /// Largest accepted `--rate` (1000 requests per ms from each consumer).
    public static let maximumRate = 1_000_000
    /// Largest accepted `--consumers`.
    public static let maximumConsumers = 100_000

    /// The eight parameters, in the order of the document's table and header line.
    public static let all: [HTTPDrainParameter] = [
        .init(flag: "--rate", outputKey: "rate", minimum: 1, maximum: maximumRate,
              meaning: "requests per second from each consumer", keyPath: \.rate),
        .init(flag: "--consumers", outputKey: "consumers", minimum: 1, maximum: maximumConsumers,
              meaning: "endpoint consumers sending traffic", keyPath: \.consumers),
        .init(flag: "--service-ms", outputKey: "service_ms", minimum: 0, maximum: maximumMs,
              meaning: "fixed service time of one request", keyPath: \.serviceMs),
        .init(flag: "--delete-ms", outputKey: "delete_ms", minimum: 0, maximum: maximumMs,
              meaning: "time at which the pod is deleted", keyPath: \.deleteMs),
        .init(flag: "--prestop-ms", outputKey: "prestop_ms", minimum: 0, maximum: maximumMs,
              meaning: "preStop sleep; SIGTERM at delete + prestop", keyPath: \.prestopMs),
        .init(flag: "--grace-ms", outputKey: "grace_ms", minimum: 0, maximum: maximumMs,
              meaning: "grace period from deletion; SIGKILL at delete + grace", keyPath: \.graceMs),
        .init(flag: "--prop-base-ms", outputKey: "prop_base_ms", minimum: 0, maximum: maximumMs,
              meaning: "endpoint-removal delay of consumer 0", keyPath: \.propBaseMs),
        .init(flag: "--prop-step-ms", outputKey: "prop_step_ms", minimum: 0, maximum: maximumMs,
              meaning: "extra endpoint-removal delay per consumer index", keyPath: \.propStepMs),
    ]

    /// The parameter whose flag is `flag`, if any.
    public static func named(_ flag: String) -> HTTPDrainParameter? {
        all.first { $0.flag == flag }
    }

    /// What the flag accepts, for messages: `--rate expects a whole number ≥ 1`.
    public var expectation: String {
        "\(flag) expects a whole number ≥ \(minimum)"
    }

    /// The default value, read from `HTTPDrainParameters()`.
    public var defaultValue: Int { HTTPDrainParameters()[keyPath: keyPath] }

    /// A message if `value` is out of range, `nil` if it is accepted.
    public func rangeError(_ value: Int) -> String? {
        if value < minimum { return "\(expectation) (got \(value))" }
        if value > maximum { return "\(flag) expects a whole number ≤ \(maximum) (got \(value))" }
        return nil
    }
}
