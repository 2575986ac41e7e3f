// The syntax tree of a parsed shell script (the lexer and the parser build it).

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
}

/// One and-or list: commands joined by `&&` and `||`, run in the background when it ends in `&`.
struct ShellAndOr: Equatable {
    var commands: [ShellCommand]
    /// `ops[i]` joins `commands[i]` and `commands[i + 1]`.
    var ops: [ShellAndOrOp]
    var background: Bool
}

/// The operator between two commands of an and-or list: `&&` or `||`.
enum ShellAndOrOp: Equatable {
    case and, or
}

/// A simple command: assignments, words, and how many redirections it has.
struct ShellCommand: Equatable {
    var assignments: [ShellAssignment]
    var words: [ShellWord]
    var redirections: Int
}

/// `name=value` before a command (or alone): the value is a word, expanded without field splitting.
struct ShellAssignment: Equatable {
    var name: String
    var value: ShellWord
}

/// A word before expansion.
struct ShellWord: Equatable {
    /// A piece of a word: literal text or a parameter expansion, each quoted or not.
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
