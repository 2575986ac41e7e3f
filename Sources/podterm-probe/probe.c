/*
 * The probe: stands in for one application of a scenario under `podterm verify`.
 *
 * It reproduces what the scenario's `programs:` entry declares — the disposition of each
 * signal (default, ignore, or a handler that cleans up for a while and then exits, keeps
 * running or re-raises), how long it runs by itself and its exit code, the children it
 * starts (with or without setsid) and which dead children it waits for — and reports each
 * thing that happens to it as one line appended to $PODTERM_PROBE_LOG:
 *
 *   <monotonic ns> <host pid> <namespace pid> <name> <event> [key=value]...
 *
 * Events: start, caught (sig, from = si_pid as the probe sees it, code = si_code, action =
 * cleanup|keep|again|forward, ms), reraise, exit (code, why), spawn (pid, argv0), exec-failed,
 * reaped (pid, status), block / unblock (mask), send (sig, pid, or skipped=1), error. The log is opened with O_APPEND and each line is one write(),
 * so lines from many probes never interleave.
 *
 * The behaviour comes from a spec file, one tab-separated directive per line:
 *
 *   name    NAME
 *   signal  N  default | ignore | handle MS (exit CODE | keep | reraise [CODE])
 *   runs-for MS
 *   ballast MB        hold MB of touched memory, as a real app does, so that its death (the
 *                     kernel frees the memory before it closes the files and makes the process
 *                     a zombie) takes as long as an app's, not the microseconds of a bare probe
 *   exit-code CODE
 *   reaps   children | all | none
 *   child   SETSID(0|1)  AFTER-MS  ARGV0  ARGV1 ...
 *   child-closes  stdout | stderr ...   the last child closes these (they go to /dev/null),
 *                                       so it holds none of our pipe there (supervisord's)
 *   signal  N  forward children|group WAIT-MS(-1: no limit) exit|kill CODE LIMIT-CODE
 *                     a handler that sends the signal on (to each child it started that still
 *                     runs, or with kill(0) to its group), then collects its children and
 *                     exits CODE; when WAIT-MS runs out first, exits LIMIT-CODE at once
 *                     ("exit") or SIGKILLs the children still running, collects them, then
 *                     exits LIMIT-CODE ("kill")
 *   block   AT-MS  UNBLOCK-AFTER-MS(-1: never)  SIG ...   sigprocmask(SIG_BLOCK) at AT-MS,
 *                     SIG_UNBLOCK after UNBLOCK-AFTER-MS more (children inherit the mask)
 *   send    AT-MS  SIG  parent | group | pid1 | name NAME     kill(2) at AT-MS: getppid(),
 *                     kill(0), kill(1), or the first live process of our PID namespace (by
 *                     PID, ourselves excluded) whose comm is NAME
 *   preset  N  keep  RESPECTS-IGNORE(0|1)
 *   preset  N  shutdown  MS  (exit CODE | reraise CODE)  PREEMPTS(0|1)  RESPECTS-IGNORE(0|1)
 *
 * "reraise CODE": restore the default, raise the signal, and exit CODE if still alive (a
 * PID 1 survives its own default signal).
 *
 * Signal handlers only write the siginfo into a self-pipe (async-signal-safe); the main loop
 * polls that pipe and acts. Nothing else is done in a handler.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

#define MAX_CHILDREN 64
#define MAX_ARGS 64

enum disposition { D_DEFAULT = 0, D_IGNORE, D_HANDLE };
enum ending { E_EXIT = 0, E_KEEP, E_RERAISE };
enum reaps { R_CHILDREN = 0, R_ALL, R_NONE };

struct sigspec {
    int declared;
    enum disposition disp;
    int64_t cleanup_ms;
    enum ending ending;
    int exit_code;
    int has_fallback; /* reraise CODE */
    int forward;      /* 0: none, 1: children, 2: group */
    int64_t wait_ms;  /* -1: no limit */
    int limit_kill;
    int limit_code;
};

#define MAX_TIMED 64

struct blockspec {
    sigset_t set;
    uint64_t mask; /* for the log */
    int64_t at_ms;
    int64_t unblock_ms; /* -1: never */
};

enum starget { ST_PARENT = 0, ST_GROUP, ST_PID1, ST_NAME };

struct sendspec {
    int64_t at_ms;
    int sig;
    enum starget target;
    char name[64];
};

/* A language runtime's default handler (the scenario's `preset:`), kept apart from the
 * program's own handlers as the simulation keeps them: one shutdown at a time, which a
 * faster one may preempt (nginx's SIGTERM during a graceful SIGQUIT). */
