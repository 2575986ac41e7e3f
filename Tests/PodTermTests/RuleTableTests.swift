import Testing
@testable import PodTerm

@Suite("rule table")
struct RuleTableTests {
    @Test(arguments: Rule.allCases)
    func everyRuleHasAnIdAReasonAndASource(_ rule: Rule) {
        // Ids are `area.name`, except where shared/reference/ names a rule without an area.
        #expect(rule.id.contains(".") || rule.id == "preemption")
        #expect(rule.reason.count > 20)
        #expect(rule.reason.hasSuffix("."))
        #expect(!rule.source.isEmpty)
    }

    @Test func idsAreUnique() {
        #expect(Set(Rule.allCases.map(\.id)).count == Rule.allCases.count)
    }
}
