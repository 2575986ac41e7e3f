
/// Everything one simulation needs: the pod, what its programs do, what stops it, and when.
///
/// A plain value: `PodTermScenario` fills it from a YAML file, tests may build it directly.
/// The engine never reads files; it only reads this.
public struct Scenario: Sendable, Equatable {
    /// Short machine-friendly name (the file name without `.yaml` for built-ins).
    public var name: String
    /// One line saying what the scenario shows.
    public var summary: String
    /// A few sentences a trainer can read out.
    public var story: String
    /// Seed of the run's random generator.
    public var seed: UInt64
    /// The Kubernetes version whose kubelet rules apply (default 1.33).
    public var kubernetesVersion: KubernetesVersion
    /// The pod, in Kubernetes terms.
    public var pod: PodSpec
    /// What images say that a pod spec does not (ENTRYPOINT, CMD, STOPSIGNAL), by image name.
    public var images: [String: ImageSpec]
    /// How each program behaves, by executable name or path.
    public var programs: [String: ProgramSpec]
    /// Who consumes the pod's endpoints, and how late each one applies a change.
    public var network: NetworkSpec
    /// What stops the pod or its containers, and when.
    public var actions: [StopAction]
    /// The run stops here if it has not ended by itself (default `defaultHorizon`).
    public var horizon: Millis
    /// The default horizon: 10 minutes of virtual time.
    public static let defaultHorizon: Millis = 600_000
    /// The default seed of the run's random generator.
    public static let defaultSeed: UInt64 = 1
    /// Who stops the containers: the kubelet (default) or Docker.
    public var frontDoor: FrontDoor
    /// Docker's `--stop-timeout` for the container (front door docker), in seconds.
    public var dockerStopTimeout: Int?
    /// Whether the pod is critical for graceful node shutdown (priority class
    /// `system-node-critical` or `system-cluster-critical`).
    public var criticalPod: Bool
    /// The workloads whose damage the run counts (traffic, Kafka consumers, outbound calls).
    public var workloads: [WorkloadSpec]
    /// The PodDisruptionBudget evictions must pass, if one covers the pod (`eviction.pdb`).
    public var disruptionBudget: DisruptionBudget?
    /// The kubelet's effective-grace calculation (default: the releases').
    public var gracePeriodProfile: GracePeriodProfile = .release

    /// Creates a scenario; every part but the pod has a default.
    public init(
        name: String = "scenario", summary: String = "", story: String = "", seed: UInt64 = defaultSeed,
        kubernetesVersion: KubernetesVersion = .current, pod: PodSpec,
        images: [String: ImageSpec] = [:], programs: [String: ProgramSpec] = [:],
        network: NetworkSpec = NetworkSpec(), actions: [StopAction] = [], horizon: Millis = defaultHorizon,
        frontDoor: FrontDoor = .kubernetes, dockerStopTimeout: Int? = nil, criticalPod: Bool = false,
        workloads: [WorkloadSpec] = []
    ) {
        self.workloads = workloads
        self.frontDoor = frontDoor
        self.dockerStopTimeout = dockerStopTimeout
        self.criticalPod = criticalPod
        self.name = name
        self.summary = summary
        self.story = story
        self.seed = seed
        self.kubernetesVersion = kubernetesVersion
        self.pod = pod
        self.images = images
        self.programs = programs
        self.network = network
        self.actions = actions
        self.horizon = horizon
    }
}

/// A Kubernetes minor version, e.g. 1.33. Rules that changed between versions consult it.
public struct KubernetesVersion: Comparable, Sendable, Hashable, CustomStringConvertible {
    /// Major version (1).
    public var major: Int
    /// Minor version (e.g. 33).
    public var minor: Int

    /// Creates a version.
    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Today's common case, the default profile of the references: 1.33.
    public static let current = KubernetesVersion(1, 33)

    /// The versions whose kubelet rules the references state: 1.22 (the pod-worker rewrite)
    /// to 1.34. Older and newer ones are refused rather than guessed.
    public static let supported = KubernetesVersion(1, 22)...KubernetesVersion(1, 34)

    /// The supported versions as a list, `1.22, 1.23, …, 1.34`.
    public static var supportedList: [KubernetesVersion] {
        (supported.lowerBound.minor...supported.upperBound.minor).map { KubernetesVersion(1, $0) }
    }

    /// Parses `1.33`, `v1.27` or `1.28.3`.
    public init?(parsing text: String) {
        var t = Substring(text)
        if t.hasPrefix("v") { t = t.dropFirst() }
        let parts = t.split(separator: ".")
        guard parts.count >= 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 1, b >= 0 else { return nil }
        self.init(a, b)
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (l: KubernetesVersion, r: KubernetesVersion) -> Bool {
        (l.major, l.minor) < (r.major, r.minor)
    }
}
