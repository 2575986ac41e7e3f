// Shim for the CNcursesw system library target.
//
// Swift cannot import everything ncurses offers: attribute and line-drawing
// macros, function-like macros such as KEY_F(n), and (in the Swift 6 language
// mode) the mutable C globals stdscr/COLS/LINES. This header turns those into
// `static inline` functions, which Swift imports as ordinary functions.
//
// Names are prefixed `cn_` so they never collide with the real ncurses names.

#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

// `pkg-config ncursesw` would pass -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600, but
// SwiftPM drops those flags. Without them curses.h hides the wide-character API
// (add_wch, get_wch, mvaddwstr, cchar_t, WACS_*). Ask for it explicitly.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <stddef.h>
#include <wchar.h>

// Debian 12's libncurses-dev (which libncursesw5-dev pulls in) ships the wide
// header as /usr/include/curses.h and symlinks /usr/include/ncursesw/curses.h
// to it. macOS and some other systems only have <curses.h>.
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

// wcwidth() is only declared by <wchar.h> under _XOPEN_SOURCE, which the
// module build of the C library does not see. This matches glibc's declaration.
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

// MARK: - Globals (not concurrency-safe to read from Swift 6 directly)

/// The standard screen window; NULL before `initscr()`.
static inline WINDOW *cn_stdscr(void) { return stdscr; }
/// Terminal width in columns (valid after `initscr()`; updated on KEY_RESIZE).
static inline int cn_cols(void) { return COLS; }
/// Terminal height in rows (valid after `initscr()`; updated on KEY_RESIZE).
static inline int cn_lines(void) { return LINES; }
/// Number of colours the terminal supports (valid after `start_color()`).
static inline int cn_colors(void) { return COLORS; }
/// Number of colour pairs available (valid after `start_color()`).
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }

// MARK: - Attributes
//
// Returned as `int` because `attron`/`attroff`/`attrset`/`wattron` take `int`
// (NCURSES_ATTR_T). For `attr_on`/`wattr_on`, which take `attr_t` (UInt32 in
// Swift), convert with `attr_t(bitPattern: ...)` or `attr_t(...)`.

static inline int cn_a_normal(void) { return (int)A_NORMAL; }
static inline int cn_a_bold(void) { return (int)A_BOLD; }
static inline int cn_a_reverse(void) { return (int)A_REVERSE; }
static inline int cn_a_dim(void) { return (int)A_DIM; }
static inline int cn_a_underline(void) { return (int)A_UNDERLINE; }
static inline int cn_a_standout(void) { return (int)A_STANDOUT; }
static inline int cn_a_blink(void) { return (int)A_BLINK; }

/// The attribute bits selecting colour pair `n` (as set up by `init_pair`).
static inline int cn_color_pair(int n) { return (int)COLOR_PAIR(n); }
/// The colour pair number encoded in an attribute value.
static inline int cn_pair_number(int attrs) { return (int)PAIR_NUMBER(attrs); }

// MARK: - Keys

/// Function key n (F1 is `cn_key_f(1)`); the KEY_F(n) macro.
static inline int cn_key_f(int n) { return KEY_F(n); }

// MARK: - Line drawing (ACS_*), valid only after initscr()
//
// In a non-UTF-8 locale these map to the terminal's alternate character set;
// for wide-character output prefer the WACS_* accessors below.

static inline chtype cn_acs_ulcorner(void) { return ACS_ULCORNER; }
static inline chtype cn_acs_urcorner(void) { return ACS_URCORNER; }
static inline chtype cn_acs_llcorner(void) { return ACS_LLCORNER; }
static inline chtype cn_acs_lrcorner(void) { return ACS_LRCORNER; }
static inline chtype cn_acs_hline(void) { return ACS_HLINE; }
static inline chtype cn_acs_vline(void) { return ACS_VLINE; }
static inline chtype cn_acs_ltee(void) { return ACS_LTEE; }
static inline chtype cn_acs_rtee(void) { return ACS_RTEE; }
static inline chtype cn_acs_ttee(void) { return ACS_TTEE; }
static inline chtype cn_acs_btee(void) { return ACS_BTEE; }
static inline chtype cn_acs_plus(void) { return ACS_PLUS; }
static inline chtype cn_acs_bullet(void) { return ACS_BULLET; }
static inline chtype cn_acs_diamond(void) { return ACS_DIAMOND; }
static inline chtype cn_acs_ckboard(void) { return ACS_CKBOARD; }
static inline chtype cn_acs_block(void) { return ACS_BLOCK; }
static inline chtype cn_acs_larrow(void) { return ACS_LARROW; }
static inline chtype cn_acs_rarrow(void) { return ACS_RARROW; }
static inline chtype cn_acs_uarrow(void) { return ACS_UARROW; }
static inline chtype cn_acs_darrow(void) { return ACS_DARROW; }

// MARK: - Wide line drawing (WACS_*), valid only after initscr()
//
// For use with wadd_wch / mvwadd_wch / wborder_set / whline_set.

static inline const cchar_t *cn_wacs_ulcorner(void) { return WACS_ULCORNER; }
static inline const cchar_t *cn_wacs_urcorner(void) { return WACS_URCORNER; }
static inline const cchar_t *cn_wacs_llcorner(void) { return WACS_LLCORNER; }
static inline const cchar_t *cn_wacs_lrcorner(void) { return WACS_LRCORNER; }
static inline const cchar_t *cn_wacs_hline(void) { return WACS_HLINE; }
static inline const cchar_t *cn_wacs_vline(void) { return WACS_VLINE; }
static inline const cchar_t *cn_wacs_ltee(void) { return WACS_LTEE; }
static inline const cchar_t *cn_wacs_rtee(void) { return WACS_RTEE; }
static inline const cchar_t *cn_wacs_ttee(void) { return WACS_TTEE; }
static inline const cchar_t *cn_wacs_btee(void) { return WACS_BTEE; }
static inline const cchar_t *cn_wacs_plus(void) { return WACS_PLUS; }

// MARK: - terminfo, without a screen

// term.h last: its capability macros (`lines`, `columns`, …) must not reach the code above.
#if __has_include(<ncursesw/term.h>)
#include <ncursesw/term.h>
#else
#include <term.h>
#endif

/// The number of colours terminfo gives terminal type `term` (`tigetnum("colors")`), or -1
/// when the type is unknown or has no colour. Loads the description without touching the
/// screen, then frees it.
static inline int cn_terminal_colors(const char *term) {
    int err = 0;
    if (setupterm(term, -1, &err) != OK) return -1;
    int n = tigetnum("colors");
    del_curterm(cur_term);
    return n;
}

#endif // CNCURSESW_SHIM_H
