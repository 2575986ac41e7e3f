import Foundation
import PodTerm

/// How the text after `--set KEY=` becomes the typed value of one field: the same readers
/// (`Scalars`) and the same ranges (`ValueRanges`) the file's decoder uses, so a value is
/// accepted or refused, with the same message, whether it is written in the file or set.
struct SettingKind<Value: Sendable>: Sendable {
    /// Reads the text; `what` is the field's path for messages.
    let read: @Sendable (_ text: String, _ what: String) throws -> Value
    /// What kind of value it is, for the tunables list (`Tunable.Kind`).
    var shape: Tunable.Kind = .text

    /// The same reader, described as `shape`.
    func shaped(_ shape: Tunable.Kind) -> Self {
        var k = self
        k.shape = shape
        return k
    }
}

extension SettingKind where Value == Int {
    /// A duration that must be whole seconds (kubelet configuration), as seconds.
    static var wholeSeconds: Self {
        Self { text, what in
            let ms = try Scalars.duration(text: text, what, got: Scalars.got(text))
            guard ms % 1000 == 0 else { throw ValueProblem("\(what): expected whole seconds, got '\(formatDuration(ms))'") }
            return GraceSeconds(wholeSecondsIn: ms).seconds
        }.shaped(.duration)
    }

    /// A whole number within `range` (a count, a code, or whole seconds).
    static func number(_ range: ValueRange) -> Self {
        Self { text, what in try Scalars.int(text: text, what, range, got: Scalars.got(text)) }.shaped(.integer)
    }

    /// Events per second (a workload's rate).
    static var rate: Self { number(ValueRanges.rate).shaped(.rate) }
}

extension SettingKind where Value == Millis {
    /// A duration within `range`.
    static func duration(_ range: ValueRange = ValueRanges.duration) -> Self {
        Self { text, what in try Scalars.duration(text: text, what, range, got: Scalars.got(text)) }.shaped(.duration)
    }
}

extension SettingKind where Value == Bool {
    /// true or false (yes/no/on/off too, as YAML reads them).
    static var bool: Self { Self { text, what in try Scalars.bool(text: text, what, got: Scalars.got(text)) }.shaped(.bool) }
}

extension SettingKind where Value == Signal {
    /// A signal by name (`SIGQUIT`, `QUIT`) or number.
    static var signal: Self { Self { text, what in try Scalars.signal(text: text, what) }.shaped(.signal) }
}

extension SettingKind where Value == UInt64 {
    /// A seed, 0 to 2^64−1.
    static var seed: Self { Self { text, what in try Scalars.seed(text: text, what, got: Scalars.got(text)) }.shaped(.integer) }
}

extension SettingKind where Value == String {
    /// Any text; with `nonEmpty`, not empty or blank.
    static func string(nonEmpty: Bool) -> Self {
        Self { text, what in
            if nonEmpty, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValueProblem("\(what) must not be empty")
            }
            return text
        }
    }
}

extension SettingKind {
    /// One of a fixed set of words (case-sensitive, as Kubernetes is).
    static func oneOf(_ choices: [(String, Value)]) -> Self {
        Self { text, what in try Scalars.oneOf(text: text, what, choices, got: Scalars.got(text)) }.shaped(.choice(choices.map(\.0)))
    }
}

extension SettingKind where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// One of the cases of a string enum, by raw value.
    static var cases: Self { .oneOf(Value.allCases.map { ($0.rawValue, $0) }) }
}
