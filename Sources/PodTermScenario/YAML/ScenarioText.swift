import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a scenario file's bytes and turns them into text, or says precisely why not: no
/// such file, not readable (with the system's reason), larger than `maxBytes`, or not UTF-8
/// (at the `line:column` of the first bad byte).
enum ScenarioText {
    /// The largest scenario file read: 10 MiB (the built-in ones are a few KB). Reading stops
    /// there, so a device such as `/dev/zero` gets an answer too.
    static let maxBytes = 10 << 20

    /// The file's text.
    static func read(_ path: String) throws(ScenarioError) -> String {
        let bytes = try readBytes(path)
        return try text(of: bytes, file: path)
    }

    /// At most `maxBytes` bytes of the file; an error if there are more.
    static func readBytes(_ path: String) throws(ScenarioError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "no such file" : "cannot read the file: \(String(cString: strerror(errno)))"
            throw ScenarioError(file: path, message: reason)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while bytes.count <= maxBytes {
            let n = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = errno == EISDIR ? "is a directory, not a scenario file" : "cannot read the file: \(String(cString: strerror(errno)))"
                throw ScenarioError(file: path, message: reason)
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
        throw ScenarioError(file: path, message: "the file is larger than \(maxBytes >> 20) MiB; a scenario is a few KB of YAML")
    }

    /// The bytes as text, or an error at the first byte that is not UTF-8.
    static func text(of bytes: [UInt8], file: String) throws(ScenarioError) -> String {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw ScenarioError(
                file: file, line: 1, column: 1,
                message: "the file is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8")
        }
        guard let bad = firstInvalidUTF8(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        let lineStart = bytes[..<bad].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = 1 + bytes[..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let column = 1 + String(decoding: bytes[lineStart..<bad], as: UTF8.self).unicodeScalars.count
        let hex = String(bytes[bad], radix: 16, uppercase: true)
        throw ScenarioError(
            file: file, line: line, column: column,
            message: "byte 0x\(hex.count == 1 ? "0" + hex : hex) is not UTF-8 text; a scenario file is UTF-8 YAML (is this a binary file?)")
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ b: [UInt8]) -> Int? {
        var i = 0
        while i < b.count {
            let c = b[i]
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // the allowed range of the second byte
            switch c {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            for k in 1..<length {
                guard i + k < b.count else { return i }
                let range = k == 1 ? low...high : 0x80...0xBF
                guard range.contains(b[i + k]) else { return i }
            }
            i += length
        }
        return nil
    }
}

/// `read(2)`, under a name the enum's own `read` does not hide.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
