/* syllable.h — the Vietnamese syllable inventory (onset + rhyme + tone) and
 * letter helpers, used by encoding detection and tone style; the diacritic
 * restorer may reuse them. Pure functions, thread-safe. */
#ifndef VB_SYLLABLE_H
#define VB_SYLLABLE_H

#include <stddef.h>
#include <stdint.h>

/* Tone marks, in the traditional order. */
enum { VB_MARK_NONE = 0, VB_MARK_ACUTE, VB_MARK_GRAVE, VB_MARK_HOOK, VB_MARK_TILDE, VB_MARK_DOT };

/* 1 if utf8[0..n) (one word, NFC; lower, Title or CAPS — where toned
 * vowels may be lowercase, as TCVN3 writes them) is a valid syllable:
 * a known onset, a known rhyme, at most one tone, and a checked ending
 * (-c -ch -p -t) only with the acute or dot tone. */
int vb_syllable_valid(const char *utf8, size_t n);

/* Splits a vowel letter into its toneless base (case kept: ấ → â, Ự → Ư)
 * and tone. Returns 1 for a Vietnamese vowel, 0 otherwise (base = cp). */
int vb_letter_split(uint32_t cp, uint32_t *base, int *tone);
/* The letter base + tone (ư + VB_MARK_DOT → ự), or 0 if there is none. */
uint32_t vb_letter_join(uint32_t base, int tone);

/* How Vietnamese a text looks: words (letter runs), valid syllables among
 * them, and odd characters (controls, U+FFFD, stray symbols typical of a
 * wrong decoding). Single ASCII capitals are not counted. */
typedef struct vb_syl_stats {
    long words, valid, odd;
    long marked;    /* valid syllables with a Vietnamese letter beyond ASCII */
    int lower_in_caps;  /* in: accept toned lowercase letters inside CAPS
                           words (TCVN3 has no code for most toned capitals) */
} vb_syl_stats;

/* Adds the counts of utf8[0..n) to st. */
void vb_syllable_stats_add(vb_syl_stats *st, const char *utf8, size_t n);
/* (valid + marked) / (words + marked + odd): marked syllables count twice;
 * 0 when there is nothing to count. */
double vb_syllable_score(const vb_syl_stats *st);

#endif
