/// A grace period or stop timeout in whole seconds, as Kubernetes (`…Seconds` fields), Docker
/// (`-t`) and supervisord (`stopwaitsecs`) write them, kept apart from virtual time (`Millis`):
/// going from one to the other is always said (`millis`, `init(wholeSecondsIn:)`), never a
/// bare `* 1000` or `/ 1000`.
public struct GraceSeconds: Sendable, Hashable, Comparable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The whole seconds.
    public var seconds: Int

    /// `seconds` whole seconds.
    public init(_ seconds: Int) { self.seconds = seconds }

    public init(integerLiteral seconds: Int) { self.seconds = seconds }

    /// The whole seconds in a span of virtual time, rounded toward zero: how the kubelet takes
    /// the time a hook or a wait used out of a grace (`kubelet.prestop-budget`).
    public init(wholeSecondsIn ms: Millis) { seconds = ms / 1000 }

    /// The span of virtual time: seconds × 1000 ms.
    public var millis: Millis { Millis(seconds * 1000) }

    public var description: String { String(seconds) }

    public static func < (l: GraceSeconds, r: GraceSeconds) -> Bool { l.seconds < r.seconds }
    public static func - (l: GraceSeconds, r: GraceSeconds) -> GraceSeconds { GraceSeconds(l.seconds - r.seconds) }
    public static func -= (l: inout GraceSeconds, r: GraceSeconds) { l.seconds -= r.seconds }
}
