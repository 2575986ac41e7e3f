// MARK: - STUB: built-in scenario benchmark (to be filled in by the lead)
//
// Called from main.swift after the http-drain lines, only when `--scenarios` is given.
// The scenario engine (PodTermScenario, PodTermBuiltins) does not exist yet, so this
// deliberately prints nothing and this target does not import those modules yet.

/// Benchmarks podterm's built-in scenarios. STUB: prints nothing for now.
func benchBuiltinScenarios() {
    // TODO(lead): run each built-in scenario on the full engine and print perf.* lines.
}
