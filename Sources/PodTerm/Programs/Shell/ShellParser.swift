extension ShellScript {
    /// Parses `text`.
    static func parse(_ text: String) throws(ShellSyntaxError) -> ShellScript {
        var lexer = ShellLexer(text)
        let tokens = try lexer.tokens()
        var parser = ShellParser(tokens: tokens)
        return try parser.script()
    }
}

/// Builds a `ShellScript` from tokens: and-or lists separated by `;`, `&` and newlines, simple
/// commands with assignments and redirections; compound commands, pipelines, subshells,
/// here-documents and builtins the model cannot compute are refused as `unsupported`.
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
