/*
 * The launcher: starts a container's PID 1 in a fresh PID namespace and plays the container
 * runtime's part from outside it, as containerd's shim does.
 *
 *   podterm-probe --launch --out FILE [--deadline-ms N] [--sandbox DIR] [--join NSPATH] [--cgroup DIR] -- ARGV...
 *
 * It unshares a PID namespace and forks: the child is PID 1 of the new namespace, in a new
 * session, with stdin /dev/null and stdout/stderr appended to FILE, and execs ARGV. The
 * launcher stays in the host namespace as its parent and talks over stdin/stdout, one line
 * each way:
 *
 *   -> started HOSTPID NS      PID 1 runs (NS: monotonic ns just before the fork)
 *   <- signal N                send signal N to PID 1 (pidfd_send_signal: no PID reuse race)
 *   -> sent N NS RESULT        RESULT 0, or the errno
 *   <- exec ARG0 TAB ARG1...   run a process inside the namespace, as `runc exec` runs a
 *                              preStop hook: a new session, the launcher as its parent
 *   -> execd HOSTPID NS        it runs (or: error exec-hook ERRNO TEXT)
 *   -> exited STATUS NS        PID 1 was collected; STATUS is waitpid's raw status
 *   -> error WHAT ERRNO TEXT   could not start (exit status 3 when permission is missing)
 *
 * --sandbox DIR: the namespace also gets its own mount namespace in which every mount is
 * read-only except DIR, so the scenario's scripts, run as root, cannot change the host.
 *
 * --join NSPATH: a container of a pod that shares one PID namespace (shareProcessNamespace):
 * instead of a fresh namespace the launcher joins the pod's (setns on NSPATH, the pause
 * process's /proc/PID/ns/pid), and its child, the container's main process, is an ordinary
 * process of it, not PID 1; the launcher, outside, stays its parent, as the shim does.
 * --cgroup DIR: a cgroup directory (made by the caller) for the container: the main process
 * and exec hooks join it before they exec. When the main process has been collected, the
 * launcher SIGKILLs every process left in it before it reports the exit, as containerd's shim
 * does for a container that does not own its PID namespace (runc kill --all; rule
 * containerd.kill-all-on-exit), and says
 *
 *   -> killall N NS            N processes of the cgroup were sent SIGKILL
 *
 * It never leaves processes behind: when stdin reaches EOF (the caller is gone or done) or
 * the deadline passes, it SIGKILLs PID 1, and the kernel kills every other process of the
 * namespace before PID 1 can be collected. PID 1 also gets PR_SET_PDEATHSIG(SIGKILL), so it
 * dies if the launcher itself is killed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mount.h>
#include <time.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif

struct pt_mount_attr {
    uint64_t attr_set;
    uint64_t attr_clr;
    uint64_t propagation;
    uint64_t userns_fd;
};
#define PT_MOUNT_ATTR_RDONLY 0x00000001
#define PT_AT_RECURSIVE 0x8000

/* Every mount read-only, but DIR. */
static int sandbox(const char *dir, const char **what) {
    *what = "make-private";
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) return -1;
    *what = "bind";
    if (mount(dir, dir, NULL, MS_BIND | MS_REC, NULL) != 0) return -1;
    struct pt_mount_attr ro = {PT_MOUNT_ATTR_RDONLY, 0, 0, 0};
    *what = "read-only";
    if (syscall(SYS_mount_setattr, AT_FDCWD, "/", PT_AT_RECURSIVE, &ro, sizeof ro) != 0) return -1;
    struct pt_mount_attr rw = {0, PT_MOUNT_ATTR_RDONLY, 0, 0};
    *what = "writable";
    if (syscall(SYS_mount_setattr, AT_FDCWD, dir, PT_AT_RECURSIVE, &rw, sizeof rw) != 0) return -1;
    return 0;
}

static void say(const char *fmt, ...) {
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0) pt_write_all(STDOUT_FILENO, line, (size_t)n);
}

static void say_error(const char *what, int err) {
    char line[512];
    int n = snprintf(line, sizeof line, "error %s %d %s\n", what, err, strerror(err));
    if (n > 0) pt_write_all(STDOUT_FILENO, line, (size_t)n);
}

/* The container's cgroup.procs: written by each child before it execs, read for kill --all. */
static int cgroup_write_fd = -1;
static int cgroup_read_fd = -1;

/* SIGKILL every process of the cgroup but us, each once; returns how many were signalled. A
 * few passes: a process may fork while we read. One already signalled stays listed while it
 * dies and is not signalled again (a second SIGKILL would be a send runc does not make). */
