import Foundation
import PodTerm
@testable import PodTermScenario
import Testing

/// A file that is not UTF-8 text is refused at the first bad byte; an empty one says it is
/// empty (issue 8, item 10).
@Suite struct FileTextTests {
    func write(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("podterm-text-\(UUID().uuidString).yaml").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func error(loading path: String) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.load(file: path)
            Issue.record("\(path) loaded")
            return nil
        } catch {
            return error
        }
    }

    @Test func theFirstInvalidByteIsLocated() throws {
        // Line 2, after "story: " and a two-byte é: the lone 0xE9 is column 9.
        let path = try write(Array("summary: ok\nstory: é".utf8) + [0xE9] + Array("x\n".utf8))
        let e = try #require(error(loading: path))
        #expect(e.description == "\(path):2:9: byte 0xE9 is not UTF-8 text; a scenario file is UTF-8 YAML (is this a binary file?)")
    }

    @Test(arguments: [
        ([0xFF], 1, 1), ([0x61, 0xC3], 1, 2), ([0x0A, 0x0A, 0x61, 0xED, 0xA0, 0x80], 3, 2),
        ([0x61, 0xF4, 0x90, 0x80, 0x80], 1, 2), ([0xC0, 0xAF], 1, 1), ([0x61, 0xE2, 0x82], 1, 2),
    ] as [([UInt8], Int, Int)])
    func malformedSequencesAreFound(bytes: [UInt8], line: Int, column: Int) throws {
        let e = try #require(error(loading: try write(bytes)))
        #expect(e.line == line && e.column == column, "\(e)")
        #expect(e.message.contains("is not UTF-8 text"), "\(e)")
    }

    @Test func binaryBytesThatAreUTF8AreControlCharactersAtTheirPlace() throws {
        let path = try write(Array("summary: a".utf8) + [0x00, 0x01] + Array("\n".utf8))
        let e = try #require(error(loading: path))
        #expect(e.line == 1 && e.column == 11, "\(e)")
        #expect(e.message.contains("control characters are not allowed"), "\(e)")
    }

    @Test func emptyFilesAndDevNullSayTheyAreEmpty() throws {
        for path in [try write([]), "/dev/null"] {
            let e = try #require(error(loading: path))
            #expect(e.description == "\(path):1:1: the file is empty; a scenario needs at least summary, story and pod", "\(e)")
        }
    }

    @Test func anEndlessDeviceIsRefusedBySize() throws {
        let e = try #require(error(loading: "/dev/zero"))
        #expect(e.message.contains("larger than 10 MiB"), "\(e)")
    }

    @Test func utf16IsNamed() throws {
        let e = try #require(error(loading: try write([0xFF, 0xFE, 0x73, 0x00])))
        #expect(e.message.contains("UTF-16"), "\(e)")
    }

    @Test func aMissingFileAndAFolderAreNamed() throws {
        #expect(error(loading: "/no/such/podterm.yaml")?.description == "/no/such/podterm.yaml: no such file")
        #expect(error(loading: FileManager.default.temporaryDirectory.path)?.message.contains("is a directory") == true)
    }
}
