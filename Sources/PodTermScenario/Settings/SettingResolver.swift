import Foundation
import PodTerm

/// Walks a `--set` path through `SettingFormat` against a decoded scenario: each mapping key
/// is checked against the decoder's keys (with near-miss hints), each list item and named
/// entry is found by index or name (the longest name present wins, as names may hold dots),
/// and the leaf's field reads the value. No tree is involved: only the typed `Scenario`.
enum SettingResolver {
    /// The resolved setting: its typed change, the checks it can break, and its path as the
    /// decoder writes it (list items by name).
    struct Resolved: Sendable {
        var change: SettingChange
        var checks: SettingChecks.Kinds
        var path: String
    }

    static func resolve(
        _ path: String, _ value: String, in s: Scenario, expectations: [Expectation]?
    ) throws(ValueProblem) -> Resolved {
        switch try locate(path, value, in: s, expectations: expectations) {
        case .resolved(let r): return r
        case .field(let field, let place):
            let change: SettingChange
            do { change = try field.resolve(value, place) } catch let p as ValueProblem { throw p } catch { throw ValueProblem("\(error)") }
            return Resolved(change: change, checks: field.checks, path: place.path)
        }
    }

    /// Where a path leads: a field of the scenario and its place (the value not yet read), or,
    /// for an expectation, the whole setting.
    enum Located: Sendable {
        case field(SettingField, SettingPlace)
        case resolved(Resolved)
    }

    /// Walks `path` without reading a value, so a caller that sets the same field to many
    /// values (the draws of a random field) walks it once.
    static func locate(
        _ path: String, _ value: String, in s: Scenario, expectations: [Expectation]?
    ) throws(ValueProblem) -> Located {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var pattern = ""
        var place = SettingPlace()
        func here() -> String { place.path.isEmpty ? "the top level" : place.path }
        func descend(_ patternPart: String, _ pathPart: String) {
            pattern = pattern.isEmpty ? patternPart : pattern + "." + patternPart
            place.path = place.path.isEmpty ? pathPart : place.path + "." + pathPart
        }
        var i = 0
        while i < parts.count {
            if let collection = SettingFormat.collections[pattern] {
                if case .figures = collection.items {
                    return .resolved(try figure(parts[i...].joined(separator: "."), value, expectations))
                }
                let (capture, text, used) = try item(collection, parts, from: i, s, place, here())
                place.captures.append(capture)
                descend("*", text)
                i += used
                continue
            }
            if let level = SettingFormat.levels[pattern] {
                let key = parts[i]
                let next = pattern.isEmpty ? key : pattern + "." + key
                if !level.known.contains(key), SettingFormat.fields[next] == nil {
                    let at = place.path.isEmpty ? "the top level" : place.path
                    if level.ignored.contains(key) {
                        throw ValueProblem("\(place.path.isEmpty ? key : place.path + "." + key): accepted in a file and ignored (it does not change how the pod stops), so setting it would change nothing")
                    }
                    if let hint = level.hints[key] { throw ValueProblem("unknown key '\(key)' in \(at): \(hint)") }
                    throw ValueProblem(
                        "unknown key '\(key)' in \(at)\(Suggestions.hint(key, in: level.known + level.ignored)); expected one of: \(level.known.joined(separator: ", "))")
                }
                descend(key, key)
                i += 1
                continue
            }
            if let reason = SettingFormat.notSettable[pattern] { throw ValueProblem("\(here()): \(reason)") }
            if SettingFormat.fields[pattern] != nil {
                throw ValueProblem("\(here()) is a value, not a mapping or a list, so it has no '\(parts[i])'")
            }
            throw cannotSetYet(here())
        }
        if let field = SettingFormat.fields[pattern] { return .field(field, place) }
        if let reason = SettingFormat.notSettable[pattern] { throw ValueProblem("\(here()): \(reason)") }
        if let level = SettingFormat.levels[pattern] {
            let keys = level.known.isEmpty ? "it has no fields" : "keys like " + level.known.prefix(6).joined(separator: ", ")
            throw ValueProblem("expected a mapping at \(here()) (\(keys)), got \(Scalars.got(value)); --set sets one field of it")
        }
        if let collection = SettingFormat.collections[pattern] {
            throw ValueProblem("\(here()) holds items; --set sets one field of one item, e.g. \(collection.example)")
        }
        throw cannotSetYet(here())
    }

