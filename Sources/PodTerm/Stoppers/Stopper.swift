/// Something that stops the pod or one of its containers when its moment comes: one small
/// type per kind of stop, made from the scenario's `StopAction`.
///
/// A new stopper is its own type here, a case of `StopAction.Kind` with its line in
/// `StopAction.Kind.stopper` (both in `Model/StopAction.swift`), its decoding in
/// `PodTermScenario` (`StopDecoding`) and its rule (`Rule`); and, if it records a new kind of
/// event, that event's case and its text and fields (`TimelineEvent`, `EventText`, `EventFields`).
protocol Stopper {
    /// The checks the engine needs beyond what the file format checks (the front door it
    /// belongs to, the container it names).
    func validate(in scenario: Scenario) throws
    /// Acts at its moment. A stop action acts after what the processes do in that millisecond
    /// (rule `tie.stop-action-after-processes`).
    func act(_ engine: Engine)
    /// Whether it acts on the API object rather than on the node, so it is still played after
    /// the containers are gone while the object remains: a delete, or a drain (whose eviction
    /// is a delete), of a pod that completed or was evicted (`api.not-running-delete`).
    var actsOnTheAPIObject: Bool { get }
}

extension Stopper {
    func validate(in scenario: Scenario) throws {}

    var actsOnTheAPIObject: Bool { false }

    /// Throws unless the scenario's containers are stopped by the kubelet.
    func requireKubernetes(_ scenario: Scenario) throws {
        if scenario.frontDoor != .kubernetes { throw ModelError.wrongFrontDoor(action: "a Kubernetes stop", frontDoor: scenario.frontDoor) }
    }

    /// Throws unless the pod has a container called `name`.
    func requireContainer(_ name: String, in scenario: Scenario) throws {
        if !(scenario.pod.sidecars + scenario.pod.containers).contains(where: { $0.name == name }) { throw ModelError.unknownContainer(name) }
    }
}
