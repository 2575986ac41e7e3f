/// A parsed shell script: the subset of POSIX shell syntax that decides how a container stops.
///
/// Modelled: simple commands made of words (unquoted, `'…'`, `"…"`, `\x`), variable
/// expansions (`$name`, `${name}`, `${name:-word}`, `${name-word}`, `$!`, `$?`, `$$`, `$#`,
/// `$0`…`$9`, `$@`, `"$@"`, `$*`), assignments (`child=$!`), redirections (noticed, because
/// they stop bash from exec'ing a command), `;`, newlines, `&&`, `||`, `&` after a simple
/// command, and comments. Everything else — pipelines, `( )`, `{ }`, `if`/`while`/`for`/`case`,
/// functions, `$( )` and backquotes, here-documents, `[`/`test`, `.`/`source`/`eval` — is refused
/// with a `ShellSyntaxError` marked `unsupported`, so a script never silently means something else.
struct ShellScript: Equatable {
    /// The and-or lists, in order.
    var items: [ShellAndOr]

    /// Parses `text`.
    static func parse(_ text: String) throws(ShellSyntaxError) -> ShellScript {
        var lexer = ShellLexer(text)
        let tokens = try lexer.tokens()
        var parser = ShellParser(tokens: tokens)
        return try parser.script()
    }
}

/// One and-or list: commands joined by `&&` and `||`, run in the background when it ends in `&`.
struct ShellAndOr: Equatable {
    var commands: [ShellCommand]
    /// `ops[i]` joins `commands[i]` and `commands[i + 1]`.
    var ops: [ShellAndOrOp]
    var background: Bool
}

enum ShellAndOrOp: Equatable {
    case and, or
}

/// A simple command: assignments, words, and how many redirections it has.
struct ShellCommand: Equatable {
    var assignments: [ShellAssignment]
    var words: [ShellWord]
    var redirections: Int
}

struct ShellAssignment: Equatable {
    var name: String
    var value: ShellWord
}

/// A word before expansion.
struct ShellWord: Equatable {
    enum Part: Equatable {
        case literal(String, quoted: Bool)
        /// `$name`; `fallback` is the word of `${name:-word}` (`colon`: also when set but empty).
        case variable(String, quoted: Bool, fallback: String? = nil, colon: Bool = false)
    }

    var parts: [Part]

    /// The word's text when it is a plain unquoted literal (keywords are recognised only so).
    var plainLiteral: String? {
        guard parts.count == 1, case .literal(let s, false) = parts[0] else { return nil }
        return s
    }
}

/// Why a script cannot run.
struct ShellSyntaxError: Error, Equatable {
    /// What is wrong, e.g. `pipelines (|) are not modelled`.
    var message: String
    /// True for valid shell that podterm does not model; false for a real syntax error.
    var unsupported: Bool
}

// MARK: - Lexer

enum ShellToken: Equatable {
    case word(ShellWord)
    case op(String)
    case newline
}

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

// MARK: - Parser

struct ShellParser {
    let tokens: [ShellToken]
    var pos = 0

    init(tokens: [ShellToken]) { self.tokens = tokens }

    /// Words that start compound commands: valid shell, not modelled.
    private static let reserved: Set<String> = [
        "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for",
        "in", "function", "select", "{", "}", "!", "[[", "]]",
    ]
    /// Builtins whose effect the model cannot compute.
    private static let unmodelledBuiltins: Set<String> = [
        ".", "source", "eval", "test", "[", "read", "return", "break", "continue", "command",
        "builtin", "getopts", "alias", "jobs", "fg", "bg", "disown", "suspend", "times",
    ]

    private var current: ShellToken? { pos < tokens.count ? tokens[pos] : nil }

