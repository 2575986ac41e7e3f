extension ContainerState {
    /// What became of the container, as of this moment.
    public var record: ContainerRecord {
        ContainerRecord(
            name: name, isSidecar: isSidecar, stopSignal: stopSignal, argv: argv, exits: exits,
            stopSignalAt: stopSignalAt, sigkillAt: sigkillAt, restarts: restarts, preStop: preStop, isSandbox: isSandbox)
    }
}

extension ProcessState {
    /// What became of the process, as of this moment.
    public var record: ProcessRecord {
        ProcessRecord(
            container: container, pid: pid, name: name, argv: argv, parent: startParent, startedAt: startedAt,
            received: received, end: end, reapedAt: reapedAt, containerInstance: containerInstance,
            earlierImages: earlierImages, zombieLeft: zombieLeft)
    }
}

extension PodState {
    /// What happened to the pod, as of this moment.
    public var record: PodRecord {
        PodRecord(
            name: name, deletedAt: deletedAt, deletionGrace: deletionGrace, effectiveGrace: effectiveGrace,
            objectRemovedAt: objectRemovedAt, goneAt: goneAt, phase: terminalPhase, reason: reason)
    }
}

extension WorkloadMeters {
    /// What the workload counted, as of this moment.
    public var record: WorkloadRecord { WorkloadRecord(name: name, prefix: kind, figures: figures) }
}
