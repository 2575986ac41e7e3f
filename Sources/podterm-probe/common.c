#include "common.h"

#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int64_t pt_mono_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int pt_write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

void pt_line_init(struct pt_line *l) {
    l->len = 0;
    l->buf[0] = 0;
}

void pt_line_char(struct pt_line *l, char c) {
    if (l->len + 1 < sizeof l->buf) {
        l->buf[l->len++] = c;
        l->buf[l->len] = 0;
    }
}

void pt_line_str(struct pt_line *l, const char *s) {
    for (; s && *s; s++) {
        /* One event per line: never let a name break the line. */
        char c = *s;
        if (c == '\n' || c == '\r') c = ' ';
        pt_line_char(l, c);
    }
}

void pt_line_int(struct pt_line *l, int64_t v) {
    char tmp[24];
    int n = 0;
    uint64_t u;
    if (v < 0) {
        pt_line_char(l, '-');
        u = (uint64_t)(-(v + 1)) + 1;
    } else {
        u = (uint64_t)v;
    }
    do {
        tmp[n++] = (char)('0' + (u % 10));
        u /= 10;
    } while (u > 0);
    while (n > 0) pt_line_char(l, tmp[--n]);
}

const char *pt_basename(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}
