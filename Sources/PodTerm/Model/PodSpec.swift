/// The part of a pod that decides how it stops, with Kubernetes' field names.
public struct PodSpec: Sendable, Equatable {
    /// `metadata.name`.
    public var name: String
    /// `spec.terminationGracePeriodSeconds` (default `defaultTerminationGracePeriodSeconds`).
    public var terminationGracePeriodSeconds: Int
    /// Kubernetes' default grace: 30 s. The one place it is defined.
    public static let defaultTerminationGracePeriodSeconds = 30
    /// `spec.restartPolicy`.
    public var restartPolicy: RestartPolicy
    /// `spec.initContainers`; those with `restartPolicy: Always` are sidecars.
    public var initContainers: [ContainerSpec]
    /// `spec.containers`.
    public var containers: [ContainerSpec]
    /// `spec.shareProcessNamespace`: one PID namespace for the whole pod, whose PID 1 is the
    /// pause process (`kubelet.sandbox-stop`, `pause.init`).
    public var shareProcessNamespace = false
    /// Whether the scheduler bound it to a node (`spec.nodeName` set). false: `Pending` with no
    /// node, no container ever starts, and a delete removes it at once (`api.not-running-delete`).
    public var scheduled = true

    /// Creates a pod spec.
    public init(
        name: String = "pod", terminationGracePeriodSeconds: Int = defaultTerminationGracePeriodSeconds, restartPolicy: RestartPolicy = .always,
        initContainers: [ContainerSpec] = [], containers: [ContainerSpec]
    ) {
        self.name = name
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.restartPolicy = restartPolicy
        self.initContainers = initContainers
        self.containers = containers
    }

    /// Sidecars (restartable init containers), in declaration order.
    public var sidecars: [ContainerSpec] { initContainers.filter { $0.restartPolicy == .always } }
}

/// `restartPolicy` of a pod or of an init container.
public enum RestartPolicy: String, Sendable, Equatable, CaseIterable {
    case always = "Always", onFailure = "OnFailure", never = "Never"
}

/// One container of the pod.
public struct ContainerSpec: Sendable, Equatable {
    /// `name`.
    public var name: String
    /// `image`: looked up in the scenario's `images:` for ENTRYPOINT, CMD and STOPSIGNAL.
    public var image: String
    /// `command` (replaces the image's ENTRYPOINT and drops its CMD).
    public var command: [String]?
    /// `args` (replaces the image's CMD).
    public var args: [String]?
    /// `lifecycle.preStop`.
    public var preStop: LifecycleHandler?
    /// `lifecycle.stopSignal` (alpha in 1.33, needs containerd 2.3+).
    public var stopSignal: Signal?
    /// `restartPolicy` of an init container (`Always` makes it a sidecar); nil for regular containers.
    public var restartPolicy: RestartPolicy?
    /// `livenessProbe.terminationGracePeriodSeconds` and `startupProbe.terminationGracePeriodSeconds`:
    /// the grace of a restart after that probe fails (`kubelet.probe-grace`); absent: the pod's.
    public var probeGracePeriodSeconds: [ProbeKind: Int]

    /// Creates a container spec.
    public init(
        name: String, image: String = "", command: [String]? = nil, args: [String]? = nil,
        preStop: LifecycleHandler? = nil, stopSignal: Signal? = nil, restartPolicy: RestartPolicy? = nil,
        probeGracePeriodSeconds: [ProbeKind: Int] = [:]
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.preStop = preStop
        self.stopSignal = stopSignal
        self.restartPolicy = restartPolicy
        self.probeGracePeriodSeconds = probeGracePeriodSeconds
    }
}

/// A lifecycle hook handler: `exec`, `httpGet` or `sleep`.
public enum LifecycleHandler: Sendable, Equatable {
    /// `exec.command`: runs inside the container; its duration is the program's.
    case exec(command: [String])
    /// `httpGet`: a request from the kubelet to the pod, answered by a process that declares the path.
    case httpGet(path: String, port: Int)
    /// `sleep.seconds`: the kubelet waits.
    case sleep(seconds: Int)
}

/// What an image says about how to start and stop it.
public struct ImageSpec: Sendable, Equatable {
    /// `ENTRYPOINT` in exec form (a shell-form ENTRYPOINT is stored as `/bin/sh -c "…"`).
    public var entrypoint: [String]?
    /// `CMD` in exec form (shell form stored as `/bin/sh -c "…"`).
    public var cmd: [String]?
    /// `STOPSIGNAL`.
    public var stopSignal: Signal?
    /// Which shell the image's `/bin/sh` is (nil: dash, as on Debian and Ubuntu; busybox on
    /// Alpine; bash on RHEL/UBI).
    public var shell: ShellFlavor?

    /// Creates an image spec.
    public init(entrypoint: [String]? = nil, cmd: [String]? = nil, stopSignal: Signal? = nil, shell: ShellFlavor? = nil) {
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.stopSignal = stopSignal
        self.shell = shell
    }
}

extension ContainerSpec {
    /// The argv the runtime executes, by Kubernetes' rules: `command` replaces ENTRYPOINT and
    /// drops CMD unless `args` is given; `args` replaces CMD.
    public func argv(image spec: ImageSpec?) -> [String] {
        let entry = command ?? spec?.entrypoint ?? []
        let cmdPart: [String]
        if let args { cmdPart = args } else if command != nil { cmdPart = [] } else { cmdPart = spec?.cmd ?? [] }
        return entry + cmdPart
    }
}
