import PodTerm

/// Virtual time written as a Swift `Duration` (`.seconds(40)`, `.milliseconds(500)`), turned
/// into the engine's milliseconds. Sub-millisecond parts are dropped, as the engine has none.
extension Duration {
    /// This duration in whole milliseconds of virtual time.
    var virtualMillis: Millis {
        let (seconds, attoseconds) = components
        return Millis(Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
