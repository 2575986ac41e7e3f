/// Where a streaming renderer puts its bytes as it makes them: standard output, a file, memory.
///
/// The engine never writes anywhere itself; the caller passes a sink (the command line's
/// writes to standard output). A sink that throws stops the rendering at once.
public protocol ByteSink {
    /// Takes the next bytes of the output, in order. Throw to stop (a closed pipe, a full disk).
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// A sink that keeps every byte in memory, for renderers that return a `String`.
public struct ByteBuffer: ByteSink {
    /// Every byte written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty buffer.
    public init() {}

    public mutating func write(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes)
    }

    /// The bytes as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
