/*
 * podterm-probe — the stand-in for an application under `podterm verify`, and the launcher
 * that starts a container's PID 1 in a fresh PID namespace.
 *
 *   podterm-probe --launch --out FILE [--deadline-ms N] [--sandbox DIR] [--join NSPATH] [--cgroup DIR] -- ARGV...
 *       the launcher (launcher.c): see there.
 *   podterm-probe --spec FILE [ARGS...]
 *       a probe with the behaviour in FILE (probe.c).
 *   NAME [ARGS...]   (a copy of the probe, run as $PODTERM_PROBE_DIR/bin/NAME or
 *                     $PODTERM_PROBE_DIR/root/PATH)
 *       a probe with the behaviour in $PODTERM_PROBE_DIR/specs/bin/NAME or specs/root/PATH.
 */
#include <string.h>

#include "common.h"

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--launch") == 0) return launcher_main(argc, argv);
    return probe_main(argc, argv);
}
