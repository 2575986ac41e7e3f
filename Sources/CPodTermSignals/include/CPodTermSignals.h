// Signals that end the terminal player: SIGINT (Ctrl-C), SIGTERM, SIGHUP.
//
// A C handler, because Swift 6 cannot keep a signal-safe global, and because a handler
// installed without SA_RESTART interrupts the blocking read inside ncurses' get_wch: the
// player wakes at once (get_wch returns ERR with errno EINTR), sees the flag and restores the
// terminal on its own thread. Installed before initscr(), so ncurses keeps it instead of its own.
#ifndef CPODTERM_SIGNALS_H
#define CPODTERM_SIGNALS_H

/// Installs the handler for SIGINT, SIGTERM and SIGHUP (no SA_RESTART).
void pt_install_quit_handlers(void);
/// The last of those signals that arrived, or 0.
int pt_quit_signal(void);
/// Puts SIGINT, SIGTERM and SIGHUP back to their default dispositions.
void pt_restore_default_handlers(void);

#endif
