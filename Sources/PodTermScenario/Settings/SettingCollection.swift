import PodTerm

/// A part of the format whose items a path names: a list (by index, or by `name`), or a
/// mapping whose keys the user chooses (images, programs, HTTP paths, signals, figures).
struct SettingCollection: Sendable {
    enum Items: Sendable {
        /// A list; each item's name, or nil for items without one (addressed by index only).
        case list(@Sendable (Scenario, SettingPlace) -> [String?])
        /// A mapping by key; a key not present creates an entry, as it would in the file.
        case entries(@Sendable (Scenario, SettingPlace) -> [String])
        /// A program's `signals:`, by name or number; a signal not listed creates an entry.
        case signals(@Sendable (Scenario, SettingPlace) -> [Signal])
        /// `expect:`: the rest of the path is the figure's name.
        case figures
    }

    let items: Items
    /// An example item, for "is a list" messages.
    let example: String
}
