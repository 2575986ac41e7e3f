/// The characters for boxes, bars and marks: Unicode in a UTF-8 locale, ASCII otherwise.
public struct Glyphs: Sendable, Equatable {
    public var horizontal: Unicode.Scalar
    public var vertical: Unicode.Scalar
    public var topLeft: Unicode.Scalar
    public var topRight: Unicode.Scalar
    public var bottomLeft: Unicode.Scalar
    public var bottomRight: Unicode.Scalar
    /// A full cell of a bar (time left, a running span).
    public var full: Unicode.Scalar
    /// An empty cell of a bar (time used).
    public var empty: Unicode.Scalar
    /// A lighter span (preStop, draining).
    public var shade: Unicode.Scalar
    /// The cursor on the time axis.
    public var cursor: Unicode.Scalar
    /// A mark on the axis (endpoint removed, consumer stops routing).
    public var mark: Unicode.Scalar
    /// A tick on the time axis.
    public var tick: Unicode.Scalar
    /// Tree branches.
    public var branch: String
    public var lastBranch: String
    public var pipe: String
    /// Play and pause symbols.
    public var play: String
    public var pause: String

    /// Box drawing, blocks, triangles.
    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        full: "█", empty: "░", shade: "▒", cursor: "┃", mark: "▲", tick: "┴",
        branch: "├─ ", lastBranch: "└─ ", pipe: "│  ", play: "▶", pause: "||")

    /// Plain ASCII, for a locale that is not UTF-8.
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        full: "#", empty: ".", shade: ":", cursor: "|", mark: "^", tick: "+",
        branch: "|- ", lastBranch: "`- ", pipe: "|  ", play: ">", pause: "||")
}
