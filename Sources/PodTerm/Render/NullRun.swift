/// A run of keys in a fixed order whose values are mostly null, such as the typed fields of an
/// event: `, "from": null, "parent": null, …` is made once, and a writer copies the stretches
/// of nulls between the few keys that have a value instead of writing every key.
///
/// The template lives as long as the process (it is made once per kind of run) and is never
/// written after it is made, so sharing it is safe.
struct NullRun<Key: RawRepresentable & CaseIterable>: @unchecked Sendable where Key.RawValue == Int {
    /// `, "k1": null, "k2": null…` for every key, in order.
    let template: UnsafeBufferPointer<UInt8>
    /// Where each key's `null` starts in `template`, by raw value.
    let nullAt: [Int]

    init() {
        var bytes: [UInt8] = []
        var at: [Int] = []
        for (i, k) in Key.allCases.enumerated() {
            precondition(k.rawValue == i, "keys must be numbered 0, 1, 2… in order")
            bytes += Array(", \"\(k)\": ".utf8)
            at.append(bytes.count)
            bytes += Array("null".utf8)
        }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        template = UnsafeBufferPointer(buffer)
        nullAt = at
    }
}

/// Where a writer is in a `NullRun`: the template is written up to `offset`.
struct NullRunCursor {
    var offset = 0
}

extension JSONWriter {
    /// Writes the template from the cursor through `key`'s `"key": `; the caller writes its value.
    /// Keys must come in order.
    mutating func key<Key>(_ key: Key, of run: NullRun<Key>, _ cursor: inout NullRunCursor) {
        let end = run.nullAt[key.rawValue]
        bytes(run.template.baseAddress! + cursor.offset, end - cursor.offset)
        cursor.offset = end + 4
    }

    /// Writes the rest of the template: the keys after the last one given, all null.
    mutating func end<Key>(of run: NullRun<Key>, _ cursor: NullRunCursor) {
        bytes(run.template.baseAddress! + cursor.offset, run.template.count - cursor.offset)
    }
}