struct presetspec {
    int declared;
    int keep;            /* a handler that does its work and keeps running */
    int64_t cleanup_ms;
    enum ending ending;  /* E_EXIT or E_RERAISE */
    int exit_code;       /* exit code, or the code when a re-raise is discarded (PID 1) */
    int preempts;
    int respects_ignore; /* left ignored when ignored at start (inherited SIG_IGN) */
    int installed;
};

struct childspec {
    int setsid;
    int closes_stdout;
    int closes_stderr;
    int64_t after_ms;
    char *argv[MAX_ARGS + 1];
    pid_t pid; /* 0: not started; -1: reaped */
};

struct spec {
    char name[256];
    struct sigspec sig[65];
    struct presetspec preset[65];
    int64_t runs_for_ms; /* -1: runs until stopped */
    int64_t ballast_mb;
    int exit_code;
    enum reaps reaps;
    int nchildren;
    struct childspec children[MAX_CHILDREN];
    int nblocks;
    struct blockspec blocks[MAX_TIMED];
    int nsends;
    struct sendspec sends[MAX_TIMED];
};

static struct spec S;
static int log_fd = -1;
static int pipe_r = -1, pipe_w = -1;
static long host_pid = 0;

struct sigrec {
    int sig;
    int pid;
    int code;
};

/* ---- logging ------------------------------------------------------------------------------ */

static void log_begin(struct pt_line *l, const char *event) {
    pt_line_init(l);
    pt_line_int(l, pt_mono_ns());
    pt_line_char(l, ' ');
    pt_line_int(l, host_pid);
    pt_line_char(l, ' ');
    pt_line_int(l, getpid());
    pt_line_char(l, ' ');
    pt_line_str(l, S.name);
    pt_line_char(l, ' ');
    pt_line_str(l, event);
}

static void log_kv(struct pt_line *l, const char *key, int64_t v) {
    pt_line_char(l, ' ');
    pt_line_str(l, key);
    pt_line_char(l, '=');
    pt_line_int(l, v);
}

static void log_ks(struct pt_line *l, const char *key, const char *v) {
    pt_line_char(l, ' ');
    pt_line_str(l, key);
    pt_line_char(l, '=');
    for (; *v; v++) pt_line_char(l, (*v == ' ' || *v == '\n' || *v == '\t') ? '_' : *v);
}

static void log_end(struct pt_line *l) {
    pt_line_char(l, '\n');
    if (log_fd >= 0) pt_write_all(log_fd, l->buf, l->len);
}

static void log_simple(const char *event) {
    struct pt_line l;
    log_begin(&l, event);
    log_end(&l);
}

static void die_exit(int code, const char *why) {
    struct pt_line l;
    log_begin(&l, "exit");
    log_kv(&l, "code", code);
    log_ks(&l, "why", why);
    log_end(&l);
    _exit(code);
}

/* ---- the spec ----------------------------------------------------------------------------- */

static int split_tabs(char *line, char **fields, int max) {
    int n = 0;
    char *p = line;
    while (n < max) {
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = 0;
        p = tab + 1;
    }
    return n;
}

static void spec_error(const char *what, const char *line) {
    fprintf(stderr, "podterm-probe: bad spec line (%s): %s\n", what, line);
    exit(126);
}

static int64_t parse_int(const char *s, const char *line) {
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end) spec_error("not a number", line);
    return v;
}

