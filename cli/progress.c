/* progress.c — one status line on stderr while a batch runs: files done of
 * total, pages, rate, ETA, failures. Drawn only on a terminal. */
#include "cli/batch.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_init(cli_progress *p, size_t total, int enabled)
{
    *p = (cli_progress){.total = total, .start = cli_now()};
    p->tty = enabled && isatty(STDERR_FILENO);
}

static void hms(char *buf, size_t n, double s)
{
    long t = s < 0 ? 0 : (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

void cli_progress_draw(cli_progress *p)
{
    if (!p->tty)
        return;
    double el = cli_now() - p->start;
    size_t worked = p->done - p->skipped;
    double rate = el > 0 ? (double)worked / el : 0;
    char eta[32] = "--:--";
    if (rate > 0 && p->done < p->total)
        hms(eta, sizeof eta, (double)(p->total - p->done) / rate);
    else if (p->done >= p->total)
        hms(eta, sizeof eta, 0);
    fprintf(stderr, "\r\033[K%zu/%zu files  %ld pages  %.1f files/s  ETA %s  failed %zu", p->done,
            p->total, p->pages, rate, eta, p->failed);
    if (p->skipped)
        fprintf(stderr, "  skipped %zu", p->skipped);
    fflush(stderr);
    p->drawn = 1;
}

void cli_progress_clear(cli_progress *p)
{
    if (p->tty && p->drawn) {
        fputs("\r\033[K", stderr);
        p->drawn = 0;
    }
}
