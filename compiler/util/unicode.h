/* Unicode services from ICU: normalization, kana conversion, collation keys. */
#ifndef PC_UNICODE_H
#define PC_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* NFKC of s (len bytes of valid UTF-8), in the arena. Full-width digits
 * and letters become ASCII, ％ becomes %, U+3000 becomes a space. */
char *pc_nfkc(pc_arena *a, const char *s, size_t len);
/* NFKC with every space (ASCII, U+3000, tab) removed: the form used to
 * match header names and keys. */
char *pc_nfkc_nospace(pc_arena *a, const char *s, size_t len);
/* Katakana → hiragana (as ICU's Katakana-Hiragana does for these letters),
 * keeping ー; other text unchanged. */
char *pc_to_hiragana(pc_arena *a, const char *s, size_t len);

/* True for characters set in Japanese text's full width: East Asian
 * Wide, Fullwidth, Halfwidth (katakana) and the Ambiguous symbols (※ ○ …,
 * which Japanese fonts set wide). Letters such as é or α, digits and ASCII
 * are not. */
bool pc_is_wide(uint32_t cp);
/* Releases cached ICU objects (for leak checkers); none are kept now. */
void pc_unicode_cleanup(void);

#endif