static void load_spec(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "podterm-probe: cannot open spec %s: %s\n", path, strerror(errno));
        exit(127);
    }
    static char text[65536];
    size_t len = 0;
    for (;;) {
        ssize_t n = read(fd, text + len, sizeof text - 1 - len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        len += (size_t)n;
    }
    close(fd);
    text[len] = 0;

    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || line[0] == 0) continue;
        char copy[512];
        snprintf(copy, sizeof copy, "%s", line);
        char *f[MAX_ARGS + 4];
        int n = split_tabs(line, f, MAX_ARGS + 4);
        if (strcmp(f[0], "name") == 0 && n == 2) {
            snprintf(S.name, sizeof S.name, "%s", f[1]);
        } else if (strcmp(f[0], "signal") == 0 && n >= 3) {
            int sig = (int)parse_int(f[1], copy);
            if (sig < 1 || sig > 64 || sig == SIGKILL || sig == SIGSTOP) spec_error("bad signal", copy);
            struct sigspec *s = &S.sig[sig];
            s->declared = 1;
            if (strcmp(f[2], "default") == 0) {
                s->disp = D_DEFAULT;
            } else if (strcmp(f[2], "ignore") == 0) {
                s->disp = D_IGNORE;
            } else if (strcmp(f[2], "handle") == 0 && n >= 5) {
                s->disp = D_HANDLE;
                s->cleanup_ms = parse_int(f[3], copy);
                if (strcmp(f[4], "exit") == 0 && n == 6) {
                    s->ending = E_EXIT;
                    s->exit_code = (int)parse_int(f[5], copy);
                } else if (strcmp(f[4], "keep") == 0 && n == 5) {
                    s->ending = E_KEEP;
                } else if (strcmp(f[4], "reraise") == 0 && (n == 5 || n == 6)) {
                    s->ending = E_RERAISE;
                    if (n == 6) {
                        s->has_fallback = 1;
                        s->exit_code = (int)parse_int(f[5], copy);
                    }
                } else {
                    spec_error("bad handler ending", copy);
                }
            } else if (strcmp(f[2], "forward") == 0 && n == 8) {
                s->disp = D_HANDLE;
                if (strcmp(f[3], "children") == 0) s->forward = 1;
                else if (strcmp(f[3], "group") == 0) s->forward = 2;
                else spec_error("bad forward target", copy);
                s->wait_ms = parse_int(f[4], copy);
                if (strcmp(f[5], "exit") == 0) s->limit_kill = 0;
                else if (strcmp(f[5], "kill") == 0) s->limit_kill = 1;
                else spec_error("bad forward limit", copy);
                s->ending = E_EXIT;
                s->exit_code = (int)parse_int(f[6], copy);
                s->limit_code = (int)parse_int(f[7], copy);
            } else {
                spec_error("bad disposition", copy);
            }
        } else if (strcmp(f[0], "preset") == 0 && n >= 4) {
            int sig = (int)parse_int(f[1], copy);
            if (sig < 1 || sig > 64 || sig == SIGKILL || sig == SIGSTOP) spec_error("bad signal", copy);
            struct presetspec *p = &S.preset[sig];
            p->declared = 1;
            if (strcmp(f[2], "keep") == 0 && n == 4) {
                p->keep = 1;
                p->respects_ignore = (int)parse_int(f[3], copy);
            } else if (strcmp(f[2], "shutdown") == 0 && n == 8) {
                p->cleanup_ms = parse_int(f[3], copy);
                if (strcmp(f[4], "exit") == 0) p->ending = E_EXIT;
                else if (strcmp(f[4], "reraise") == 0) p->ending = E_RERAISE;
                else spec_error("bad preset ending", copy);
                p->exit_code = (int)parse_int(f[5], copy);
                p->preempts = (int)parse_int(f[6], copy);
                p->respects_ignore = (int)parse_int(f[7], copy);
            } else {
                spec_error("bad preset", copy);
            }
        } else if (strcmp(f[0], "block") == 0 && n >= 4) {
            if (S.nblocks >= MAX_TIMED) spec_error("too many blocks", copy);
            struct blockspec *b = &S.blocks[S.nblocks++];
            b->at_ms = parse_int(f[1], copy);
            b->unblock_ms = parse_int(f[2], copy);
            sigemptyset(&b->set);
            for (int i = 3; i < n; i++) {
                int sig = (int)parse_int(f[i], copy);
                if (sig < 1 || sig > 64 || sig == SIGKILL || sig == SIGSTOP) spec_error("bad signal", copy);
                sigaddset(&b->set, sig);
                b->mask |= (uint64_t)1 << (sig - 1);
            }
        } else if (strcmp(f[0], "send") == 0 && (n == 4 || n == 5)) {
            if (S.nsends >= MAX_TIMED) spec_error("too many sends", copy);
            struct sendspec *d = &S.sends[S.nsends++];
            d->at_ms = parse_int(f[1], copy);
            d->sig = (int)parse_int(f[2], copy);
            if (d->sig < 1 || d->sig > 64) spec_error("bad signal", copy);
            if (strcmp(f[3], "parent") == 0 && n == 4) d->target = ST_PARENT;
            else if (strcmp(f[3], "group") == 0 && n == 4) d->target = ST_GROUP;
            else if (strcmp(f[3], "pid1") == 0 && n == 4) d->target = ST_PID1;
            else if (strcmp(f[3], "name") == 0 && n == 5) {
                d->target = ST_NAME;
                snprintf(d->name, sizeof d->name, "%s", pt_basename(f[4]));
            } else spec_error("bad send target", copy);
        } else if (strcmp(f[0], "runs-for") == 0 && n == 2) {
            S.runs_for_ms = parse_int(f[1], copy);
        } else if (strcmp(f[0], "ballast") == 0 && n == 2) {
            S.ballast_mb = parse_int(f[1], copy);
            if (S.ballast_mb < 0 || S.ballast_mb > 4096) spec_error("bad ballast", copy);
        } else if (strcmp(f[0], "exit-code") == 0 && n == 2) {
            S.exit_code = (int)parse_int(f[1], copy);
        } else if (strcmp(f[0], "reaps") == 0 && n == 2) {
            if (strcmp(f[1], "children") == 0) S.reaps = R_CHILDREN;
            else if (strcmp(f[1], "all") == 0) S.reaps = R_ALL;
            else if (strcmp(f[1], "none") == 0) S.reaps = R_NONE;
            else spec_error("bad reaps", copy);
        } else if (strcmp(f[0], "child") == 0 && n >= 4) {
            if (S.nchildren >= MAX_CHILDREN) spec_error("too many children", copy);
            struct childspec *c = &S.children[S.nchildren++];
            c->setsid = (int)parse_int(f[1], copy);
            c->after_ms = parse_int(f[2], copy);
            int k = 0;
            for (int i = 3; i < n && k < MAX_ARGS; i++) c->argv[k++] = strdup(f[i]);
            c->argv[k] = NULL;
        } else if (strcmp(f[0], "child-closes") == 0 && n >= 2) {
            if (S.nchildren == 0) spec_error("child-closes before any child", copy);
            struct childspec *c = &S.children[S.nchildren - 1];
            for (int i = 1; i < n; i++) {
                if (strcmp(f[i], "stdout") == 0) c->closes_stdout = 1;
                else if (strcmp(f[i], "stderr") == 0) c->closes_stderr = 1;
                else spec_error("bad stream", copy);
            }
        } else {
            spec_error("unknown directive", copy);
        }
    }
}

