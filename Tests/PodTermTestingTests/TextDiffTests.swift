import PodTermTesting
import Testing

/// The first difference of two texts, with context, as golden checks print it.
@Suite("PodTermTesting: text differences")
struct TextDiffTests {
    @Test func equalTextsHaveNoDifference() {
        #expect(TextDiff.firstDifference(expected: "a\nb\n", actual: "a\nb\n") == nil)
    }

    @Test func aChangedLineWithContext() {
        let text = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let changed = text.replacingFirst("line 7", with: "line seven")
        #expect(TextDiff.firstDifference(expected: text, actual: changed, context: 2) == """
            first difference at line 7 (expected 10 lines, got 10):
                5  line 5
                6  line 6
            -   7  line 7
            -   8  line 8
            -   9  line 9
            +   7  line seven
            +   8  line 8
            +   9  line 9
            """)
    }

    @Test func aMissingTail() {
        #expect(TextDiff.firstDifference(expected: "a\nb\nc\n", actual: "a\nb\n", context: 1) == """
            first difference at line 3 (expected 3 lines, got 2):
               2  b
            -  3  c
            +  (actual text ends here)
            """)
    }

    @Test func onlyTheFinalNewline() {
        #expect(TextDiff.firstDifference(expected: "a\n", actual: "a") == "the texts differ only in their final newline (expected one at the end)")
    }
}

/// Long lines (JSON events) are cut around their first difference.
@Suite("PodTermTesting: text differences in long lines")
struct LongLineDiffTests {
    @Test func aLongLineIsCutAroundTheDifference() throws {
        let head = String(repeating: "x", count: 300)
        let message = try #require(TextDiff.firstDifference(expected: "a\n\(head)\"error\": null}\n", actual: "a\n\(head)\"error\": null, \"new\": 1}\n"))
        let lines = message.split(separator: "\n").map(String.init)
        #expect(lines[0] == "first difference at line 2, column 314 (expected 2 lines, got 2):")
        #expect(lines[1] == "   1  a")
        #expect(lines[2].hasPrefix("-  2  …xxx") && lines[2].hasSuffix("\"error\": null}"))
        #expect(lines[3].hasPrefix("+  2  …xxx") && lines[3].hasSuffix("\"error\": null, \"new\": 1}"))
        #expect(lines[2].count <= 6 + 1 + TextDiff.width + 1)
    }
}
