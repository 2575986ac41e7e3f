/// The network's part: the EndpointSlice change when the pod starts terminating, and each
/// consumer of endpoints applying it after its own delay.
///
/// Rules: `endpoints.terminating`, `endpoints.consumer-delay` in `kubelet.md`. Traffic and its
/// damage build on this (see the workloads).
final class Network {
    unowned let engine: Engine
    private(set) var routing: [Bool]

    init(engine: Engine) {
        self.engine = engine
        routing = Array(repeating: true, count: engine.scenario.network.consumers.count)
    }

    /// deletionTimestamp is set: the endpoint turns ready=false, terminating=true at once, and
    /// every consumer hears of it after its delay.
    func podTerminating() {
        engine.record(.endpoints, .endpointNotReady, rule: .endpointsTerminating)
        for (i, consumer) in engine.scenario.network.consumers.enumerated() {
            engine.schedule(.consumerApplies(consumer: i), after: consumer.delay)
            engine.workloads.consumerScheduled(i, at: engine.now + consumer.delay)
        }
    }

    /// The kubelet set the pod's phase to Failed (eviction, node shutdown): the EndpointSlice
    /// drops the pod, and every consumer hears of it after its delay.
    func podTerminalPhase() {
        engine.record(.endpoints, .endpointRemoved, rule: .endpointsTerminalPhase)
        for (i, consumer) in engine.scenario.network.consumers.enumerated() {
            engine.schedule(.consumerApplies(consumer: i), after: consumer.delay)
            engine.workloads.consumerScheduled(i, at: engine.now + consumer.delay)
        }
    }

    func consumerApplies(_ i: Int) {
        guard routing[i] else { return }
        routing[i] = false
        engine.workloads.consumerApplied(i)
        engine.record(.consumer(i), .consumerStopped, rule: .endpointsConsumerDelay)
    }
}
