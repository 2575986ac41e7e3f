/// `kubectl delete pod` with its grace flags (`--grace-period`, `--force`, `--now`): kubectl
/// decides the grace the API server records; a second delete may only shorten it
/// (`APIServer.delete`), and grace 0 with `--force` removes the object at once.
///
/// Rules: `kubectl.grace-flags`, then the API server's (`api.*`).
struct KubectlDelete: Stopper {
    let options: DeleteOptions

    /// A delete acts on the API object, so it is still played once the containers are gone.
    var actsOnTheAPIObject: Bool { true }

    func validate(in scenario: Scenario) throws { try requireKubernetes(scenario) }

    func act(_ engine: Engine) {
        let opts = options
        // kubectl.grace-flags: --now ⇒ 1; --grace-period=0 without --force ⇒ 1.
        var grace: Int
        if opts.now {
            grace = 1
        } else if let g = opts.gracePeriod {
            grace = (g == 0 && !opts.force) ? 1 : g
        } else {
            grace = opts.force ? 0 : engine.scenario.pod.terminationGracePeriodSeconds
        }
        if grace < 0 { grace = 1 }
        engine.record(.kubectl, .deleteRequested(opts, grace: grace), rule: .kubectlGraceFlags)
        engine.api.delete(grace: grace)
    }
}
