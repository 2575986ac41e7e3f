/// Writes JSON text piece by piece into a buffer and hands it on every 64 KiB, so a document of
/// any size costs one small buffer, and time linear in its length.
///
/// It writes what it is told in that order: the caller decides the keys and their order, so
/// the bytes never depend on a hash. Keys are written as literals with their punctuation
/// (`w.raw(", \"pid\": ")`): one copy each. Not generic, so the renderer is compiled once, for every
/// sink; the buffer is raw memory the owner frees with `deallocate()`.
struct JSONWriter {
    private let flushTo: (UnsafeRawBufferPointer) throws -> Void
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private static var chunk: Int { 1 << 16 }

    /// A writer that passes its bytes to `flush`.
    init(flush: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        flushTo = flush
        capacity = Self.chunk + 4096
        base = .allocate(capacity: capacity)
    }

    /// Frees the buffer; the writer must not be used after.
    func deallocate() { base.deallocate() }

    /// Passes the buffer on once it holds a chunk; call between elements.
    mutating func flushIfFull() throws {
        if count >= Self.chunk { try flush() }
    }

    /// Passes everything buffered on.
    mutating func flush() throws {
        guard count > 0 else { return }
        try flushTo(UnsafeRawBufferPointer(start: base, count: count))
        count = 0
    }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        let bigger = max(capacity * 2, count + n)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        new.update(from: base, count: count)
        base.deallocate()
        base = new
        capacity = bigger
    }

    @inline(__always)
    private mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always)
    mutating func bytes(_ p: UnsafeRawPointer, _ n: Int) {
        reserve(n)
        (base + count).update(from: p.assumingMemoryBound(to: UInt8.self), count: n)
        count += n
    }

    /// Literal JSON text (punctuation, `null`). Inlined, so a literal's bytes are copied with
    /// a length known at compile time.
    @inline(__always)
    mutating func raw(_ s: StaticString) {
        bytes(s.utf8Start, s.utf8CodeUnitCount)
    }

    @inline(__always)
    mutating func null() { raw("null") }

    @inline(__always)
    mutating func bool(_ b: Bool) { b ? raw("true") : raw("false") }

    mutating func int(_ v: Int) {
        if v < 0 { byte(UInt8(ascii: "-")) }
        unsigned(UInt64(v.magnitude))
    }

    mutating func unsigned(_ v: UInt64) {
        reserve(20)
        var digits = 1
        var n = v
        while n >= 10 { n /= 10; digits += 1 }
        n = v
        var i = count + digits
        repeat {
            i -= 1
            base[i] = UInt8(truncatingIfNeeded: 48 + n % 10)
            n /= 10
        } while n > 0
        count += digits
    }

    /// A JSON string: `"`, `\` and control characters escaped, everything else as UTF-8.
    mutating func string(_ s: String) {
        var s = s
        byte(UInt8(ascii: "\""))
        s.withUTF8 { u in
            guard let start = u.baseAddress else { return }
            var plain = 0
            for i in 0..<u.count {
                let b = u[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                bytes(start + plain, i - plain)
                plain = i + 1
                switch b {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                default:
                    let hex: StaticString = "0123456789abcdef"
                    raw("\\u00")
                    byte(hex.utf8Start[Int(b >> 4)])
                    byte(hex.utf8Start[Int(b & 0xF)])
                }
            }
            bytes(start + plain, u.count - plain)
        }
        byte(UInt8(ascii: "\""))
    }

    @inline(__always)
    mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    @inline(__always)
    mutating func int(_ v: Int?) { if let v { int(v) } else { null() } }

    /// A time or span, as its milliseconds.
    @inline(__always)
    mutating func int(_ v: Millis) { int(v.ms) }

    @inline(__always)
    mutating func int(_ v: Millis?) { if let v { int(v.ms) } else { null() } }
    @inline(__always)
    mutating func bool(_ b: Bool?) { if let b { bool(b) } else { null() } }

    /// `["a", "b"]`.
    mutating func strings(_ list: [String]) {
        byte(UInt8(ascii: "["))
        for (i, s) in list.enumerated() {
            if i > 0 { raw(", ") }
            string(s)
        }
        byte(UInt8(ascii: "]"))
    }

    mutating func strings(_ list: [String]?) { if let list { strings(list) } else { null() } }
}