/* ---- signals ------------------------------------------------------------------------------ */

static void on_signal(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    int saved = errno;
    struct sigrec r = {sig, si ? si->si_pid : 0, si ? si->si_code : 0};
    if (pipe_w >= 0) {
        ssize_t ignored = write(pipe_w, &r, sizeof r);
        (void)ignored;
    }
    errno = saved;
}

static int chld_handler_installed = 0;

static void install_dispositions(void) {
    for (int sig = 1; sig <= 64; sig++) {
        struct sigspec *s = &S.sig[sig];
        if (!s->declared) continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sigemptyset(&sa.sa_mask);
        if (s->disp == D_DEFAULT) {
            sa.sa_handler = SIG_DFL;
        } else if (s->disp == D_IGNORE) {
            sa.sa_handler = SIG_IGN;
        } else {
            sa.sa_sigaction = on_signal;
            sa.sa_flags = SA_SIGINFO | SA_RESTART;
        }
        sigaction(sig, &sa, NULL);
    }
    for (int sig = 1; sig <= 64; sig++) {
        struct presetspec *p = &S.preset[sig];
        if (!p->declared || S.sig[sig].declared) continue;
        struct sigaction old;
        if (p->respects_ignore && sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sigemptyset(&sa.sa_mask);
        sa.sa_sigaction = on_signal;
        sa.sa_flags = SA_SIGINFO | SA_RESTART;
        sigaction(sig, &sa, NULL);
        p->installed = 1;
    }
    /* Waiting for children needs to hear of their deaths: a SIGCHLD handler, unless the
     * scenario declares SIGCHLD itself or the program never waits. */
    int forwards = 0;
    for (int sig = 1; sig <= 64; sig++) forwards |= S.sig[sig].declared && S.sig[sig].forward;
    if ((S.reaps != R_NONE || forwards) && !S.sig[SIGCHLD].declared) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sigemptyset(&sa.sa_mask);
        sa.sa_sigaction = on_signal;
        sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_NOCLDSTOP;
        sigaction(SIGCHLD, &sa, NULL);
        chld_handler_installed = 1;
    }
}

/* ---- timers ------------------------------------------------------------------------------- */

enum tkind { T_NONE = 0, T_RUNS_FOR, T_CHILD, T_HANDLER, T_PRESET, T_BLOCK, T_UNBLOCK, T_SEND, T_FWD_LIMIT };

struct timer {
    enum tkind kind;
    int arg;
    int64_t due;
    long seq;
};

#define MAX_TIMERS (MAX_CHILDREN + 70 + 3 * MAX_TIMED)
static struct timer timers[MAX_TIMERS];
static long timer_seq = 0;

