import PodTerm

/// Where a path's list items and mapping entries resolved to: one capture per `*` of the
/// field's pattern, in order (`pod.containers.*.lifecycle.stopSignal` has one, the container).
struct SettingPlace: Sendable, Equatable {
    /// One resolved `*`.
    enum Capture: Sendable, Equatable {
        /// A list item, by its index.
        case index(Int)
        /// A mapping entry whose key the user chose (an image, a program, an HTTP path).
        case key(String)
        /// A signal of a program's `signals:`.
        case signal(Signal)
    }

    var captures: [Capture] = []
    /// The path as the decoder's messages write it, list items by name where they have one.
    var path = ""

    func index(_ i: Int) -> Int {
        if case .index(let n) = captures[i] { return n }
        preconditionFailure("capture \(i) of \(path) is not a list index")
    }

    func key(_ i: Int) -> String {
        if case .key(let k) = captures[i] { return k }
        preconditionFailure("capture \(i) of \(path) is not a key")
    }

    func signal(_ i: Int) -> Signal {
        if case .signal(let s) = captures[i] { return s }
        preconditionFailure("capture \(i) of \(path) is not a signal")
    }
}

/// The typed change one setting makes: a write into the decoded `Scenario` (no tree, no YAML),
/// or an expectation of the loaded file.
enum SettingChange: Sendable {
    case scenario(@Sendable (inout Scenario) throws -> Void)
    case expectation(Expectation)
}

/// One settable field of the scenario format: its pattern (`*` for a list item or a named
/// entry), the checks a change of it can break, and how a value's text becomes a change.
struct SettingField: Sendable {
    let pattern: String
    let checks: SettingChecks.Kinds
    /// What kind of value the field holds (for the tunables list).
    let shape: Tunable.Kind
    /// Reads the text (with the field's kind and range) and returns the write, bound to the place.
    let resolve: @Sendable (_ text: String, _ place: SettingPlace) throws -> SettingChange

    /// A field of kind `kind` whose value `write` puts into the scenario at `place`.
    init<V: Sendable>(
        _ pattern: String, _ kind: SettingKind<V>, checks: SettingChecks.Kinds = [],
        _ write: @escaping @Sendable (inout Scenario, SettingPlace, V) throws -> Void
    ) {
        self.pattern = pattern
        self.checks = checks
        shape = kind.shape
        resolve = { text, place in
            let value = try kind.read(text, place.path)
            return .scenario { s in try write(&s, place, value) }
        }
    }

    /// A field with its own resolution (the expectations).
    init(pattern: String, resolve: @escaping @Sendable (String, SettingPlace) throws -> SettingChange) {
        self.pattern = pattern
        self.checks = []
        shape = .text
        self.resolve = resolve
    }
}
