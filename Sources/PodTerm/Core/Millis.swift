/// Virtual time in milliseconds since the scenario started, or a span of it. Integer, never
/// `Double`, so ordering is exact. A type of its own, so that adding a count or a number of
/// seconds to a time does not compile: times add to and subtract from times, scale by counts
/// (`* n`, `/ n`), and divide into a count (`/` of two spans); anything else says `.ms`.
public struct Millis: Sendable, Hashable, Comparable, AdditiveArithmetic, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The whole milliseconds.
    public var ms: Int

    /// `ms` milliseconds.
    @inlinable public init(_ ms: Int) { self.ms = ms }
    @inlinable public init(integerLiteral ms: Int) { self.ms = ms }

    public static let zero = Millis(0)
    /// The largest time (a deadline that never comes).
    public static let max = Millis(Int.max)

    public var description: String { String(ms) }

    @inlinable public static func < (l: Millis, r: Millis) -> Bool { l.ms < r.ms }
    @inlinable public static func + (l: Millis, r: Millis) -> Millis { Millis(l.ms + r.ms) }
    @inlinable public static func - (l: Millis, r: Millis) -> Millis { Millis(l.ms - r.ms) }
    @inlinable public static func += (l: inout Millis, r: Millis) { l.ms += r.ms }
    @inlinable public static func -= (l: inout Millis, r: Millis) { l.ms -= r.ms }
    /// A span scaled by a count.
    @inlinable public static func * (l: Millis, r: Int) -> Millis { Millis(l.ms * r) }
    /// A span divided into `r` equal parts (rounded toward zero).
    @inlinable public static func / (l: Millis, r: Int) -> Millis { Millis(l.ms / r) }
    /// How many whole spans `r` fit in `l`.
    @inlinable public static func / (l: Millis, r: Millis) -> Int { l.ms / r.ms }
    /// What is left of `l` after whole spans `r`.
    @inlinable public static func % (l: Millis, r: Millis) -> Millis { Millis(l.ms % r.ms) }
}