static void add_timer(enum tkind kind, int arg, int64_t due) {
    for (int i = 0; i < MAX_TIMERS; i++) {
        if (timers[i].kind == T_NONE) {
            timers[i] = (struct timer){kind, arg, due, timer_seq++};
            return;
        }
    }
}

/* The due timer scheduled first among the earliest, or -1. */
static int next_timer(void) {
    int best = -1;
    for (int i = 0; i < MAX_TIMERS; i++) {
        if (timers[i].kind == T_NONE) continue;
        if (best < 0 || timers[i].due < timers[best].due ||
            (timers[i].due == timers[best].due && timers[i].seq < timers[best].seq))
            best = i;
    }
    return best;
}

/* ---- children ----------------------------------------------------------------------------- */

static void spawn_child(int index) {
    struct childspec *c = &S.children[index];
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    pid_t pid = fork();
    if (pid == 0) {
        /* Our handlers would write into the parent's pipe until exec: back to default.
         * Ignored dispositions stay ignored, as they do across a real fork and exec. */
        for (int sig = 1; sig <= 64; sig++) {
            if ((S.sig[sig].declared && S.sig[sig].disp == D_HANDLE) || S.preset[sig].installed ||
                (sig == SIGCHLD && chld_handler_installed))
                signal(sig, SIG_DFL);
        }
        close(pipe_r);
        close(pipe_w);
        pipe_w = -1;
        if (c->setsid) setsid();
        if (c->closes_stdout || c->closes_stderr) {
            /* `>/dev/null 2>&1`: the child keeps no copy of what we had there. */
            int null = open("/dev/null", O_WRONLY);
            if (null >= 0) {
                if (c->closes_stdout) dup2(null, 1);
                if (c->closes_stderr) dup2(null, 2);
                if (null > 2) close(null);
            }
        }
        sigprocmask(SIG_SETMASK, &old, NULL);
        execvp(c->argv[0], c->argv);
        int err = errno;
        struct pt_line l;
        log_begin(&l, "exec-failed");
        log_ks(&l, "argv0", c->argv[0]);
        log_kv(&l, "errno", err);
        log_end(&l);
        _exit(127);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (pid < 0) {
        struct pt_line l;
        log_begin(&l, "error");
        log_ks(&l, "what", "fork");
        log_kv(&l, "errno", errno);
        log_end(&l);
        return;
    }
    c->pid = pid;
    struct pt_line l;
    log_begin(&l, "spawn");
    log_kv(&l, "pid", pid);
    log_ks(&l, "argv0", c->argv[0]);
    log_kv(&l, "setsid", c->setsid);
    log_end(&l);
}

static void log_reaped(pid_t pid, int status) {
    struct pt_line l;
    log_begin(&l, "reaped");
    log_kv(&l, "pid", pid);
    log_kv(&l, "status", status);
    log_end(&l);
}

/* A forwarding handler's wait (`signal N forward ...`): its signal, and the children it waits for. */
static int fwd_sig = 0;
static int fwd_limit_hit = 0;
static pid_t fwd_wait[MAX_CHILDREN];
static int fwd_nwait = 0;

static void fwd_check_done(void) {
    for (int i = 0; i < fwd_nwait; i++)
        if (fwd_wait[i] > 0) return;
    struct sigspec *s = &S.sig[fwd_sig];
    die_exit(fwd_limit_hit ? s->limit_code : s->exit_code, fwd_limit_hit ? "forward-limit" : "forward");
}

static void reap_children(void) {
    int status;
    if (fwd_sig) {
        /* The handler's wait loop: waitpid(-1), any child. */
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            for (int i = 0; i < S.nchildren; i++)
                if (S.children[i].pid == pid) S.children[i].pid = -1;
            for (int i = 0; i < fwd_nwait; i++)
                if (fwd_wait[i] == pid) fwd_wait[i] = -1;
            log_reaped(pid, status);
        }
        fwd_check_done();
        return;
    }
    if (S.reaps == R_ALL) {
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            for (int i = 0; i < S.nchildren; i++)
                if (S.children[i].pid == pid) S.children[i].pid = -1;
            log_reaped(pid, status);
        }
    } else if (S.reaps == R_CHILDREN) {
        for (int i = 0; i < S.nchildren; i++) {
            pid_t pid = S.children[i].pid;
            if (pid <= 0) continue;
            if (waitpid(pid, &status, WNOHANG) == pid) {
                S.children[i].pid = -1;
                log_reaped(pid, status);
            }
        }
    }
}

/* ---- behaviour ---------------------------------------------------------------------------- */

static int shutting_down = 0;

