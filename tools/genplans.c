/* genplans.c — writes N synthetic plan XML documents (urn:vanban:plan:1) for
 * search tests and benchmarks: schools, places, years, signers, criteria and
 * budgets drawn from the seed plans' patterns (plan_pools.h), deterministic
 * for a given seed. Usage: genplans N DIR [SEED]; files go to DIR/dNNN/. */
#include "tools/plan_pools.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

#define PICK(a) (a)[rnd(NELEM(a))]

static void header(FILE *f, long i, int year, unsigned kind, const char *pl)
{
    fprintf(f,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<plan xmlns=\"urn:vanban:plan:1\" version=\"1\" xml:lang=\"vi\">\n"
            "  <source path=\"gen/%07ld.pdf\" sha256=\"%064ld\" format=\"pdf\" ocr=\"none\" "
            "pages=\"3\"/>\n  <header>\n    <authority>PHÒNG GD&amp;ĐT %s</authority>\n"
            "    <issuer>%s %s %s</issuer>\n    <number>%ld/KH-TR</number>\n"
            "    <place>%s</place>\n    <date when=\"%d-09-%02u\">ngày %u tháng 9 năm %d</date>\n"
            "  </header>\n  <title>KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC</title>\n"
            "  <schoolYear from=\"%d\" to=\"%d\">Năm học %d - %d</schoolYear>\n",
            i, i, pl, school_kind[kind], PICK(name_a), PICK(name_b), 1 + i % 300, pl, year,
            10 + (unsigned)(i % 18), 10 + (unsigned)(i % 18), year, year, year + 1, year,
            year + 1);
}

static void purpose_basis(FILE *f, int year, unsigned kind)
{
    fprintf(f, "  <section label=\"I\" ordinal=\"1\" role=\"purpose\">\n"
               "    <heading>MỤC ĐÍCH, YÊU CẦU</heading>\n");
    unsigned n = 2 + rnd(3), first = rnd(NELEM(purpose_pool));
    for (unsigned k = 0; k < n; k++)
        fprintf(f, "    <item label=\"%u\">%s</item>\n", k + 1,
                purpose_pool[(first + k) % NELEM(purpose_pool)]);
    fprintf(f,
            "  </section>\n  <section label=\"II\" ordinal=\"2\" role=\"basis\">\n"
            "    <heading>CĂN CỨ XÂY DỰNG KẾ HOẠCH</heading>\n"
            "    <item label=\"1\">Báo cáo tự đánh giá và báo cáo đánh giá ngoài năm học %d-%d.</item>\n"
            "    <item label=\"2\">Thông tư số %s ngày 22 tháng 8 năm 2018 của Bộ trưởng Bộ Giáo dục "
            "và Đào tạo.<citation kind=\"thong-tu\" number=\"%s\" date=\"2018-08-22\"/></item>\n"
            "  </section>\n",
            year - 1, year, school_kind_tt[kind], school_kind_tt[kind]);
}

static void budget(FILE *f)
{
    unsigned m = 1 + rnd(300), form = rnd(6);
    const char *src = PICK(source_pool);
    switch (form) {
    case 0: fprintf(f, "            <budget>/</budget>\n"); break;
    case 1: fprintf(f, "            <budget amount=\"%u000000\">%u triệu đồng</budget>\n", m, m); break;
    case 2: fprintf(f, "            <budget amount=\"%u000000\">%u tr</budget>\n", m, m); break;
    case 3:
        fprintf(f, "            <budget amount=\"%u000000\" source=\"%s\">%u tr từ %s</budget>\n",
                m, src, m, src);
        break;
    case 4: break; /* no budget cell */
    default:
        fprintf(f, "            <budget amount=\"%u000000\" source=\"xã hội hóa\">Xã hội hóa %u tr"
                   "</budget>\n", m, m);
    }
}

static void criteria(FILE *f, int year)
{
    unsigned char used[NELEM(crit_pool)] = {0};
    unsigned n = 4 + rnd(6);
    for (unsigned k = 0; k < n; k++)
        used[rnd(NELEM(crit_pool))] = 1;
    fprintf(f, "  <section label=\"III\" ordinal=\"3\" role=\"content\">\n"
               "    <heading>NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC</heading>\n"
               "    <improvements>\n      <level label=\"Mức 1, 2, 3\" values=\"1 2 3\">\n");
    char std = 0;
    for (size_t k = 0; k < NELEM(crit_pool); k++) {
        const crit_row *c = &crit_pool[k];
        if (!used[k])
            continue;
        if (c->id[0] != std) {
            fprintf(f, "%s        <standard number=\"%c\">\n          <title>%s</title>\n",
                    std ? "        </standard>\n" : "", c->id[0], c->std_title);
            std = c->id[0];
        }
        unsigned m0 = 1 + rnd(9), m1 = m0 + 1 + rnd(3);
        fprintf(f,
                "          <criterion ids=\"%s\" level=\"%u\">\n"
                "            <target>%s</target>\n            <tasks>%s</tasks>\n"
                "            <lead>%s</lead>\n"
                "            <timeline start=\"%d-%02u\" end=\"%d-%02u\">Tháng %u/%d - Tháng %u/%d"
                "</timeline>\n",
                c->id, 1 + rnd(3), c->target, c->tasks, c->lead, year, m0, year, m1, m0, year,
                m1, year);
        budget(f);
        fprintf(f, "          </criterion>\n");
    }
    fprintf(f, "%s      </level>\n    </improvements>\n  </section>\n",
            std ? "        </standard>\n" : "");
}

static void closing(FILE *f)
{
    fprintf(f, "  <section label=\"IV\" ordinal=\"4\" role=\"organization\">\n"
               "    <heading>TỔ CHỨC THỰC HIỆN</heading>\n"
               "    <role label=\"1\" name=\"Hiệu trưởng - Chủ tịch Hội đồng tự đánh giá\">\n");
    unsigned n = 2 + rnd(3), first = rnd(NELEM(duty_pool));
    for (unsigned k = 0; k < n; k++)
        fprintf(f, "      <duty>%s</duty>\n", duty_pool[(first + k) % NELEM(duty_pool)]);
    fprintf(f,
            "    </role>\n  </section>\n  <recipients>\n"
            "    <recipient purpose=\"để b/c\">Phòng GDĐT</recipient>\n"
            "    <recipient>Lưu VT</recipient>\n  </recipients>\n"
            "  <signature><title>%s</title><name>%s %s %s</name></signature>\n</plan>\n",
            PICK(signer_title), PICK(sur), PICK(mid), PICK(given));
}

static int write_plan(const char *dir, long i)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/d%03ld", dir, i / 1000);
    if (i % 1000 == 0 && mkdir(path, 0755) != 0 && errno != EEXIST)
        return -1;
    snprintf(path, sizeof path, "%s/d%03ld/p%07ld.xml", dir, i / 1000, i);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int year = 2018 + (int)rnd(8);
    unsigned kind = rnd(NELEM(school_kind));
    header(f, i, year, kind, PICK(place));
    purpose_basis(f, year, kind);
    criteria(f, year);
    closing(f);
    return fclose(f);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: genplans N DIR [SEED]\n");
        return 2;
    }
    long n = atol(argv[1]);
    if (argc > 3)
        rng += strtoull(argv[3], NULL, 10) * 2654435761ull;
    if (mkdir(argv[2], 0755) != 0 && errno != EEXIST) {
        perror(argv[2]);
        return 1;
    }
    for (long i = 0; i < n; i++)
        if (write_plan(argv[2], i) != 0) {
            perror(argv[2]);
            return 1;
        }
    return 0;
}
