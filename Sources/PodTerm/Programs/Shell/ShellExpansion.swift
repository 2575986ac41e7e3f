/// The shell's parameters and their expansion: what `$name`, `${name:-word}`, `$1`, `$@`,
/// `"$@"`, `$*`, `$#`, `$?`, `$!`, `$$` and `$-` become, with field splitting on blanks and no
/// globbing.
struct ShellParameters {
    /// `$0`, `$1`…
    var positional: [String]
    /// `set -e` (errexit): also what `$-` shows.
    var errexit: Bool
    /// Variables set by assignments, `export` and `readonly`.
    var vars: [String: String] = [:]
    /// `$?`: the last command's exit status.
    var lastStatus = 0
    /// `$!`: the namespace pid of the last background command.
    var lastBackground: String?

    init(positional: [String], errexit: Bool) {
        self.positional = positional
        self.errexit = errexit
    }

    /// The value of parameter `name`, or nil when it is unset; `nsPid` is `$$`.
    func value(_ name: String, nsPid: Int) -> String? {
        switch name {
        case "!": return lastBackground
        case "?": return String(lastStatus)
        case "$": return String(nsPid)
        case "#": return String(positional.count - 1)
        case "-": return errexit ? "e" : ""
        case "@", "*": return positional.dropFirst().joined(separator: " ")
        default:
            if let n = Int(name) { return n < positional.count ? positional[n] : nil }
            return vars[name]
        }
    }

    /// A word's fields after parameter expansion and field splitting (no globbing).
    func expand(_ w: ShellWord, nsPid: Int) -> [String] {
        var fields: [String] = []
        var current: String?
        for part in w.parts {
            switch part {
            case .literal(let s, let quoted):
                if quoted || !s.isEmpty { current = (current ?? "") + s }
            case .variable(let name, let quoted, let fallback, let colon):
                if quoted && name == "@" {
                    for (k, param) in positional.dropFirst().enumerated() {
                        if k == 0 {
                            current = (current ?? "") + param
                        } else {
                            fields.append(current ?? "")
                            current = param
                        }
                    }
                    continue
                }
                var v = value(name, nsPid: nsPid)
                if let fallback, v == nil || (colon && v!.isEmpty) { v = fallback }
                let text = v ?? ""
                if quoted {
                    current = (current ?? "") + text
                    continue
                }
                let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" }
                let pieces = text.split(whereSeparator: isBlank).map(String.init)
                guard !pieces.isEmpty else { continue }
                let leading = text.first.map(isBlank) ?? false
                for (k, piece) in pieces.enumerated() {
                    if k == 0 && !leading {
                        current = (current ?? "") + piece
                    } else {
                        if let c = current { fields.append(c) }
                        current = piece
                    }
                }
                if text.last.map(isBlank) ?? false {
                    if let c = current { fields.append(c) }
                    current = nil
                }
            }
        }
        if let c = current { fields.append(c) }
        return fields
    }

    /// A word expanded without field splitting (the value of an assignment).
    func expandJoined(_ w: ShellWord, nsPid: Int) -> String {
        var out = ""
        for part in w.parts {
            switch part {
            case .literal(let s, _):
                out += s
            case .variable(let name, _, let fallback, let colon):
                var v = value(name, nsPid: nsPid)
                if let fallback, v == nil || (colon && v!.isEmpty) { v = fallback }
                out += v ?? ""
            }
        }
        return out
    }
}
