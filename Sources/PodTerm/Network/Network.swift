/// The network's part: the pod's endpoint in the EndpointSlice (its ready, serving and
/// terminating conditions), and each consumer of endpoints applying every change after its own
/// delay.
///
/// Rules: `endpoints.terminating`, `endpoints.consumer-delay`, `endpoints.terminal-phase`,
/// `kubelet.ready-when-running` in `kubelet.md`. The conditions follow `podToEndpoint`:
/// serving = the pod's Ready condition, ready = serving and not terminating. A consumer routes
/// to the pod while its endpoint is ready: the model takes the Service to have other ready
/// endpoints (the pods of a rollout), so no consumer falls back to a terminating-but-serving
/// endpoint (kube-proxy does that only when no ready endpoint is left). Traffic and its damage
/// build on this (see the workloads).
final class Network {
    unowned let engine: Engine
    /// Whether each consumer routes to the pod now.
    private(set) var routing: [Bool]
    /// Whether each consumer will route to the pod once it has applied every change scheduled.
    private var planned: [Bool]

    /// The endpoint's conditions; `removed`: the pod left the EndpointSlice (terminal phase).
    private(set) var ready = true
    private(set) var serving = true
    private(set) var terminating = false
    private var removed = false
    /// Containers that are not running and ready: exited, or started again and not yet ready.
    /// The pod starts ready (the model starts when every container has started).
    private var notReady: [Bool]
    /// Identifies each container's latest start, so a readiness due after it exited again does nothing.
    private var startToken: [Int]

    init(engine: Engine) {
        self.engine = engine
        routing = Array(repeating: true, count: engine.scenario.network.consumers.count)
        planned = routing
        let containers = engine.scenario.pod.sidecars.count + engine.scenario.pod.containers.count
        notReady = Array(repeating: false, count: containers)
        startToken = Array(repeating: 0, count: containers)
    }

    /// deletionTimestamp is set: the endpoint turns ready=false, terminating=true at once
    /// (serving stays what the pod's readiness says), and every consumer hears of it after its delay.
    func podTerminating() {
        terminating = true
        ready = false
        engine.record(.endpoints, .endpointNotReady, rule: .endpointsTerminating)
        propagate()
    }

    /// The kubelet set the pod's phase to Failed (eviction, node shutdown): the EndpointSlice
    /// drops the pod, and every consumer hears of it after its delay.
    func podTerminalPhase() {
        removed = true
        ready = false
        serving = false
        engine.record(.endpoints, .endpointRemoved, rule: .endpointsTerminalPhase)
        propagate()
    }

    /// Container `c` exited: the pod is NotReady at once (`kubelet.ready-when-running`), its
    /// endpoint not serving, unless the pod reaches its terminal phase in this same millisecond
    /// (its last container) or the container is ready again in it (a restart at once).
    func containerExited(_ c: Int) {
        startToken[c] += 1
        notReady[c] = true
        changed = c
        requestSync()
    }

    /// Container `c` was started again: it is ready once its start-up time has passed.
    func containerStarted(_ c: Int, readyIn: Millis) {
        startToken[c] += 1
        engine.schedule(.containerReady(container: c, token: startToken[c]), after: readyIn)
    }

    /// Container `c` runs and is ready (`containerStarted`'s `token`): when every container is,
    /// the pod is Ready again and each consumer routes to it after its delay.
    func containerReady(_ c: Int, token: Int) {
        guard token == startToken[c], notReady[c] else { return }
        notReady[c] = false
        changed = c
        requestSync()
    }

    /// The container that changed last, for the event; whether a sync is due this millisecond.
    private var changed = 0
    private var syncDue = false

    /// The kubelet's status update reaches the EndpointSlice at the end of the millisecond (a
    /// deadline), so it carries the pod's state after everything that happened in it: a pod
    /// gone by then has left the slice instead (the sync is dropped with the pod).
    private func requestSync() {
        guard !syncDue else { return }
        syncDue = true
        engine.scheduleDeadline(.endpointSync, after: 0)
    }

    /// Publishes the pod's readiness if it changed: serving = every container runs and is
    /// ready, ready = serving and not terminating (`podToEndpoint`).
    func sync() {
        syncDue = false
        guard !removed else { return }
        let nowServing = !notReady.contains(true)
        guard nowServing != serving else { return }
        serving = nowServing
        ready = serving && !terminating
        engine.record(.endpoints, .endpointChanged(ready: ready, serving: serving, terminating: terminating), container: changed, rule: .kubeletReadyWhenRunning)
        propagate()
    }

    /// Every consumer whose routing this change turns around applies it after its delay.
    private func propagate() {
        let routes = ready && !removed
        for (i, consumer) in engine.scenario.network.consumers.enumerated() where planned[i] != routes {
            planned[i] = routes
            engine.schedule(.consumerApplies(consumer: i, routes: routes), after: consumer.delay)
            if !routes { engine.workloads.consumerScheduled(i, at: engine.now + consumer.delay) }
        }
    }

    func consumerApplies(_ i: Int, routes: Bool) {
        guard routing[i] != routes else { return }
        routing[i] = routes
        if routes {
            engine.workloads.consumerResumed(i)
            engine.record(.consumer(i), .consumerResumed, rule: .endpointsConsumerDelay)
        } else {
            engine.workloads.consumerApplied(i)
            engine.record(.consumer(i), .consumerStopped, rule: .endpointsConsumerDelay)
        }
    }
}
