import PodTerm

/// A scenario file with some of its values changed, as text: the original's lines, comments
/// and order kept, each changed value written over the old one at the place the YAML parser
/// found it (its line and column), and a comment at the top saying what was changed.
///
/// A value the file does not write (a default, e.g. the grace period when the file leaves it
/// out) is added under its mapping when that mapping is a top-level one the file has (`pod:`);
/// otherwise it is listed in the header as a `--set` to give, and left out of the text. The
/// result is checked: loading it (with those `--set`s) must give the scenario the original
/// gives with every change; if it does not, the text is the original unchanged and the header
/// lists every change as a `--set` (`Result.inPlace` says which happened).
public enum ScenarioRewrite {
    /// One changed value: `--set path=value`.
    public struct Change: Sendable, Equatable {
        public var path: String
        public var value: String
        /// Creates one.
        public init(path: String, value: String) {
            self.path = path
            self.value = value
        }
    }

    /// The new file's text, and what could not be written into it.
    public struct Result: Sendable, Equatable {
        public var text: String
        /// The changes left as `--set`s in the header (not in the text).
        public var notWritten: [Change]
        /// Whether the text has the changes (false: the original text plus the header only).
        public var inPlace: Bool
        /// The expectations rewritten to what the changed run gives (so `podterm check` keeps the file).
        public var updatedExpectations: [String] = []
        /// The expectations that no longer hold and could not be rewritten (listed in the header).
        public var staleExpectations: [String] = []
    }

    /// The original `yaml` (named `fileName`) with `changes` written into it.
    public static func rewrite(yaml: String, fileName: String, changes: [Change]) throws(ScenarioError) -> Result {
        let tunables = try Tunables.list(yaml: yaml, fileName: fileName)
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var notWritten: [Change] = []
        var inserts: [(after: Int, line: String)] = []
        for c in changes {
            let resolved = resolvedPath(c, yaml: yaml, fileName: fileName) ?? c.path
            if let t = tunables.first(where: { $0.path == resolved }), let line = t.line, let column = t.column,
               line >= 1, line <= lines.count, let edited = replace(in: lines[line - 1], atColumn: column, with: c.value) {
                lines[line - 1] = edited
            } else if resolved == "pod.terminationGracePeriodSeconds", let pod = lines.firstIndex(where: { $0.hasPrefix("pod:") && $0.trimmingCharacters(in: .whitespaces) == "pod:" }) {
                let next = lines[(pod + 1)...].first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "  x"
                let indent = String(next.prefix { $0 == " " })
                inserts.append((pod, indent + "terminationGracePeriodSeconds: " + scalar(c.value)))
            } else {
                notWritten.append(c)
            }
        }
        for ins in inserts.sorted(by: { $0.after > $1.after }) { lines.insert(ins.line, at: ins.after + 1) }
        let all = changes.map { "--set " + $0.path + "=" + $0.value }.joined(separator: " ")
        var header = "# A what-if of \(fileName), written by podterm: \(all)\n"
        if !notWritten.isEmpty {
            header += "# Not written into the text below (give them when you run it): "
                + notWritten.map { "--set " + $0.path + "=" + $0.value }.joined(separator: " ") + "\n"
        }
        let body = lines.joined(separator: "\n")
        if agrees(header + body, yaml, fileName, changes, notWritten) {
            let (newBody, updated, stale) = updateExpectations(body, fileName, notWritten)
            if !updated.isEmpty { header += "# Expectations set to what this run gives: " + updated.joined(separator: ", ") + "\n" }
            if !stale.isEmpty { header += "# Expectations that no longer hold (edit them): " + stale.joined(separator: ", ") + "\n" }
            return Result(text: header + newBody, notWritten: notWritten, inPlace: true, updatedExpectations: updated, staleExpectations: stale)
        }
        let fallback = "# A what-if of \(fileName), written by podterm. Its values could not be written in place;\n"
            + "# run it with: \(all)\n" + yaml
        return Result(text: fallback, notWritten: changes, inPlace: false)
    }

