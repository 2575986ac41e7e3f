import PodTerm
import Testing

/// Virtual time is a type of its own (issue 9, item 7): it adds to itself, scales by counts,
/// and says `.ms` everywhere else.
@Suite struct MillisTests {
    @Test func arithmeticWithItselfAndCounts() {
        let year: Millis = 365 * 86_400_000
        #expect(year.ms == 31_536_000_000)
        #expect(Millis(365) * 86_400_000 == year)
        #expect(year / 365 == Millis(86_400_000))
        #expect(year / Millis(86_400_000) == 365)
        #expect(Millis(2_500) % Millis(1_000) == Millis(500))
        var t: Millis = 10
        t += 5
        t -= 3
        #expect(t == 12 && t > 11 && t < 13)
        #expect(Millis.zero + 7 == 7)
        #expect(max(Millis(3), 0) == 3)
        #expect("\(t)" == "12")
        #expect(GraceSeconds(30).millis == Millis(30_000))
        #expect(GraceSeconds(wholeSecondsIn: 29_999) == 29)
    }
}
