/// Whether `s` is a blank as Foundation's `CharacterSet.whitespaces` has it on Linux and
/// macOS (CoreFoundation's `isWhitespace`): a tab, the space separators of Unicode (general
/// category Zs: U+0020, U+00A0, U+1680, U+2000…U+200A, U+202F, U+205F, U+3000), and
/// U+200B ZERO WIDTH SPACE, which was one when the list was written. A fixed list, so it does
/// not move with the Unicode version of the standard library.
func isBlank(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
}

/// `text` without its leading and trailing blanks (`isBlank`), scalar by scalar: what
/// `text.trimmingCharacters(in: .whitespaces)` gives, without Foundation.
func trimmingBlanks(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isBlank($0) }),
          let last = scalars.lastIndex(where: { !isBlank($0) }) else { return "" }
    return String(Substring(scalars[first...last]))
}
