/* replay_main.c — runs a fuzz target's LLVMFuzzerTestOneInput over files
 * named on the command line (the kept crashers in tests/fuzz/regress/ and
 * seeds), built with the ordinary compiler so `make test` and `make asan`
 * replay them without libFuzzer. Prints "N replayed". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* optional in a target, as with libFuzzer */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return -1;
    }
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            unsigned char *p = realloc(buf, cap * 2);
            if (!p)
                break;
            buf = p;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf)
        return -1;
    /* an exact-size copy, as libFuzzer gives */
    unsigned char *exact = malloc(n ? n : 1);
    if (exact) {
        for (size_t i = 0; i < n; i++)
            exact[i] = buf[i];
        LLVMFuzzerTestOneInput(exact, n);
    }
    free(exact);
    free(buf);
    return exact ? 0 : -1;
}

int main(int argc, char **argv)
{
    int n = 0, bad = 0;
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        if (replay(argv[i]) == 0)
            n++;
        else
            bad++;
    }
    printf("%d replayed\n", n);
    return bad ? 1 : 0;
}