/* The preset's shutdown under way: its signal, serial and end (ns); serial 0 = none. */
static int preset_sig = 0;
static int preset_serial = 0;
static int preset_next_serial = 0;
static int64_t preset_ends = 0;

static void handle_preset(const struct sigrec *r, struct presetspec *p) {
    struct pt_line l;
    log_begin(&l, "caught");
    log_kv(&l, "sig", r->sig);
    log_kv(&l, "from", r->pid);
    log_kv(&l, "code", r->code);
    if (p->keep) {
        log_ks(&l, "action", "keep");
        log_kv(&l, "ms", 0);
        log_end(&l);
        return;
    }
    int64_t now = pt_mono_ns();
    int64_t ends = now + p->cleanup_ms * 1000000LL;
    if (preset_serial != 0 && !(p->preempts && ends < preset_ends)) {
        log_ks(&l, "action", "again");
        log_end(&l);
        return;
    }
    preset_serial = ++preset_next_serial;
    preset_sig = r->sig;
    preset_ends = ends;
    log_ks(&l, "action", "cleanup");
    log_kv(&l, "ms", p->cleanup_ms);
    log_end(&l);
    add_timer(T_PRESET, preset_serial * 128 + r->sig, ends);
}

static void handle_signal(const struct sigrec *r) {
    if (r->sig == SIGCHLD && chld_handler_installed) {
        reap_children();
        return;
    }
    if (S.preset[r->sig].installed) {
        handle_preset(r, &S.preset[r->sig]);
        return;
    }
    struct sigspec *s = &S.sig[r->sig];
    if (!s->declared || s->disp != D_HANDLE) return;
    struct pt_line l;
    log_begin(&l, "caught");
    log_kv(&l, "sig", r->sig);
    log_kv(&l, "from", r->pid);
    log_kv(&l, "code", r->code);
    if (shutting_down) {
        log_ks(&l, "action", "again");
        log_end(&l);
        return;
    }
    if (s->forward) {
        shutting_down = 1;
        log_ks(&l, "action", "forward");
        log_kv(&l, "ms", s->wait_ms);
        log_end(&l);
        /* The children it started that still run; collect any already dead first. */
        reap_children();
        fwd_nwait = 0;
        for (int i = 0; i < S.nchildren; i++)
            if (S.children[i].pid > 0) fwd_wait[fwd_nwait++] = S.children[i].pid;
        fwd_sig = r->sig;
        if (s->forward == 2) {
            kill(0, r->sig);
        } else {
            for (int i = 0; i < fwd_nwait; i++) kill(fwd_wait[i], r->sig);
        }
        if (s->wait_ms >= 0 && fwd_nwait > 0) add_timer(T_FWD_LIMIT, r->sig, pt_mono_ns() + s->wait_ms * 1000000LL);
        reap_children(); /* exits now when there is nothing to wait for */
        return;
    }
    if (s->ending == E_KEEP) {
        log_ks(&l, "action", "keep");
        log_kv(&l, "ms", s->cleanup_ms);
        log_end(&l);
        return;
    }
    shutting_down = 1;
    log_ks(&l, "action", "cleanup");
    log_kv(&l, "ms", s->cleanup_ms);
    log_end(&l);
    add_timer(T_HANDLER, r->sig, pt_mono_ns() + s->cleanup_ms * 1000000LL);
}

/* The first live process of our PID namespace (lowest PID there, ourselves excluded) whose
 * comm is `name`, as its PID in our namespace; 0 if none. /proc is the host's. */
static pid_t find_by_name(const char *name) {
    char self_ns[64] = "", buf[512];
    ssize_t n = readlink("/proc/self/ns/pid", self_ns, sizeof self_ns - 1);
    if (n <= 0) return 0;
    self_ns[n] = 0;
    pid_t best = 0;
    DIR *d = opendir("/proc");
    if (!d) return 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        char *end;
        long hp = strtol(e->d_name, &end, 10);
        if (*end || hp <= 0 || hp == host_pid) continue;
        char path[64], ns[64];
        snprintf(path, sizeof path, "/proc/%ld/ns/pid", hp);
        n = readlink(path, ns, sizeof ns - 1);
        if (n <= 0) continue;
        ns[n] = 0;
        if (strcmp(ns, self_ns) != 0) continue;
        snprintf(path, sizeof path, "/proc/%ld/comm", hp);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        n = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n <= 0) continue;
        buf[n] = 0;
        if (buf[n - 1] == '\n') buf[n - 1] = 0;
        if (strncmp(buf, name, 15) != 0 || (strlen(name) < 15 && strlen(buf) != strlen(name))) continue;
        snprintf(path, sizeof path, "/proc/%ld/status", hp);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        n = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n <= 0) continue;
        buf[n] = 0;
        char *st = strstr(buf, "\nState:\t");
        if (st && (st[8] == 'Z' || st[8] == 'X')) continue;
        char *nsl = strstr(buf, "\nNSpid:");
        if (!nsl) continue;
        char *eol = strchr(nsl + 1, '\n');
        if (eol) *eol = 0;
        char *last = strrchr(nsl, '\t');
        if (!last) continue;
        pid_t p = (pid_t)strtol(last + 1, NULL, 10);
        if (p > 0 && (best == 0 || p < best)) best = p;
    }
    closedir(d);
    return best;
}

