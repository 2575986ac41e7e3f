import PodTerm

/// Standard output as a `ByteSink`: each chunk goes out through `Terminal.write(bytes:)` as
/// the renderer makes it, so a closed pipe ends quietly with 0 and a failed write exits 74.
struct StandardOutput: ByteSink {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        Terminal.write(bytes: bytes)
    }
}
