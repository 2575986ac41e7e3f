/// A JSON value printed exactly as Foundation's `JSONEncoder` prints with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes` (what `podterm.timeline/v1` was written with),
/// without Foundation: two-space indents, `"key" : value`, keys in byte order, an empty array
/// or object as an empty line between its brackets.
indirect enum PrettyJSON {
    /// Members in any order; printing sorts them. Absent optionals are left out by the builder.
    case object([(String, PrettyJSON)])
    case array([PrettyJSON])
    case string(String)
    case int(Int)
    case unsigned(UInt64)
    case bool(Bool)
    case null

    /// `.string(s)`, or nil (the member is left out) when `s` is nil.
    static func string(_ s: String?) -> PrettyJSON? { s.map { .string($0) } }
    /// `.int(v)`, or nil when `v` is nil.
    static func int(_ v: Int?) -> PrettyJSON? { v.map { .int($0) } }
    /// A time or span, as its milliseconds.
    static func int(_ v: Millis) -> PrettyJSON { .int(v.ms) }
    /// A time or span, or nil when `v` is nil.
    static func int(_ v: Millis?) -> PrettyJSON? { v.map { .int($0.ms) } }
    /// An array of strings.
    static func strings(_ list: [String]) -> PrettyJSON { .array(list.map { .string($0) }) }

    /// An object of the members that are present.
    static func members(_ list: [(String, PrettyJSON?)]) -> PrettyJSON {
        .object(list.compactMap { k, v in v.map { (k, $0) } })
    }

    /// The text, ending without a newline.
    func render() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(&out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(_ out: inout [UInt8], indent: Int) {
        switch self {
        case .object(let members):
            let sorted = members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            out.append(UInt8(ascii: "{"))
            Self.body(sorted.count, &out, indent) { i, out in
                Self.quote(sorted[i].0, &out)
                out.append(contentsOf: " : ".utf8)
                sorted[i].1.write(&out, indent: indent + 2)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            out.append(UInt8(ascii: "["))
            Self.body(items.count, &out, indent) { i, out in items[i].write(&out, indent: indent + 2) }
            out.append(UInt8(ascii: "]"))
        case .string(let s): Self.quote(s, &out)
        case .int(let v): out.append(contentsOf: String(v).utf8)
        case .unsigned(let v): out.append(contentsOf: String(v).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    /// The lines between a bracket pair: each item indented on its own line, commas between,
    /// and for no items one empty line.
    private static func body(_ count: Int, _ out: inout [UInt8], _ indent: Int, _ item: (Int, inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: "\n"))
        if count == 0 { out.append(UInt8(ascii: "\n")) }
        for i in 0..<count {
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent + 2))
            item(i, &out)
            if i < count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\n"))
        }
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    /// A JSON string as JSONEncoder writes it: `"` and `\` escaped, control characters as
    /// `\b \f \n \r \t` or `\u00XX`, `/` and everything else as UTF-8.
    private static func quote(_ s: String, _ out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