static void log_mask(const char *event, uint64_t mask) {
    struct pt_line l;
    log_begin(&l, event);
    log_kv(&l, "mask", (int64_t)mask);
    log_end(&l);
}

static void fire(const struct timer *t) {
    switch (t->kind) {
    case T_BLOCK:
        sigprocmask(SIG_BLOCK, &S.blocks[t->arg].set, NULL);
        log_mask("block", S.blocks[t->arg].mask);
        break;
    case T_UNBLOCK:
        log_mask("unblock", S.blocks[t->arg].mask);
        /* What was pending is delivered as this returns (or kills us, by its default). */
        sigprocmask(SIG_UNBLOCK, &S.blocks[t->arg].set, NULL);
        break;
    case T_SEND: {
        struct sendspec *d = &S.sends[t->arg];
        pid_t target = 0;
        switch (d->target) {
        case ST_PARENT: target = getppid(); break;
        case ST_GROUP: target = 0; break;
        case ST_PID1: target = 1; break;
        case ST_NAME: target = find_by_name(d->name); break;
        }
        struct pt_line l;
        log_begin(&l, "send");
        log_kv(&l, "sig", d->sig);
        if (d->target != ST_GROUP && target <= 0) {
            /* No parent in our namespace (getppid() is 0), or no such process: nothing sent. */
            log_kv(&l, "skipped", 1);
            log_end(&l);
            break;
        }
        log_kv(&l, "pid", target);
        log_end(&l);
        kill(target, d->sig);
        break;
    }
    case T_FWD_LIMIT: {
        if (!fwd_sig) break;
        struct sigspec *s = &S.sig[fwd_sig];
        fwd_limit_hit = 1;
        if (!s->limit_kill) die_exit(s->limit_code, "forward-limit");
        for (int i = 0; i < fwd_nwait; i++)
            if (fwd_wait[i] > 0) kill(fwd_wait[i], SIGKILL);
        break;
    }
    case T_RUNS_FOR:
        die_exit(S.exit_code, "runs-for");
        break;
    case T_CHILD:
        spawn_child(t->arg);
        break;
    case T_HANDLER: {
        struct sigspec *s = &S.sig[t->arg];
        if (s->ending == E_EXIT) die_exit(s->exit_code, "handler");
        if (s->ending == E_RERAISE) {
            struct pt_line l;
            log_begin(&l, "reraise");
            log_kv(&l, "sig", t->arg);
            log_end(&l);
            signal(t->arg, SIG_DFL);
            raise(t->arg);
            /* Still here: the signal was discarded (PID 1 with the default disposition). */
            struct pt_line l2;
            log_begin(&l2, "reraise-survived");
            log_kv(&l2, "sig", t->arg);
            log_end(&l2);
            if (s->has_fallback) die_exit(s->exit_code, "after-reraise");
        }
        break;
    }
    case T_PRESET: {
        int serial = t->arg / 128, sig = t->arg % 128;
        if (serial != preset_serial) break;
        struct presetspec *p = &S.preset[sig];
        if (p->ending == E_EXIT) die_exit(p->exit_code, "preset");
        struct pt_line l;
        log_begin(&l, "reraise");
        log_kv(&l, "sig", sig);
        log_end(&l);
        signal(sig, SIG_DFL);
        raise(sig);
        struct pt_line l2;
        log_begin(&l2, "reraise-survived");
        log_kv(&l2, "sig", sig);
        log_end(&l2);
        die_exit(p->exit_code, "after-reraise");
        break;
    }
    case T_NONE:
        break;
    }
}

static long read_host_pid(void) {
    /* /proc is the host's: /proc/self names us by our PID in the host namespace. */
    char buf[64];
    ssize_t n = readlink("/proc/self", buf, sizeof buf - 1);
    if (n <= 0) return 0;
    buf[n] = 0;
    return strtol(buf, NULL, 10);
}

