import HTTPDrain
import Testing

@Suite("Parameter validation")
struct ParameterValidationTests {
    @Test("the document's defaults are valid")
    func defaultsValid() {
        let p = HTTPDrainParameters()
        #expect(p.validationError() == nil)
        #expect(p == HTTPDrainParameters(
            rate: 1000, consumers: 3, serviceMs: 50, deleteMs: 60000,
            prestopMs: 5000, graceMs: 30000, propBaseMs: 1000, propStepMs: 500))
        #expect((0..<3).map { p.stopMs(ofConsumer: $0) } == [61000, 61500, 62000])
    }

    @Test("out-of-range values are named by their flag", arguments: [
        (\HTTPDrainParameters.rate, 0, "--rate expects a whole number ≥ 1 (got 0)"),
        (\HTTPDrainParameters.rate, -5, "--rate expects a whole number ≥ 1 (got -5)"),
        (\HTTPDrainParameters.consumers, 0, "--consumers expects a whole number ≥ 1 (got 0)"),
        (\HTTPDrainParameters.serviceMs, -1, "--service-ms expects a whole number ≥ 0 (got -1)"),
        (\HTTPDrainParameters.deleteMs, -1, "--delete-ms expects a whole number ≥ 0 (got -1)"),
        (\HTTPDrainParameters.prestopMs, -1, "--prestop-ms expects a whole number ≥ 0 (got -1)"),
        (\HTTPDrainParameters.graceMs, -1, "--grace-ms expects a whole number ≥ 0 (got -1)"),
        (\HTTPDrainParameters.propBaseMs, -1, "--prop-base-ms expects a whole number ≥ 0 (got -1)"),
        (\HTTPDrainParameters.propStepMs, -1, "--prop-step-ms expects a whole number ≥ 0 (got -1)"),
    ] as [(WritableKeyPath<HTTPDrainParameters, Int> & Sendable, Int, String)])
    func rejectsBelowMinimum(_ field: WritableKeyPath<HTTPDrainParameters, Int> & Sendable, _ value: Int, _ message: String) {
        var p = HTTPDrainParameters()
        p[keyPath: field] = value
        #expect(p.validationError() == message)
    }

    @Test("values that could overflow a time are rejected")
    func rejectsAboveMaximum() {
        var p = HTTPDrainParameters()
        p.deleteMs = Int.max
        #expect(p.validationError() == "--delete-ms expects a whole number ≤ \(HTTPDrainParameter.maximumMs) (got \(Int.max))")
        p = HTTPDrainParameters(rate: HTTPDrainParameter.maximumRate + 1)
        #expect(p.validationError()?.hasPrefix("--rate expects a whole number ≤ ") == true)
        p = HTTPDrainParameters(consumers: HTTPDrainParameter.maximumConsumers + 1)
        #expect(p.validationError()?.hasPrefix("--consumers expects a whole number ≤ ") == true)
        // The bounds themselves are accepted.
        p = HTTPDrainParameters(
            rate: HTTPDrainParameter.maximumRate, consumers: HTTPDrainParameter.maximumConsumers,
            serviceMs: HTTPDrainParameter.maximumMs, deleteMs: HTTPDrainParameter.maximumMs,
            prestopMs: HTTPDrainParameter.maximumMs, graceMs: HTTPDrainParameter.maximumMs,
            propBaseMs: HTTPDrainParameter.maximumMs, propStepMs: HTTPDrainParameter.maximumMs)
        #expect(p.validationError() == nil)
    }

    @Test("the flag table lists the eight parameters in the header's order")
    func flagTable() {
        #expect(HTTPDrainParameter.all.map(\.flag) == [
            "--rate", "--consumers", "--service-ms", "--delete-ms",
            "--prestop-ms", "--grace-ms", "--prop-base-ms", "--prop-step-ms",
        ])
        #expect(HTTPDrainParameter.named("--grace-ms")?.defaultValue == 30000)
        #expect(HTTPDrainParameter.named("--nope") == nil)
    }
}
