/// A key as the player understands it, independent of ncurses (so key handling is tested
/// without a terminal).
public enum PlayerKey: Equatable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace
    /// Ctrl-C, as a key (raw mode) or as SIGINT.
    case interrupt
}