    mutating func script() throws(ShellSyntaxError) -> ShellScript {
        var items: [ShellAndOr] = []
        skipNewlines()
        while current != nil {
            var item = try andOr()
            switch current {
            case nil:
                break
            case .newline?:
                pos += 1
            case .op(";")?:
                pos += 1
            case .op("&")?:
                pos += 1
                guard item.commands.count == 1 else {
                    throw ShellSyntaxError(message: "a background list of several commands (a && b &) is not modelled", unsupported: true)
                }
                item.background = true
            case .op(let o)?:
                throw unexpected(o)
            case .word?:
                throw ShellSyntaxError(message: "unexpected word", unsupported: false)
            }
            items.append(item)
            skipNewlines()
        }
        return ShellScript(items: items)
    }

    private mutating func skipNewlines() {
        while case .newline? = current { pos += 1 }
    }

    private mutating func andOr() throws(ShellSyntaxError) -> ShellAndOr {
        var commands = [try command()]
        var ops: [ShellAndOrOp] = []
        while case .op(let o)? = current, o == "&&" || o == "||" {
            pos += 1
            skipNewlines()
            ops.append(o == "&&" ? .and : .or)
            commands.append(try command())
        }
        return ShellAndOr(commands: commands, ops: ops, background: false)
    }

    private func unexpected(_ op: String) -> ShellSyntaxError {
        switch op {
        case "|": return ShellSyntaxError(message: "pipelines (|) are not modelled", unsupported: true)
        case "(", ")": return ShellSyntaxError(message: "subshells and functions ( … ) are not modelled", unsupported: true)
        case "<<": return ShellSyntaxError(message: "here-documents (<<) are not modelled", unsupported: true)
        default: return ShellSyntaxError(message: "unexpected '\(op)'", unsupported: false)
        }
    }

    private mutating func command() throws(ShellSyntaxError) -> ShellCommand {
        var cmd = ShellCommand(assignments: [], words: [], redirections: 0)
        loop: while let t = current {
            switch t {
            case .word(let w):
                pos += 1
                if cmd.words.isEmpty {
                    if let a = ShellParser.assignment(w) {
                        cmd.assignments.append(a)
                        continue
                    }
                    if let text = w.plainLiteral {
                        if ShellParser.reserved.contains(text) {
                            throw ShellSyntaxError(message: "'\(text)' (compound commands: if, while, for, case, { }, !) is not modelled", unsupported: true)
                        }
                        if ShellParser.unmodelledBuiltins.contains(text) {
                            throw ShellSyntaxError(message: "the builtin '\(text)' is not modelled", unsupported: true)
                        }
                    }
                }
                cmd.words.append(w)
            case .op(let o) where ["<", ">", ">>", ">&", "<&", ">|", "<>", "&>", "&>>"].contains(o):
                pos += 1
                guard case .word? = current else {
                    throw ShellSyntaxError(message: "a redirection '\(o)' needs a target", unsupported: false)
                }
                pos += 1
                cmd.redirections += 1
            case .op(let o) where o == "|" || o == "(" || o == ")" || o == "<<":
                throw unexpected(o)
            default:
                break loop
            }
        }
        if cmd.words.isEmpty && cmd.assignments.isEmpty && cmd.redirections == 0 {
            switch current {
            case .op(let o)?: throw unexpected(o)
            case .newline?: throw ShellSyntaxError(message: "unexpected newline", unsupported: false)
            default: throw ShellSyntaxError(message: "unexpected end of script", unsupported: false)
            }
        }
        return cmd
    }

    /// `NAME=value` (the `NAME=` part unquoted).
    private static func assignment(_ w: ShellWord) -> ShellAssignment? {
        guard case .literal(let s, false)? = w.parts.first, let eq = s.firstIndex(of: "=") else { return nil }
        let name = String(s[..<eq])
        guard let first = name.first, first == "_" || (first.isASCII && first.isLetter),
              name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else { return nil }
        var rest = Array(w.parts.dropFirst())
        let after = String(s[s.index(after: eq)...])
        if !after.isEmpty { rest.insert(.literal(after, quoted: false), at: 0) }
        return ShellAssignment(name: name, value: ShellWord(parts: rest))
    }
}
