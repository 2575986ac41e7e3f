/// The one source of randomness of a run: SplitMix64, seeded by the scenario.
///
/// Same seed, same sequence, in any process and on any platform — unlike
/// `SystemRandomNumberGenerator`. Subsystems that need their own stream derive one with
/// `fork(stream:)`, so adding draws in one subsystem does not shift another's.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An independent generator for one subsystem, derived from this one's seed and a stream id.
    public func fork(stream: UInt64) -> SeededGenerator {
        var g = SeededGenerator(seed: state ^ (stream &* 0xD605_BBB5_8C8A_BDA5))
        _ = g.next()
        return g
    }
}