    /// A field of the format that has no typed setting yet (a test keeps this from happening).
    static func cannotSetYet(_ path: String) -> ValueProblem {
        ValueProblem("\(path) cannot be set with --set yet; edit the file")
    }

    /// The item of `collection` that `parts[from...]` names: its capture, the text the path
    /// shows for it, and how many parts it used.
    private static func item(
        _ collection: SettingCollection, _ parts: [String], from: Int, _ s: Scenario, _ place: SettingPlace, _ here: String
    ) throws(ValueProblem) -> (SettingPlace.Capture, String, Int) {
        let first = parts[from]
        switch collection.items {
        case .list(let names):
            let names = names(s, place)
            if let n = Int(first) {
                guard n >= 0, n < names.count else {
                    if names.isEmpty { throw ValueProblem("\(here) has no items; there is no item \(n)") }
                    throw ValueProblem("\(here) has \(names.count) item\(names.count == 1 ? "" : "s") (0 to \(names.count - 1)); there is no item \(n)")
                }
                return (.index(n), names[n] ?? String(n), 1)
            }
            var found: (Int, Int)?
            for (i, name) in names.enumerated() {
                if let name, let used = matchLength(of: name, in: parts, from: from), used > (found?.1 ?? 0) { found = (i, used) }
            }
            guard let (i, used) = found else {
                let known = names.compactMap { $0 }
                let list = known.isEmpty ? "its items have no names; use an index" : "it has: \(known.joined(separator: ", "))"
                throw ValueProblem("\(here) has no item named '\(first)'\(Suggestions.hint(first, in: known)); \(list)")
            }
            return (.index(i), names[i]!, used)
        case .entries(let keys):
            var found: (String, Int)?
            for key in keys(s, place) {
                if let used = matchLength(of: key, in: parts, from: from), used > (found?.1 ?? 0) { found = (key, used) }
            }
            let (key, used) = found ?? (first, 1)
            if key.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValueProblem("\(here): a name must not be empty") }
            return (.key(key), key, used)
        case .signals:
            let sig = try Scalars.signal(text: first, here)
            if sig.isUncatchable {
                throw ValueProblem("\(sig.name) cannot be caught or ignored (the kernel refuses: kernel.uncatchable)")
            }
            return (.signal(sig), first, 1)
        case .figures:
            preconditionFailure("figures are resolved by figure(_:_:_:)")
        }
    }

    /// `expect.FIGURE=VALUE`: the expectation, replaced where the file has it (keeping its line).
    private static func figure(_ name: String, _ value: String, _ expectations: [Expectation]?) throws(ValueProblem) -> Resolved {
        guard let expectations else {
            throw ValueProblem("expect.\(name): expectations belong to a loaded file; set them on a LoadedScenario")
        }
        if value.isEmpty {
            throw ValueProblem("expect.\(name): no expected value; write one (e.g. 0, 30s, SIGTERM), or none for a thing that never happened")
        }
        let comparison: Comparison
        switch Comparison.parse(value) {
        case .success(let c): comparison = c
        case .failure(let e): throw ValueProblem("expect.\(name): \(e.message)")
        }
        var e = expectations.first { $0.figure == name } ?? Expectation(figure: name, comparison: comparison)
        e.comparison = comparison
        return Resolved(change: .expectation(e), checks: [], path: "expect." + name)
    }

    /// How many parts from `from` on the dotted `key` spells, or nil if it does not start them.
    private static func matchLength(of key: String, in parts: [String], from: Int) -> Int? {
        var used = 0
        for piece in key.split(separator: ".", omittingEmptySubsequences: false) {
            guard from + used < parts.count, parts[from + used] == piece else { return nil }
            used += 1
        }
        return used
    }
}
