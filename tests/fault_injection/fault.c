/*
 * A fault injector for the crash tests, loaded into the real binary with
 * LD_PRELOAD: it stands between the program and the C library's rename()
 * and linkat(), the two calls that put the app's files into place.
 *
 *   ESW_FAULT=CALL:SUFFIX:N:ACTION   on the N-th CALL (1-based, counted over
 *                                    the whole process) whose target path
 *                                    ends with SUFFIX, do ACTION:
 *                                    kill (SIGKILL), enospc or eio (fail
 *                                    with that error, changing nothing)
 *   ESW_FAULT_LOG=FILE               append "CALL TARGET" for every call
 *
 * The count is process-wide and the ceremony's file writes happen one
 * after another, so the same N hits the same write in every run.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_int matched;

static int ends_with(const char *s, const char *suffix) {
    size_t ls = strlen(s), lf = strlen(suffix);
    return ls >= lf && strcmp(s + ls - lf, suffix) == 0;
}

static void log_call(const char *call, const char *target) {
    const char *path = getenv("ESW_FAULT_LOG");
    if (!path) return;
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0600);
    if (fd < 0) return;
    dprintf(fd, "%s %s\n", call, target);
    close(fd);
}

/* 0: go on; otherwise the errno to fail with (after a kill, never returns). */
static int fault(const char *call, const char *target) {
    log_call(call, target);
    const char *spec = getenv("ESW_FAULT");
    if (!spec) return 0;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", spec);
    char *want = strtok(buf, ":");
    char *suffix = strtok(NULL, ":");
    char *nth = strtok(NULL, ":");
    char *action = strtok(NULL, ":");
    if (!want || !suffix || !nth || !action) return 0;
    if (strcmp(want, call) != 0 || !ends_with(target, suffix)) return 0;
    if (atomic_fetch_add(&matched, 1) + 1 != atoi(nth)) return 0;
    if (strcmp(action, "kill") == 0) {
        raise(SIGKILL);
    }
    if (strcmp(action, "enospc") == 0) return ENOSPC;
    if (strcmp(action, "eio") == 0) return EIO;
    return 0;
}

int rename(const char *from, const char *to) {
    int e = fault("rename", to);
    if (e) {
        errno = e;
        return -1;
    }
    int (*real)(const char *, const char *) = dlsym(RTLD_NEXT, "rename");
    return real(from, to);
}

int linkat(int fromdir, const char *from, int todir, const char *to, int flags) {
    int e = fault("linkat", to);
    if (e) {
        errno = e;
        return -1;
    }
    int (*real)(int, const char *, int, const char *, int) = dlsym(RTLD_NEXT, "linkat");
    return real(fromdir, from, todir, to, flags);
}