static int kill_cgroup(void) {
    if (cgroup_read_fd < 0) return 0;
    static pid_t done[4096];
    static int ndone = 0;
    int total = 0;
    for (int pass = 0; pass < 4; pass++) {
        static char buf[65536];
        size_t len = 0;
        if (lseek(cgroup_read_fd, 0, SEEK_SET) != 0) break;
        for (;;) {
            ssize_t k = read(cgroup_read_fd, buf + len, sizeof buf - 1 - len);
            if (k < 0 && errno == EINTR) continue;
            if (k <= 0) break;
            len += (size_t)k;
            if (len >= sizeof buf - 1) break;
        }
        buf[len] = 0;
        int signalled = 0;
        for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
            pid_t p = (pid_t)atoi(line);
            if (p <= 0 || p == getpid()) continue;
            int seen = 0;
            for (int k = 0; k < ndone && !seen; k++) seen = done[k] == p;
            if (seen) continue;
            if (ndone < (int)(sizeof done / sizeof done[0])) done[ndone++] = p;
            if (kill(p, SIGKILL) == 0) signalled++;
        }
        total += signalled;
        if (signalled == 0) break;
        /* Killed processes leave the cgroup as they exit; the next pass finds what forked. */
        struct timespec ts = {0, 2000000};
        nanosleep(&ts, NULL);
    }
    return total;
}

static void close_from(int first) {
    if (syscall(SYS_close_range, (unsigned)first, ~0U, 0) == 0) return;
    long max = sysconf(_SC_OPEN_MAX);
    for (long fd = first; fd < (max > 0 ? max : 1024); fd++) close((int)fd);
}

/* In a freshly forked child about to exec a process of the tree (PID 1, or an exec hook):
 * its own session, default dispositions, an empty signal mask, stdin from /dev/null,
 * output to the log, and the sandbox as its working directory. */
static void prepare_child(int outfd, const char *sandbox_dir) {
    setsid();
    for (int s = 1; s < NSIG; s++) signal(s, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) { dup2(devnull, 0); if (devnull != 0) close(devnull); }
    dup2(outfd, 1);
    dup2(outfd, 2);
    if (sandbox_dir && chdir(sandbox_dir) != 0) { /* stays where it was */ }
    if (cgroup_write_fd >= 0) {
        /* "0": the writer itself. */
        ssize_t ignored = write(cgroup_write_fd, "0\n", 2);
        (void)ignored;
    }
}

