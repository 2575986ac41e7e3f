/// A scheduled piece of work: what the event queue holds. Small values only.
enum Action {
    /// The scenario's stop action number N fires.
    case scenarioAction(Int)
    /// A signal that survived the send-time checks reaches process `pid`.
    case deliver(pid: Int, signal: Signal, origin: SignalOrigin)
    /// A program's timer fires (ignored if the process exec'd or died since: `generation`).
    case programTimer(pid: Int, generation: Int, timer: ProgramTimer)
    /// A consumer of endpoints applies an EndpointSlice change: after it, it routes to the pod
    /// (`routes`) or not.
    case consumerApplies(consumer: Int, routes: Bool)
    /// A container that was started again passed its start-up (`readyAfter`): it is ready, unless
    /// it exited since (`token`).
    case containerReady(container: Int, token: Int)
    /// The pod's status reaches the EndpointSlice: its readiness as it stands at the end of
    /// this millisecond (a deadline), if it changed.
    case endpointSync
    /// A preStop hook that runs in the kubelet (sleep, or an httpGet answer) completes.
    case preStopCompletes(container: Int, run: Int, succeeded: Bool, detail: Int)
    /// The kubelet stops waiting for a preStop hook: the grace ran out.
    case preStopDeadline(container: Int, run: Int)
    /// A sidecar's wait for its turn ran out of grace.
    case sidecarDeadline(container: Int, run: Int)
    /// The runtime's stop timeout of a container ran out: SIGKILL.
    case stopTimeout(container: Int, instance: Int)
    /// `docker stop`'s timeout ran out: SIGKILL.
    case dockerStopTimeout(container: Int, instance: Int)
    /// The kubelet restarts a container that exited.
    case restartContainer(container: Int)
    /// A workload's timer fires (e.g. a server closes its listener after its drain period).
    case workloadTimer(workload: Int, token: Int)
    /// The kubelet starts a container whose turn has come (after the sidecars before it started).
    case startContainer(container: Int)
    /// The pod worker starts the kill requested in this millisecond, with the shortest grace asked.
    case startPodKill
    /// A kubectl drain started at `startedAt` tries its eviction again after a 429 (`eviction.pdb`).
    case drainRetry(Eviction, startedAt: Millis)

    /// Whether it still happens once the pod is gone: only a consumer of endpoints applying
    /// the EndpointSlice change, which is the network's doing, not the pod's.
    var outlivesThePod: Bool {
        if case .consumerApplies = self { return true }
        return false
    }
}
