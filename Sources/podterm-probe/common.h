/*
 * podterm-probe: shared helpers of the probe (stand-in app) and the launcher.
 */
#ifndef PODTERM_PROBE_COMMON_H
#define PODTERM_PROBE_COMMON_H

#include <stdint.h>
#include <stddef.h>

/* CLOCK_MONOTONIC in nanoseconds: the clock tracefs' "mono" trace clock uses too. */
int64_t pt_mono_ns(void);

/* Writes all of buf to fd (retrying on EINTR and short writes). Async-signal-safe. */
int pt_write_all(int fd, const char *buf, size_t len);

/* A small append-only text buffer for building one line without stdio (async-signal-safe). */
struct pt_line {
    char buf[1024];
    size_t len;
};

void pt_line_init(struct pt_line *l);
void pt_line_str(struct pt_line *l, const char *s);
void pt_line_int(struct pt_line *l, int64_t v);
void pt_line_char(struct pt_line *l, char c);

/* Base name of a path (the part after the last '/'). */
const char *pt_basename(const char *path);

int probe_main(int argc, char **argv);
int launcher_main(int argc, char **argv);

#endif