    /// `text` with each expectation the changed run fails written to the run's value, where
    /// the file writes it on one line (a scalar, or a flow list `[a, b]`): the updated and the stale ones.
    static func updateExpectations(_ text: String, _ fileName: String, _ notWritten: [Change]) -> (String, [String], [String]) {
        guard let loaded = try? ScenarioLoader.load(yaml: text, fileName: fileName, overrides: notWritten.map { Override(uncheckedPath: $0.path, value: $0.value) }),
              let timeline = try? Simulator.run(loaded.scenario), let root = try? YAMLReading.parse(text) else { return (text, [], []) }
        let outcome = timeline.outcome
        let failures = loaded.check(outcome).failures
        guard !failures.isEmpty else { return (text, [], []) }
        var nodes: [String: SourceNode] = [:]
        func walk(_ n: SourceNode, _ prefix: String) {
            if !prefix.isEmpty { nodes[prefix] = n }
            if case .mapping(let entries) = n.content {
                for e in entries { walk(e.value, prefix.isEmpty ? e.key : prefix + "." + e.key) }
            }
        }
        if case .mapping(let top) = root.content, let expect = top.first(where: { $0.key == "expect" }) { walk(expect.value, "") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var updated: [String] = [], stale: [String] = []
        for f in failures {
            let name = f.expectation.figure
            guard let value = outcome[name], let node = nodes[name], case .file(let line, let column) = node.origin,
                  line >= 1, line <= lines.count else { stale.append(name); continue }
            var edited: String?
            switch (node.content, value) {
            case (.scalar, .list), (.mapping, _): edited = nil
            case (.scalar, _): edited = replace(in: lines[line - 1], atColumn: column, with: value.description)
            case (.sequence, .list(let items)): edited = replaceFlowList(in: lines[line - 1], atColumn: column, with: items)
            case (.sequence, _): edited = nil
            }
            if let edited { lines[line - 1] = edited; updated.append(name) } else { stale.append(name) }
        }
        let out = lines.joined(separator: "\n")
        // Kept only if the file now loads and its expectations hold.
        guard let again = try? ScenarioLoader.load(yaml: out, fileName: fileName, overrides: notWritten.map { Override(uncheckedPath: $0.path, value: $0.value) }),
              let t = try? Simulator.run(again.scenario), again.check(t).failures.count == stale.count else { return (text, [], failures.map(\.expectation.figure)) }
        return (out, updated, stale)
    }

    /// `line` with the flow list starting at `column` (`[a, b]`) replaced by `items`.
    static func replaceFlowList(in line: String, atColumn column: Int, with items: [String]) -> String? {
        var chars = Array(line)
        let start = column - 1
        guard start >= 0, start < chars.count, chars[start] == "[", let close = chars[start...].firstIndex(of: "]") else { return nil }
        chars.replaceSubrange(start...close, with: Array("[" + items.map(scalar).joined(separator: ", ") + "]"))
        return String(chars)
    }

    /// Whether `text` loaded with `notWritten` gives what `original` gives with `changes`.
    static func agrees(_ text: String, _ original: String, _ fileName: String, _ changes: [Change], _ notWritten: [Change]) -> Bool {
        guard let want = try? ScenarioLoader.load(yaml: original, fileName: fileName, overrides: changes.map { Override(uncheckedPath: $0.path, value: $0.value) }),
              let got = try? ScenarioLoader.load(yaml: text, fileName: fileName, overrides: notWritten.map { Override(uncheckedPath: $0.path, value: $0.value) })
        else { return false }
        return got.scenario == want.scenario
    }

    /// The path as the decoder writes it (list items by name), if it resolves.
    public static func resolvedPath(_ c: Change, yaml: String, fileName: String) -> String? {
        guard let loaded = try? ScenarioLoader.load(yaml: yaml, fileName: fileName) else { return nil }
        return try? ScenarioSetting(Override(uncheckedPath: c.path, value: c.value), in: loaded).resolvedPath
    }

    /// `line` with the scalar starting at 1-based `column` replaced by `value`, or nil when
    /// the column does not start a scalar the line can show (a block scalar, a key).
    static func replace(in line: String, atColumn column: Int, with value: String) -> String? {
        var chars = Array(line)
        let start = column - 1
        guard start >= 0, start < chars.count else { return nil }
        var end = start
        let first = chars[start]
        if first == "|" || first == ">" { return nil }
        if first == "\"" || first == "'" {
            end = start + 1
            while end < chars.count {
                if chars[end] == "\\" && first == "\"" { end += 2; continue }
                if chars[end] == first {
                    if first == "'" && end + 1 < chars.count && chars[end + 1] == "'" { end += 2; continue }
                    break
                }
                end += 1
            }
            guard end < chars.count else { return nil }
            end += 1
        } else {
            let inFlow = chars[..<start].contains("{") || chars[..<start].contains("[")
            while end < chars.count {
                let c = chars[end]
                if inFlow && (c == "," || c == "}" || c == "]") { break }
                if c == "#" && end > start && chars[end - 1] == " " { break }
                end += 1
            }
            while end > start && chars[end - 1] == " " { end -= 1 }
        }
        chars.replaceSubrange(start..<end, with: Array(scalar(value)))
        return String(chars)
    }

    /// `value` as a YAML scalar: plain when it reads back as the same text, else double-quoted.
    static func scalar(_ value: String) -> String {
        // Plain as written: a bool, a number, a duration or a word reads back the same (booleans
        // stay booleans); anything with a space or a YAML indicator is quoted.
        let plain = !value.isEmpty && value.allSatisfy { $0.isLetter || $0.isNumber || "_./+-:".contains($0) }
            && !value.hasSuffix(":") && value.first != ":"
        if plain { return value }
        var out = "\""
        for ch in value {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}
