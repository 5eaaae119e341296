/*
 * Which runs of a Japanese text are English: the spans both back ends
 * mark with their language (the site with lang="en", the tagged PDF with
 * /Lang), so that a screen reader switches to an English voice for them
 * (WCAG 3.1.2) and reads the rest in Japanese.
 *
 * The rule (docs/html.md, 「English runs」):
 *   - a run is a stretch of printable ASCII, from its first letter to its
 *     last letter or digit (so "2030 Agenda." gives "Agenda");
 *   - a word is a stretch of ASCII letters (an apostrophe between letters
 *     stays inside: "Let's");
 *   - a run is English when it has at least one prose word: three letters
 *     or more and not an abbreviation. An abbreviation is a word with at
 *     least two capitals and no more small letters than capitals (ICT,
 *     SDGs, IoT, DX) or of one or two letters (AI, km, ha).
 * Abbreviations alone stay Japanese: ICT, NPO, SDGs and the like have
 * become part of Japanese and a Japanese voice reads them as Japanese
 * readers say them (WCAG 3.1.2 leaves such words out); a run that also
 * has prose words ("ICT and AI") is English as a whole. Full-width
 * letters (ＩＣＴ) are Japanese text.
 */
#ifndef PC_MODEL_LANG_H
#define PC_MODEL_LANG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pc_lang_run {
	size_t off, len; /* bytes of the text */
} pc_lang_run;

/*
 * The first English run of s[0..len) that starts at or after byte from.
 * Returns false when there is none. Runs never overlap and never split a
 * UTF-8 sequence (they are ASCII). Linear in the bytes scanned.
 */
bool pc_lang_next_english(const char *s, size_t len, size_t from, pc_lang_run *run);

#endif
