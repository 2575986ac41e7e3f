/// The state of a run at one instant, folded from the timeline's events in order (`MomentFold`).
///
/// ```swift
/// let t = try Simulator.run(scenario)
/// let m = t.moment(at: 30_000)
/// print(m.containers[0].phase, m.pod.graceLeft(at: m.time) ?? 0)
/// ```
/// Nothing else turns events into state: the timeline's records (`Timeline.containers`,
/// `processes`, `pod`, `workloads`) and its `Outcome` are those of the last moment.
public struct Moment: Sendable, Equatable {
    /// The virtual time of the moment.
    public var time: Millis
    /// How many events have been applied (0: before the first).
    public var eventCount: Int
    /// Every process started so far; index = `Timeline.processes` index.
    public var processes: [ProcessState]
    /// Every container; index = `Timeline.containers` index.
    public var containers: [ContainerState]
    /// The pod.
    public var pod: PodState
    /// Every consumer of endpoints; index = `Timeline.consumers` index.
    public var consumers: [ConsumerState]
    /// Every workload's meters so far; index = `Timeline.workloads` index.
    public var workloads: [WorkloadMeters]

    /// Processes that became zombies and were never collected by a parent process (so far).
    public var zombiesLeft: Int { processes.reduce(0) { $0 + ($1.zombieLeft ? 1 : 0) } }
}
