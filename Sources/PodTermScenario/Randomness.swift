import PodTerm

extension LoadedScenario {
    /// `scenario` with every random field of the file drawn from `seed` (none yet).
    public func drawing(_ scenario: Scenario, seed: UInt64) throws(ScenarioError) -> Scenario { scenario }
}
