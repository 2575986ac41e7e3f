/// Collects what a run produces: its events, each folded at once into the live `Moment`.
///
/// The records of the timeline (`containers`, `processes`, `pod`, `workloads`) are the last
/// moment's. With `keepsEvents` false (an outcome-only run) it keeps neither the events nor
/// the snapshots: only the live moment.
final class Recorder {
    private(set) var events: [TimelineEvent] = []
    private(set) var fold: MomentFold
    private var snapshots: MomentSnapshots?
    let keepsEvents: Bool
    var hitHorizon = false
    let scenarioName: String
    let seed: UInt64
    let version: KubernetesVersion

    init(scenario: Scenario, seed: UInt64, keepsEvents: Bool = true) {
        scenarioName = scenario.name
        self.seed = seed
        self.keepsEvents = keepsEvents
        version = scenario.kubernetesVersion
        fold = MomentFold(from: Moment(
            time: 0, eventCount: 0, processes: [], containers: [],
            pod: PodState(name: scenario.pod.name, ready: true),
            consumers: scenario.network.consumers.map { ConsumerState(name: $0.name, routing: true, stoppedRoutingAt: nil) },
            workloads: []))
    }

    /// How many events were recorded.
    var eventCount: Int { fold.moment.eventCount }

    /// The live moment: the state after every event recorded so far.
    var moment: Moment { fold.moment }

    // What the actors may still read of the state so far (the live moment's; nobody writes it).
    var containers: [ContainerState] { fold.moment.containers }
    var processes: [ProcessState] { fold.moment.processes }
    var pod: PodState { fold.moment.pod }

    /// Declares a container, before the first event.
    func declareContainer(name: String, isSidecar: Bool, stopSignal: Signal, argv: [String]) {
        fold.declare { m in
            m.containers.append(ContainerState(
                name: name, isSidecar: isSidecar, stopSignal: stopSignal, argv: argv, restarts: 0, exits: [],
                phase: .waiting, stopSignalAt: nil, sigkillAt: nil, preStop: nil, initProcess: nil, nextPid: 1))
        }
    }

    /// Declares the pod sandbox, after the containers, when they share its PID namespace: the
    /// `POD` entry, whose PID 1 is the pause process.
    func declareSandbox(argv: [String]) {
        fold.declare { m in
            var sandbox = ContainerState(
                name: "POD", isSidecar: false, stopSignal: .kill, argv: argv, restarts: 0, exits: [],
                phase: .waiting, stopSignalAt: nil, sigkillAt: nil, preStop: nil, initProcess: nil, nextPid: 1)
            sandbox.isSandbox = true
            m.containers.append(sandbox)
            m.pod.sharesProcessNamespace = true
        }
    }

    /// Declares a workload and its meters' names and first values, before the first event.
    func declareWorkload(name: String, kind: String, names: [String], values: [FigureValue], growth: MeterGrowth) {
        fold.declare { m in m.workloads.append(WorkloadMeters(name: name, kind: kind, names: names, values: values, asOf: 0, growth: growth)) }
    }

    /// Records `e` and folds it into the live moment.
    func record(_ e: TimelineEvent) {
        if keepsEvents {
            if snapshots == nil { snapshots = MomentSnapshots(first: fold.moment) }
            events.append(e)
            fold.apply(e)
            if snapshots!.isDue(fold.moment) { snapshots!.keep(fold.moment) }
        } else {
            fold.apply(e)
        }
    }

    /// The timeline: the events, and the records of the last moment.
    func timeline(endedAt: Millis) -> Timeline {
        let m = fold.moment
        return Timeline(
            scenarioName: scenarioName, seed: seed, kubernetesVersion: version, events: events,
            containers: m.containers.map(\.record), processes: m.processes.map(\.record), consumers: m.consumers.map(\.name),
            pod: m.pod.record, endedAt: endedAt, hitHorizon: hitHorizon, workloads: m.workloads.map(\.record),
            snapshots: snapshots ?? MomentSnapshots(first: fold.moment), lastMoment: fold.moment)
    }
}
