#include "CPodTermSignals.h"
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t quit_signal = 0;

static void on_quit_signal(int sig) { quit_signal = sig; }

static const int quit_signals[] = { SIGINT, SIGTERM, SIGHUP };

void pt_install_quit_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_quit_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: a blocked read returns EINTR
    for (unsigned i = 0; i < sizeof quit_signals / sizeof quit_signals[0]; i++) sigaction(quit_signals[i], &sa, NULL);
}

int pt_quit_signal(void) { return quit_signal; }

void pt_restore_default_handlers(void) {
    for (unsigned i = 0; i < sizeof quit_signals / sizeof quit_signals[0]; i++) signal(quit_signals[i], SIG_DFL);
}
