/// A Linux signal, by its x86-64/arm64 number.
///
/// Names follow `signal(7)`. Only the standard signals (1–31) are modelled; real-time signals
/// play no part in stopping containers.
public struct Signal: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The signal number, as `kill(2)` takes it.
    public let rawValue: Int

    /// Creates a signal from its number (1–31).
    public init?(rawValue: Int) {
        guard (1...31).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(_ n: Int) { rawValue = n }

    public static let hup = Signal(1), int = Signal(2), quit = Signal(3), ill = Signal(4)
    public static let trap = Signal(5), abrt = Signal(6), bus = Signal(7), fpe = Signal(8)
    public static let kill = Signal(9), usr1 = Signal(10), segv = Signal(11), usr2 = Signal(12)
    public static let pipe = Signal(13), alrm = Signal(14), term = Signal(15), stkflt = Signal(16)
    public static let chld = Signal(17), cont = Signal(18), stop = Signal(19), tstp = Signal(20)
    public static let ttin = Signal(21), ttou = Signal(22), urg = Signal(23), xcpu = Signal(24)
    public static let xfsz = Signal(25), vtalrm = Signal(26), prof = Signal(27), winch = Signal(28)
    public static let io = Signal(29), pwr = Signal(30), sys = Signal(31)

    private static let names = [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
        "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
        "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    ]

    /// The name without the `SIG` prefix, e.g. `TERM`.
    public var shortName: String { Signal.names[rawValue] }

    /// The full name, e.g. `SIGTERM`.
    public var name: String { "SIG" + Signal.names[rawValue] }

    public var description: String { name }

    /// Parses `SIGTERM`, `TERM`, `sigterm` or `15`.
    public init?(parsing text: String) {
        let t = trimmingBlanks(text).uppercased()
        if let n = Int(t) {
            self.init(rawValue: n)
            return
        }
        let bare = t.hasPrefix("SIG") ? String(t.dropFirst(3)) : t
        if bare == "IOT" { self = .abrt; return }
        if bare == "POLL" { self = .io; return }
        if bare == "CLD" { self = .chld; return }
        guard let i = Signal.names.firstIndex(of: bare), i > 0 else { return nil }
        self.init(i)
    }

    /// Every signal name, for messages that list the valid ones.
    public static var allNames: [String] { names.dropFirst().map { "SIG" + $0 } }

    /// Whether the default action of this signal is to ignore it (`signal(7)`: SIGCHLD, SIGCONT, SIGURG, SIGWINCH).
    public var defaultIsIgnore: Bool { self == .chld || self == .cont || self == .urg || self == .winch }

    /// Whether the default action is to stop the process (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU).
    public var isStop: Bool { self == .stop || self == .tstp || self == .ttin || self == .ttou }

    /// Whether the default action dumps core (`signal(7)` "Core": SIGQUIT, SIGILL, SIGTRAP,
    /// SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS; the kernel's
    /// SIG_KERNEL_COREDUMP_MASK).
    public var dumpsCore: Bool {
        [Signal.quit, .ill, .trap, .abrt, .bus, .fpe, .segv, .xcpu, .xfsz, .sys].contains(self)
    }

    /// Whether the signal can be neither caught, blocked nor ignored.
    public var isUncatchable: Bool { self == .kill || self == .stop }

    /// The exit code shells and runtimes report for a death by this signal: 128 + N.
    public var exitCode: Int { 128 + rawValue }

    public static func < (a: Signal, b: Signal) -> Bool { a.rawValue < b.rawValue }
}

/// A set of signals as a bit mask, like the kernel's `sigset_t`.
public struct SignalSet: Hashable, Sendable {
    /// Bit N set ⇔ signal N in the set.
    public var bits: UInt32

    /// Creates a set from a list of signals.
    public init(_ signals: [Signal] = []) {
        bits = 0
        for s in signals { bits |= 1 << UInt32(s.rawValue) }
    }

    /// Every catchable signal (all but SIGKILL and SIGSTOP).
    public static var allCatchable: SignalSet {
        var s = SignalSet()
        for n in 1...31 where n != 9 && n != 19 { s.bits |= 1 << UInt32(n) }
        return s
    }

    /// Whether `s` is in the set.
    public func contains(_ s: Signal) -> Bool { bits & (1 << UInt32(s.rawValue)) != 0 }

    /// Adds `s`.
    public mutating func insert(_ s: Signal) { bits |= 1 << UInt32(s.rawValue) }

    /// Removes `s`.
    public mutating func remove(_ s: Signal) { bits &= ~(1 << UInt32(s.rawValue)) }

    /// The signals in either set.
    public func union(_ other: SignalSet) -> SignalSet { var s = self; s.bits |= other.bits; return s }
}
