/// A token of a shell script: a word, an operator (`;`, `&&`, `>`, `|`…) or a newline.
enum ShellToken: Equatable {
    case word(ShellWord)
    case op(String)
    case newline
}

/// Splits a script into tokens: quoting, `\` escapes, `$` expansions inside words, comments,
/// line continuations, and the `2>&1`-style number that belongs to a redirection.
/// Command substitution and unsupported `${…}` forms are refused here.
struct ShellLexer {
    private let chars: [Character]
    private var i = 0

    init(_ text: String) { chars = Array(text) }

    private static let operatorChars: Set<Character> = [";", "&", "|", "<", ">", "(", ")"]

    private func peek(_ offset: Int = 0) -> Character? {
        i + offset < chars.count ? chars[i + offset] : nil
    }

    mutating func tokens() throws(ShellSyntaxError) -> [ShellToken] {
        var out: [ShellToken] = []
        var lastWordEnd = -1
        while let c = peek() {
            if c == " " || c == "\t" || c == "\r" {
                i += 1
                continue
            }
            if c == "\\" && peek(1) == "\n" {
                i += 2
                continue
            }
            if c == "\n" {
                out.append(.newline)
                i += 1
                continue
            }
            if c == "#" {
                while let d = peek(), d != "\n" { i += 1 }
                continue
            }
            if ShellLexer.operatorChars.contains(c) {
                var op = String(c)
                if let d = peek(1), ["&&", "||", ";;", ">>", "<<", ">&", "<&", ">|", "<>", "&>"].contains(op + String(d)) {
                    op += String(d)
                    // bash's `&>>`: append both outputs.
                    if op == "&>", peek(2) == ">" { op += ">" }
                }
                // `2>&1`: a number right before a redirection operator belongs to it.
                if op.first == "<" || op.first == ">", lastWordEnd == i, case .word(let w)? = out.last,
                   let digits = w.plainLiteral, digits.allSatisfy(\.isNumber) {
                    out.removeLast()
                }
                out.append(.op(op))
                i += op.count
                continue
            }
            out.append(.word(try word()))
            lastWordEnd = i
        }
        return out
    }

    private mutating func word() throws(ShellSyntaxError) -> ShellWord {
        var parts: [ShellWord.Part] = []
        var literal = ""
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal, quoted: false)) }
            literal = ""
        }
        while let c = peek() {
            if c == " " || c == "\t" || c == "\r" || c == "\n" || ShellLexer.operatorChars.contains(c) { break }
            switch c {
            case "'":
                flush()
                i += 1
                var s = ""
                while true {
                    guard let d = peek() else { throw ShellSyntaxError(message: "unterminated quoted string", unsupported: false) }
                    i += 1
                    if d == "'" { break }
                    s.append(d)
                }
                parts.append(.literal(s, quoted: true))
            case "\"":
                flush()
                i += 1
                parts.append(contentsOf: try doubleQuoted())
            case "\\":
                i += 1
                if let d = peek() {
                    flush()
                    parts.append(.literal(String(d), quoted: true))
                    i += 1
                } else {
                    literal.append("\\")
                }
            case "$":
                if let part = try dollar(quoted: false) {
                    flush()
                    parts.append(part)
                } else {
                    literal.append("$")
                    i += 1
                }
            case "`":
                throw ShellSyntaxError(message: "command substitution (`…`) is not modelled", unsupported: true)
            default:
                literal.append(c)
                i += 1
            }
        }
        flush()
        return ShellWord(parts: parts)
    }

    /// After the opening `"`; consumes the closing one.
    private mutating func doubleQuoted() throws(ShellSyntaxError) -> [ShellWord.Part] {
        var parts: [ShellWord.Part] = []
        var s = ""
        var sawAny = false
        while true {
            guard let c = peek() else { throw ShellSyntaxError(message: "unterminated quoted string", unsupported: false) }
            if c == "\"" {
                i += 1
                break
            }
            if c == "\\", let d = peek(1), "$`\"\\\n".contains(d) {
                if d != "\n" { s.append(d) }
                i += 2
                continue
            }
            if c == "`" {
                throw ShellSyntaxError(message: "command substitution (`…`) is not modelled", unsupported: true)
            }
            if c == "$", let part = try dollar(quoted: true) {
                if !s.isEmpty { parts.append(.literal(s, quoted: true)) }
                s = ""
                parts.append(part)
                sawAny = true
                continue
            }
            s.append(c)
            i += 1
        }
        if !s.isEmpty || (!sawAny && parts.isEmpty) { parts.append(.literal(s, quoted: true)) }
        return parts
    }

    private static func isNameStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
    private static func isNameChar(_ c: Character) -> Bool { c == "_" || (c.isASCII && (c.isLetter || c.isNumber)) }

    /// At a `$`: the expansion it starts, or nil for a literal `$`.
    private mutating func dollar(quoted: Bool) throws(ShellSyntaxError) -> ShellWord.Part? {
        guard let c = peek(1) else { return nil }
        if c == "(" {
            throw ShellSyntaxError(message: "command substitution and arithmetic ($(…)) are not modelled", unsupported: true)
        }
        if c == "{" {
            i += 2
            var name = ""
            if let d = peek(), "!?$@*#-".contains(d) {
                name = String(d)
                i += 1
            } else {
                while let d = peek(), ShellLexer.isNameChar(d) {
                    name.append(d)
                    i += 1
                }
            }
            guard !name.isEmpty else { throw ShellSyntaxError(message: "bad substitution ${…}", unsupported: false) }
            if peek() == "}" {
                i += 1
                return .variable(name, quoted: quoted)
            }
            var colon = false
            if peek() == ":" {
                colon = true
                i += 1
            }
            guard peek() == "-" else {
                throw ShellSyntaxError(message: "the parameter expansion ${\(name)\(colon ? ":" : "")\(peek().map(String.init) ?? "")…} is not modelled (only ${name}, ${name:-word} and ${name-word})", unsupported: true)
            }
            i += 1
            var word = ""
            while true {
                guard let d = peek() else { throw ShellSyntaxError(message: "missing } in ${\(name)…}", unsupported: false) }
                i += 1
                if d == "}" { break }
                if "$`\\\"'".contains(d) {
                    throw ShellSyntaxError(message: "only a plain word is modelled as the default of ${\(name)-…}", unsupported: true)
                }
                word.append(d)
            }
            return .variable(name, quoted: quoted, fallback: word, colon: colon)
        }
        if "!?$@*#-".contains(c) || c.isNumber {
            i += 2
            return .variable(String(c), quoted: quoted)
        }
        if ShellLexer.isNameStart(c) {
            i += 1
            var name = ""
            while let d = peek(), ShellLexer.isNameChar(d) {
                name.append(d)
                i += 1
            }
            return .variable(name, quoted: quoted)
        }
        return nil
    }
}
