@testable import PodTermScenario
import Testing
import Yams

/// The decoder types plain scalars by hand (no regular expressions, so no ICU start-up);
/// the types must be those of Yams' default resolver.
@Suite("Plain scalars typed as Yams' default resolver types them")
struct PlainScalarKindTests {
    static let samples = [
        "", "~", "null", "Null", "NULL", "nil", "none", "yes", "No", "ON", "off", "y", "true", "False", "TRUE", "tRue",
        "0", "7", "-7", "+7", "007", "0o17", "0b101", "0x1F", "0xg", "1_000", "_1", "1:30", "08", "09",
        "1.5", "-1.5", ".5", "5.", "1e3", "1.0e+3", "1E-3", ".inf", "-.Inf", ".NaN", "1.2.3", "e3", ".", "-", "+",
        "10s", "500ms", "1m30s", "2.5s", "1.33", "1.30", "SIGTERM", "/app/server", "example/web:1.0", "<<", "=",
        "2026-11-30", "0.0.0.0", "1__2", "0x", "0b", "-0", "+.5", "-.5e3", ".5e3", ".5e+3", "1:30.5", "0:30", "1:60", "1:5:07",
        "1:", ":30", "_1.5", "1_.5", "-1e3", "1e", "12:30:45.1_",
    ]

    static func yamsKind(_ text: String) -> ScalarKind {
        switch Resolver.default.resolveTag(of: Node(text)) {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .float: return .float
        default: return .string
        }
    }

    @Test(arguments: samples)
    func sameKindAsTheDefaultResolver(_ text: String) {
        #expect(YAMLReading.plainKind(text) == Self.yamsKind(text), "'\(text)'")
    }
}