int launcher_main(int argc, char **argv) {
    const char *out = "/dev/null";
    const char *sandbox_dir = NULL;
    const char *join = NULL;
    const char *cgroup = NULL;
    long long deadline_ms = 600000;
    int i = 2;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) out = argv[++i];
        else if (strcmp(argv[i], "--deadline-ms") == 0 && i + 1 < argc) deadline_ms = atoll(argv[++i]);
        else if (strcmp(argv[i], "--sandbox") == 0 && i + 1 < argc) sandbox_dir = argv[++i];
        else if (strcmp(argv[i], "--join") == 0 && i + 1 < argc) join = argv[++i];
        else if (strcmp(argv[i], "--cgroup") == 0 && i + 1 < argc) cgroup = argv[++i];
        else if (strcmp(argv[i], "--") == 0) { i++; break; }
        else { fprintf(stderr, "podterm-probe --launch: unknown option %s\n", argv[i]); return 2; }
    }
    if (i >= argc) {
        fprintf(stderr, "podterm-probe --launch: no command after --\n");
        return 2;
    }
    char **cmd = argv + i;

    /* Whatever the caller left open (other launchers' pipes among them) is not ours. */
    close_from(3);
    /* A broken stdout must not kill us before we have cleaned up. */
    signal(SIGPIPE, SIG_IGN);

    if (cgroup) {
        /* Opened before the sandbox makes /sys read-only; the descriptors stay usable. */
        char path[4096];
        snprintf(path, sizeof path, "%s/cgroup.procs", cgroup);
        cgroup_write_fd = open(path, O_WRONLY | O_CLOEXEC);
        cgroup_read_fd = open(path, O_RDONLY | O_CLOEXEC);
        if (cgroup_write_fd < 0 || cgroup_read_fd < 0) {
            say_error("cgroup", errno);
            return errno == EPERM || errno == EACCES ? 3 : 4;
        }
    }
    if (join) {
        /* The pod's namespace: our children are born in it; we stay outside. */
        int nsfd = open(join, O_RDONLY | O_CLOEXEC);
        if (nsfd < 0 || setns(nsfd, CLONE_NEWPID) != 0) {
            int err = errno;
            say_error("join-pid", err);
            return (err == EPERM || err == EACCES) ? 3 : 4;
        }
        close(nsfd);
    }
    if (unshare((join ? 0 : CLONE_NEWPID) | (sandbox_dir ? CLONE_NEWNS : 0)) != 0) {
        int err = errno;
        say_error("unshare-pid", err);
        return (err == EPERM || err == EACCES || err == EINVAL || err == ENOSPC || err == EUSERS) ? 3 : 4;
    }
    if (sandbox_dir) {
        const char *what;
        if (sandbox(sandbox_dir, &what) != 0) {
            int err = errno;
            char label[64];
            snprintf(label, sizeof label, "sandbox-%s", what);
            say_error(label, err);
            return err == EPERM ? 3 : 4;
        }
    }
    int outfd = open(out, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (outfd < 0) {
        say_error("open-out", errno);
        return 4;
    }
    /* The child reports a failed exec through this pipe (closed on a successful exec). */
    int execpipe[2];
    if (pipe2(execpipe, O_CLOEXEC) != 0) {
        say_error("pipe", errno);
        return 4;
    }

    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    int64_t t_fork = pt_mono_ns();
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        sigprocmask(SIG_SETMASK, &old, NULL);
        say_error("fork", err);
        return 4;
    }
    if (pid == 0) {
        /* PID 1 of the new namespace. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        prepare_child(outfd, sandbox_dir);
        execvp(cmd[0], cmd);
        int err = errno;
        ssize_t ignored = write(execpipe[1], &err, sizeof err);
        (void)ignored;
        _exit(127);
    }
    close(execpipe[1]);
    int exec_err = 0;
    ssize_t got;
    do { got = read(execpipe[0], &exec_err, sizeof exec_err); } while (got < 0 && errno == EINTR);
    close(execpipe[0]);
    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (got == (ssize_t)sizeof exec_err) {
        int status;
        waitpid(pid, &status, 0);
        sigprocmask(SIG_SETMASK, &old, NULL);
        say_error("exec", exec_err);
        return 4;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    say("started %d %lld\n", (int)pid, (long long)t_fork);

    int64_t deadline = t_fork + deadline_ms * 1000000LL;
    int stdin_open = 1;
    int killed = 0;
    int hooks = 0; /* exec'd processes not yet collected */
    static char inbuf[16384];
    size_t inlen = 0;
    for (;;) {
        struct pollfd pfd[2];
        int n = 0;
        pfd[n++] = (struct pollfd){pidfd, POLLIN, 0};
        if (stdin_open) pfd[n++] = (struct pollfd){STDIN_FILENO, POLLIN, 0};
        int64_t left = deadline - pt_mono_ns();
        int timeout = killed ? 1000 : (left <= 0 ? 0 : (int)((left + 999999) / 1000000));
        /* Hooks' deaths are noticed by polling (their parent is us, outside the namespace,
         * and PID 1 cannot be collected before they are). */
        if (hooks > 0 && timeout > 5) timeout = 5;
        int r = poll(pfd, (nfds_t)n, pidfd >= 0 ? timeout : 5);
        if (r < 0 && errno != EINTR) break;

        int status;
        pid_t w;
        while ((w = waitpid(-1, &status, WNOHANG)) > 0) {
            if (w == pid) {
                int64_t t_exit = pt_mono_ns();
                if (join && cgroup_read_fd >= 0) {
                    /* The main process was not PID 1: the kernel killed nothing. */
                    int64_t t = pt_mono_ns();
                    int n_killed = kill_cgroup();
                    say("killall %d %lld\n", n_killed, (long long)t);
                }
                say("exited %d %lld\n", status, (long long)t_exit);
                return 0;
            }
            hooks--;
        }
        if (!killed && pt_mono_ns() >= deadline) {
            syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0);
            kill(pid, SIGKILL);
            if (join) kill_cgroup();
            killed = 1;
            continue;
        }
        if (stdin_open && n > 1 && (pfd[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t k = read(STDIN_FILENO, inbuf + inlen, sizeof inbuf - 1 - inlen);
            if (k <= 0) {
                if (k < 0 && errno == EINTR) continue;
                stdin_open = 0;
                if (!killed) {
                    kill(pid, SIGKILL);
                    if (join) kill_cgroup();
                    killed = 1;
                }
                continue;
            }
            inlen += (size_t)k;
            inbuf[inlen] = 0;
            char *nl;
            while ((nl = memchr(inbuf, '\n', inlen)) != NULL) {
                *nl = 0;
                int sig;
                if (sscanf(inbuf, "signal %d", &sig) == 1) {
                    int64_t t = pt_mono_ns();
                    long rc = syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
                    say("sent %d %lld %d\n", sig, (long long)t, rc == 0 ? 0 : errno);
                } else if (strncmp(inbuf, "exec ", 5) == 0 && !killed) {
                    char *args[256];
                    int na = 0;
                    char *save = NULL;
                    for (char *a = strtok_r(inbuf + 5, "\t", &save); a && na < 255; a = strtok_r(NULL, "\t", &save)) args[na++] = a;
                    args[na] = NULL;
                    if (na > 0) {
                        int64_t t = pt_mono_ns();
                        /* Our next child lands in the namespace we unshared, as PID n > 1. */
                        pid_t h = fork();
                        if (h == 0) {
                            prepare_child(outfd, sandbox_dir);
                            execvp(args[0], args);
                            _exit(127);
                        }
                        if (h < 0) {
                            say_error("exec-hook", errno);
                        } else {
                            hooks++;
                            say("execd %d %lld\n", (int)h, (long long)t);
                        }
                    }
                }
                size_t used = (size_t)(nl - inbuf) + 1;
                memmove(inbuf, nl + 1, inlen - used);
                inlen -= used;
            }
            if (inlen >= sizeof inbuf - 1) inlen = 0;
        }
    }
    kill(pid, SIGKILL);
    if (join) kill_cgroup();
    int status;
    waitpid(pid, &status, 0);
    say("exited %d %lld\n", status, (long long)pt_mono_ns());
    return 0;
}
