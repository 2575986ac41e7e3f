import Foundation
@testable import PodTerm
import Testing

/// The engine target `PodTerm` may depend on the standard library and swift-collections only
/// (DESIGN.md): no Foundation, so it behaves the same wherever Swift runs.
@Suite("no Foundation in the engine")
struct NoFoundationTests {
    /// Files still allowed to import Foundation, each with the reason and who removes it.
    static let allowed: Set<String> = []

    /// `Sources/PodTerm`, found from this file's path.
    static var engineSources: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PodTerm")
    }

    /// Every `.swift` file under `Sources/PodTerm`, as a path relative to it.
    static func engineFiles() throws -> [String] {
        let root = engineSources.standardizedFileURL.path
        let walker = try #require(FileManager.default.enumerator(atPath: root))
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
    }

    /// Whether a line imports Foundation or one of its parts: `import Foundation`,
    /// `@preconcurrency import Foundation`, `import struct Foundation.Date`, `import FoundationEssentials`.
    static func importsFoundation(_ line: String) -> Bool {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        while let w = words.first, w.hasPrefix("@") { words = words.dropFirst() }
        guard words.first == "import" else { return false }
        words = words.dropFirst()
        let kinds: Set<Substring> = ["struct", "class", "enum", "protocol", "typealias", "func", "var", "let"]
        if let w = words.first, kinds.contains(w) { words = words.dropFirst() }
        guard let module = words.first?.split(separator: ".").first else { return false }
        return module.hasPrefix("Foundation")
    }

    @Test("recognises every form of a Foundation import")
    func recognisesImports() {
        #expect(Self.importsFoundation("import Foundation"))
        #expect(Self.importsFoundation("@preconcurrency import Foundation"))
        #expect(Self.importsFoundation("import struct Foundation.Date"))
        #expect(Self.importsFoundation("  import FoundationEssentials"))
        #expect(!Self.importsFoundation("import OrderedCollections"))
        #expect(!Self.importsFoundation("// import Foundation is not allowed here"))
    }

    @Test("no file of Sources/PodTerm imports Foundation")
    func noFoundation() throws {
        let files = try Self.engineFiles()
        // The walk found the engine, not an empty or wrong folder.
        #expect(files.count > 50)
        #expect(files.contains("Core/Duration.swift"))
        var offenders: [String] = []
        for file in files where !Self.allowed.contains(file) {
            let text = try String(contentsOf: Self.engineSources.appendingPathComponent(file), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where Self.importsFoundation(String(line)) {
                offenders.append("Sources/PodTerm/\(file):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offenders.isEmpty, "the engine must not use Foundation (DESIGN.md); use the standard library:\n\(offenders.joined(separator: "\n"))")
    }

    @Test("an allowed file still exists and still needs its exception")
    func allowListIsCurrent() throws {
        let files = Set(try Self.engineFiles())
        for file in Self.allowed {
            #expect(files.contains(file), "\(file) is gone: remove it from NoFoundationTests.allowed")
            guard files.contains(file) else { continue }
            let text = try String(contentsOf: Self.engineSources.appendingPathComponent(file), encoding: .utf8)
            #expect(text.split(separator: "\n").contains { Self.importsFoundation(String($0)) },
                    "\(file) no longer imports Foundation: remove it from NoFoundationTests.allowed")
        }
    }

    @Test("trimmingBlanks trims exactly what Foundation's .whitespaces trims")
    func trimmingMatchesFoundation() {
        let samples = [
            "", " ", "\t", "5s", " 5s ", "\t5s\t", "\u{00A0}5s\u{3000}", "\u{2003}SIGTERM\u{202F}",
            "\n5s\n", "\r5s", "5 s", " \u{0301}5s", "5s \u{0301}", "\u{200B}5s", "\u{1680}x\u{205F}",
            "\u{FEFF}x", "\u{85}x\u{85}", "\u{2028}x",
        ]
        for s in samples {
            #expect(trimmingBlanks(s) == s.trimmingCharacters(in: .whitespaces), "\(Array(s.unicodeScalars))")
        }
        // Every scalar of the Basic Multilingual Plane (where all blanks are) and a few beyond, at either end.
        var differ: [String] = []
        for v in Array(UInt32(0)...0xFFFF) + [0x1F600, 0xE0020, 0x10FFFF] {
            guard let c = Unicode.Scalar(v) else { continue }
            for s in ["\(c)x", "x\(c)"] where trimmingBlanks(s) != s.trimmingCharacters(in: .whitespaces) {
                differ.append("U+" + String(v, radix: 16, uppercase: true))
            }
        }
        #expect(differ.isEmpty, "\(differ)")
        #expect(parseDuration("\u{00A0}2.5s\t") == 2500)
        #expect(parseDuration("\n5s") == nil)
        #expect(Signal(parsing: "\u{3000}sigterm ") == .term)
    }
}
