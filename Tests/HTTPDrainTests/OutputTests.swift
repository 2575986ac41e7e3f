import HTTPDrain
import Testing

@Suite("Output lines")
struct OutputTests {
    @Test("the defaults print exactly the document's lines")
    func defaultLines() {
        let p = HTTPDrainParameters()
        #expect(HTTPDrainOutput.lines(p, HTTPDrainModel.run(p)) == [
            "model=http-drain rate=1000 consumers=3 service_ms=50 delete_ms=60000 prestop_ms=5000 grace_ms=30000 prop_base_ms=1000 prop_step_ms=500",
            "events=369005",
            "served=184500",
            "refused=0",
            "failed=0",
            "exit=drained@65000",
            "end_ms=65000",
        ])
    }

    @Test("the header shows every parameter that was changed")
    func headerWithChangedValues() {
        let p = HTTPDrainParameters(rate: 7, consumers: 5, serviceMs: 700, prestopMs: 0)
        #expect(HTTPDrainOutput.header(p)
            == "model=http-drain rate=7 consumers=5 service_ms=700 delete_ms=60000 prestop_ms=0 grace_ms=30000 prop_base_ms=1000 prop_step_ms=500")
    }

    @Test("a run that did not end prints the document's initial values")
    func unendedResult() {
        let r = HTTPDrainResult(events: 0, served: 0, refused: 0, failed: 0, exitCause: .none, exitMs: -1, endMs: -1)
        #expect(HTTPDrainOutput.outcomeLines(r).suffix(2) == ["exit=-@-1", "end_ms=-1"])
    }
}
