/// The API server's share of stopping a pod: a delete sets deletionTimestamp with its grace
/// (Terminating) or, later, may only shorten it; grace 0 removes the object at once; and
/// once the kubelet reports the pod gone, a deleted pod's object is removed.
///
/// Rules: `api.delete-grace`, `api.shorten-only`, `api.force-delete`, `api.not-running-delete` in `kubelet.md`.
final class APIServer {
    unowned let engine: Engine
    /// The grace recorded with deletionTimestamp (nil until the pod is deleted).
    private(set) var deletionGrace: Int?
    /// The pod object is gone from the API.
    private(set) var objectRemoved = false

    init(engine: Engine) { self.engine = engine }

    /// A delete with `grace` seconds (kubectl's, or an eviction's): deletionTimestamp (or a
    /// shorter one), Terminating, the object removed at once for grace 0; then the kubelet's kill.
    func delete(grace: Int) {
        // api.not-running-delete: on no node, or already Succeeded/Failed: grace 0, removed at
        // once; no kubelet takes part, nothing is signalled.
        if !engine.scenario.pod.scheduled || (engine.podGoneAt != nil && deletionGrace == nil) {
            guard !objectRemoved else { return }
            objectRemoved = true
            engine.record(.api, .podObjectRemoved, rule: .apiNotRunningDelete)
            engine.finish()
            return
        }
        if let oldGrace = deletionGrace {
            // api.shorten-only: a later delete may only bring the deadline forward.
            guard grace < oldGrace else {
                engine.record(.api, .deleteIgnored(grace: grace, current: oldGrace), rule: .apiShortenOnly)
                return
            }
            deletionGrace = grace
            engine.record(.api, .deadlineShortened(grace: grace), rule: .apiShortenOnly)
        } else {
            deletionGrace = grace
            engine.record(.api, .podTerminating(grace: grace), rule: .apiDeleteGrace)
            engine.network.podTerminating()
        }
        if grace == 0 && !objectRemoved {
            objectRemoved = true
            engine.record(.api, .podObjectRemoved, rule: .apiForceDelete)
        }
        engine.kubelet.requestKill(override: grace, zeroMeansPodGrace: true)
    }

    /// The kubelet reports every container stopped: a deleted pod's object is removed now.
    func podGone() {
        if !objectRemoved && deletionGrace != nil {
            objectRemoved = true
            engine.record(.api, .podObjectRemoved, rule: .kubeletPodGone)
        }
    }
}
