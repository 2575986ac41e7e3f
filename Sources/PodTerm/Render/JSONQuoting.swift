/// A JSON string literal as text, for renderings built as `String` rather than through the
/// byte writer (the cluster document, sweep tables): `"`, `\` and control characters escaped
/// exactly as `JSONWriter.string` does, everything else unchanged.
public enum JSONQuoting {
    /// `s` as a quoted JSON string.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
