/* test_batch.c — cli/walk.c and cli/report.c: the walk's listing (order,
 * relative paths, loops, special files), the shard hash, JSON strings. */
/* cmocka needs these before it */
// clang-format off
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
// clang-format on
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/batch.h"

static char *json(const char *s)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    cli_json_string(f, s);
    fclose(f);
    return buf;
}

static void json_escapes(void **state)
{
    (void)state;
    char *j = json("a\"b\\c\n\x01 kế hoạch");
    assert_string_equal(j, "\"a\\\"b\\\\c\\u000a\\u0001 kế hoạch\"");
    free(j);
    j = json("bad \xC3\x28 \xFF \xED\xA0\x80 end"); /* invalid, surrogate */
    assert_string_equal(j, "\"bad \\ufffd( \\ufffd \\ufffd\\ufffd\\ufffd end\"");
    free(j);
}

static void shard_hash_is_stable(void **state)
{
    (void)state;
    /* SHA-256 of the relative path, first 64 bits, mod N: fixed forever */
    assert_int_equal(cli_shard_of("a.txt", 2), 1);
    assert_int_equal(cli_shard_of("a.txt", 3), 2);
    assert_int_equal(cli_shard_of("kế hoạch.txt", 2), 0);
    assert_int_equal(cli_shard_of("anything", 1), 0);
}

static void touch(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("x\n", f);
    fclose(f);
}

static const cli_input *find(const cli_inputs *in, const char *rel)
{
    for (size_t i = 0; i < in->n; i++)
        if (strcmp(in->v[i].rel, rel) == 0)
            return &in->v[i];
    return NULL;
}

static void walk_lists_tree(void **state)
{
    (void)state;
    char root[] = "/tmp/vb-walk.XXXXXX", p[256];
    assert_non_null(mkdtemp(root));
    snprintf(p, sizeof p, "%s/b dir", root), mkdir(p, 0777);
    snprintf(p, sizeof p, "%s/b dir/z.txt", root), touch(p);
    snprintf(p, sizeof p, "%s/a.txt", root), touch(p);
    snprintf(p, sizeof p, "%s/b dir/loop", root), assert_int_equal(symlink("..", p), 0);
    snprintf(p, sizeof p, "%s/gone", root), assert_int_equal(symlink("nowhere", p), 0);
    snprintf(p, sizeof p, "%s/pipe", root), assert_int_equal(mkfifo(p, 0644), 0);
    cli_inputs in = {0};
    snprintf(p, sizeof p, "%s/", root); /* a trailing slash changes nothing */
    assert_int_equal(cli_walk(p, 0, 0, 0, &in), 0);
    assert_int_equal(in.n, 5);
    assert_string_equal(in.v[0].rel, "a.txt"); /* sorted by name */
    assert_null(in.v[0].err);
    const cli_input *x = find(&in, "b dir/z.txt");
    assert_non_null(x);
    assert_null(x->err);
    assert_non_null(x = find(&in, "b dir/loop"));
    assert_non_null(strstr(x->err, "folder loop"));
    assert_non_null(x = find(&in, "gone"));
    assert_non_null(strstr(x->err, "broken link"));
    assert_non_null(x = find(&in, "pipe"));
    assert_non_null(strstr(x->err, "named pipe"));
    cli_inputs_free(&in);
    /* a file root is named by its base name */
    snprintf(p, sizeof p, "%s/a.txt", root);
    assert_int_equal(cli_walk(p, 0, 0, 0, &in), 0);
    assert_int_equal(in.n, 1);
    assert_string_equal(in.v[0].rel, "a.txt");
    cli_inputs_free(&in);
    /* with several PATHs, a folder's files are named below its own name */
    snprintf(p, sizeof p, "%s/b dir/", root);
    assert_int_equal(cli_walk(p, 1, 0, 0, &in), 0);
    assert_non_null(find(&in, "b dir/z.txt"));
    cli_inputs_free(&in);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_escapes),
        cmocka_unit_test(shard_hash_is_stable),
        cmocka_unit_test(walk_lists_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