int probe_main(int argc, char **argv) {
    S.runs_for_ms = -1;
    const char *spec_path = NULL;
    char path[PATH_MAX];
    const char *base = pt_basename(argv[0]);
    if (strcmp(base, "podterm-probe") == 0) {
        if (argc > 2 && strcmp(argv[1], "--spec") == 0) {
            spec_path = argv[2];
        } else {
            fprintf(stderr,
                    "usage: podterm-probe --spec FILE [ARGS...]\n"
                    "       podterm-probe --launch --out FILE [--deadline-ms N] -- ARGV...\n"
                    "   or: run through a symlink NAME with $PODTERM_PROBE_DIR/specs/NAME\n");
            return 2;
        }
    } else {
        /* The entry we were run through (AT_EXECFN: the path execve was given, after any
         * PATH search): DIR/bin/NAME or DIR/root/ABS/PATH, whose spec is DIR/specs/... */
        const char *dir = getenv("PODTERM_PROBE_DIR");
        if (!dir) {
            fprintf(stderr, "podterm-probe: %s: PODTERM_PROBE_DIR is not set\n", base);
            return 127;
        }
        const char *execfn = (const char *)getauxval(AT_EXECFN);
        size_t dl = strlen(dir);
        if (execfn && strncmp(execfn, dir, dl) == 0 && execfn[dl] == '/')
            snprintf(path, sizeof path, "%s/specs/%s", dir, execfn + dl + 1);
        else
            snprintf(path, sizeof path, "%s/specs/bin/%s", dir, base);
        spec_path = path;
    }
    snprintf(S.name, sizeof S.name, "%s", base);
    load_spec(spec_path);

    host_pid = read_host_pid();
    const char *log_path = getenv("PODTERM_PROBE_LOG");
    if (log_path) log_fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);

    int p[2];
    if (pipe2(p, O_CLOEXEC | O_NONBLOCK) != 0) {
        perror("podterm-probe: pipe");
        return 126;
    }
    pipe_r = p[0];
    pipe_w = p[1];

    int64_t start = pt_mono_ns();
    install_dispositions();
    {
        struct pt_line l;
        log_begin(&l, "start");
        log_kv(&l, "ppid", getppid());
        log_end(&l);
    }
    /* The mask before the children, which inherit it. */
    for (int i = 0; i < S.nblocks; i++) {
        struct blockspec *b = &S.blocks[i];
        if (b->at_ms == 0) {
            sigprocmask(SIG_BLOCK, &b->set, NULL);
            log_mask("block", b->mask);
        } else {
            add_timer(T_BLOCK, i, start + b->at_ms * 1000000LL);
        }
        if (b->unblock_ms >= 0) add_timer(T_UNBLOCK, i, start + (b->at_ms + b->unblock_ms) * 1000000LL);
    }
    for (int i = 0; i < S.nsends; i++) add_timer(T_SEND, i, start + S.sends[i].at_ms * 1000000LL);
    for (int i = 0; i < S.nchildren; i++) {
        if (S.children[i].after_ms == 0) spawn_child(i);
        else add_timer(T_CHILD, i, start + S.children[i].after_ms * 1000000LL);
    }
    if (S.runs_for_ms >= 0) add_timer(T_RUNS_FOR, 0, start + S.runs_for_ms * 1000000LL);
    if (S.ballast_mb > 0) {
        /* After the first children started, so they do not wait for it. Resident (populated
         * at once), private, freed page by page when the probe dies. */
        size_t size = (size_t)S.ballast_mb << 20;
        void *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (m == MAP_FAILED) log_simple("error");
    }

    for (;;) {
        int t = next_timer();
        int timeout = -1;
        if (t >= 0) {
            int64_t left = timers[t].due - pt_mono_ns();
            if (left <= 0) {
                struct timer due = timers[t];
                timers[t].kind = T_NONE;
                fire(&due);
                continue;
            }
            /* Round up so we never wake before the deadline. */
            int64_t ms = (left + 999999) / 1000000;
            timeout = ms > INT_MAX ? INT_MAX : (int)ms;
        }
        struct pollfd pfd = {pipe_r, POLLIN, 0};
        int n = poll(&pfd, 1, timeout);
        if (n < 0 && errno != EINTR) {
            log_simple("error");
            _exit(126);
        }
        struct sigrec r;
        while (read(pipe_r, &r, sizeof r) == (ssize_t)sizeof r) handle_signal(&r);
        /* A SIGCHLD may have been merged with another: look for dead children every time. */
        if (chld_handler_installed) reap_children();
    }
}
