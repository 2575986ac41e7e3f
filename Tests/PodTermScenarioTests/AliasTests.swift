import Foundation
import PodTerm
@testable import PodTermScenario
import Testing

/// YAML anchors and aliases are refused at their place, before anything is expanded, so a
/// "billion laughs" file is an error in milliseconds, not gigabytes (issue 8, item 6).
@Suite struct AliasTests {
    /// Nine levels of nine aliases each: 9^9 (387 million) strings once expanded.
    static let billionLaughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

        """

    @Test func aBillionLaughsIsRefusedAtTheFirstAliasQuicklyAndInLittleMemory() throws {
        let before = residentKB()
        let start = ContinuousClock.now
        expectError(Self.billionLaughs, line: 2, column: 8, contains: "YAML aliases (*a) and anchors are not supported; write the value out")
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(2), "\(elapsed)")
        if let before, let after = residentKB() {
            #expect(after - before < 100_000, "resident memory grew by \(after - before) KB")
        }
    }

    @Test func anAliasUsedAsAMappingKeyIsRefusedBeforeYamsHashesIt() {
        // Yams checks duplicate keys by hashing each key in full: an alias key would be expanded.
        let yaml = Self.billionLaughs + "j:\n  ? *i\n  : 1\n"
        expectError(yaml, line: 2, column: 8, contains: "YAML aliases (*a)")
        let keyOnly = "a: &a [1, 2]\nb:\n  ? *a\n  : 1\n"
        expectError(keyOnly, line: 3, column: 5, contains: "YAML aliases (*a)")
    }

    @Test func anAliasIsNamedAtItsPlaceOfUse() {
        let yaml = minimal(replacing: "story: |\n  The app drains for three seconds and exits 0.", with: "story: *s")
            .replacingOccurrences(of: "summary: An app that handles SIGTERM.", with: "summary: &s An app that handles SIGTERM.")
        expectError(yaml, at: "*s", contains: "YAML aliases (*s) and anchors are not supported")
        // A merge key is an alias too.
        let merge = minimalYAML + "defaults: &d {delay: 1s}\nnetwork:\n  consumers:\n    - {<<: *d, name: kube-proxy}\n"
        expectError(merge, at: "*d", contains: "YAML aliases (*d)")
        // An alias with no anchor at all.
        expectError(minimal(replacing: "cleanup: 3s", with: "cleanup: *nowhere"), at: "*nowhere", contains: "YAML aliases (*nowhere)")
    }

    @Test func anAnchorAloneIsRefusedAtTheAnchor() {
        expectError(minimal(replacing: "cleanup: 3s", with: "cleanup: &c 3s"), at: "&c", contains: "YAML anchors (&c) and aliases are not supported")
        expectError(minimal(replacing: "  containers:\n", with: "  containers: &list\n"), at: "&list", contains: "YAML anchors (&list)")
    }

    @Test func ampersandsAndStarsInTextAreNotAliases() throws {
        // Scripts, globs and quoted strings keep working.
        let yaml = minimal(replacing: "      image: example/app:1.0\n", with: """
                  image: example/app:1.0
                  args: ["*.log", "a && b", "&x", "*y"]

            """)
            .replacingOccurrences(of: "summary: An app that handles SIGTERM.", with: "summary: \"*Starred* & ampersands\"")
            .replacingOccurrences(of: "story: |\n  The app drains for three seconds and exits 0.", with: "story: a & b * c &d")
        let s = try load(yaml).scenario
        #expect(s.summary == "*Starred* & ampersands")
        #expect(s.story == "a & b * c &d")
        #expect(s.pod.containers[0].args == ["*.log", "a && b", "&x", "*y"])
    }
}

/// This process's resident set size in KB (Linux), or nil.
func residentKB() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return nil }
    return Int(line.split(separator: " ").dropFirst().first ?? "")
}
