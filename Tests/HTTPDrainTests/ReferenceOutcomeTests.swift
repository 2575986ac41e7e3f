import HTTPDrain
import Testing

@Suite("Reference outcomes of shared/bench/http-drain.md")
struct ReferenceOutcomeTests {
    @Test("the model reproduces the document's row", arguments: referenceRows)
    func reproducesRow(_ row: ReferenceRow) {
        let p = row.parameters
        #expect(p.validationError() == nil)
        let r = HTTPDrainModel.run(p)
        #expect(r.events == row.events)
        #expect(r.served == row.served)
        #expect(r.refused == row.refused)
        #expect(r.failed == row.failed)
        #expect("\(r.exitCause.rawValue)@\(r.exitMs)" == row.exit)
        #expect(r.endMs == row.endMs)
    }

    @Test("two runs with the same parameters give the same result")
    func deterministic() {
        let p = HTTPDrainParameters(rate: 7, consumers: 5, serviceMs: 700, prestopMs: 0)
        #expect(HTTPDrainModel.run(p) == HTTPDrainModel.run(p))
    }
}
