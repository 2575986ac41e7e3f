/// Collects what a run produces: events, and the records of containers, processes and the pod.
final class Recorder {
    var events: [TimelineEvent] = []
    var containers: [ContainerRecord] = []
    var processes: [ProcessRecord] = []
    var consumers: [String] = []
    var pod: PodRecord
    var hitHorizon = false
    var workloads: [WorkloadRecord] = []
    let scenarioName: String
    let seed: UInt64
    let version: KubernetesVersion

    init(scenario: Scenario, seed: UInt64) {
        scenarioName = scenario.name
        self.seed = seed
        version = scenario.kubernetesVersion
        pod = PodRecord(name: scenario.pod.name)
        consumers = scenario.network.consumers.map(\.name)
    }

    func timeline(endedAt: Millis) -> Timeline {
        Timeline(
            scenarioName: scenarioName, seed: seed, kubernetesVersion: version, events: events,
            containers: containers, processes: processes, consumers: consumers, pod: pod,
            endedAt: endedAt, hitHorizon: hitHorizon, workloads: workloads)
    }
}
