/// The state machine of one workload, driven by the engine's events: its process starting,
/// the handler of its stop signal starting, a process dying, a consumer of endpoints applying
/// the EndpointSlice change, its own timers. Counts are computed arithmetically between those
/// events (no event per request or message).
protocol WorkloadModel: AnyObject {
    var spec: WorkloadSpec { get }
    /// The process it is attached to, once attached.
    var pid: Int? { get }
    /// Its process started (or exec'd into its program).
    func attach(_ pid: Int)
    /// The handler of a signal that shuts its process down started.
    func stopHandlerStarted(_ signal: Signal)
    /// Any process died (`pid`): its own, or one it depends on.
    func processDied(_ pid: Int)
    /// Any process started: one it depends on may have come back.
    func processStarted(_ pid: Int)
    /// Consumer `i` will stop routing at `at` (the EndpointSlice changed).
    func consumerScheduled(_ i: Int, at: Millis)
    /// Consumer `i` stops routing now.
    func consumerApplied(_ i: Int)
    /// Consumer `i` routes to the pod again now (its endpoint is ready once more).
    func consumerResumed(_ i: Int)
    /// Whether it attaches again to the new process when its process died and the container
    /// was restarted (a server listens again; a Kafka consumer's buffer is gone for good).
    var reattachesOnRestart: Bool { get }
    /// One of its timers fired.
    func timer(_ token: Int)
    /// The run ends at `at`: the figures.
    func finish(at: Millis) -> WorkloadRecord
    /// `traffic`, `kafka` or `outbound`, and the names of its figures, in order.
    var meterKind: String { get }
    var meterNames: [String] { get }
    /// Its figures as counted so far (up to its last change), in the order of `meterNames`.
    func reading() -> [FigureValue]
    /// How its figures grow from now until its next change.
    var growth: MeterGrowth { get }
}

extension WorkloadModel {
    func processStarted(_ pid: Int) {}
    func consumerScheduled(_ i: Int, at: Millis) {}
    func consumerApplied(_ i: Int) {}
    func consumerResumed(_ i: Int) {}
    var reattachesOnRestart: Bool { false }
    func timer(_ token: Int) {}
}
