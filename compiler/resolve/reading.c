/*
 * Readings (docs/format.md §6): the kana that sort a term in the index. Given
 * readings are normalised; kana and Latin terms get theirs derived.
 */
#include <string.h>

#include "../util/unicode.h"
#include "../util/utf8.h"
#include "resolve.h"

/* Characters a reading may hold besides kana. */
static bool reading_extra(uint32_t cp)
{
	return cp == 0x30FC /* ー */ || cp == 0x30FB /* ・ */ || cp == 0x309B || cp == 0x309C ||
	       cp == ' ' || cp == 0x3000 || cp == '-' || cp == 0x301C /* 〜 */;
}

static bool all_kana(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = pc_utf8_decode(s + i, len - i, &cp);
		if (!n)
			return false;
		if (!pc_is_hiragana(cp) && !pc_is_katakana(cp) && !reading_extra(cp))
			return false;
		i += n;
	}
	return true;
}

static bool has_kanji(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = pc_utf8_decode(s + i, len - i, &cp);
		if (n && pc_is_kanji(cp))
			return true;
		i += n ? n : 1;
	}
	return false;
}

static char *without_spaces(char *s)
{
	char *w = s;
	for (const char *r = s; *r; r++)
		if (*r != ' ' && *r != '\t')
			*w++ = *r;
	*w = '\0';
	return s;
}

pc_reading pc_reading_of(pc_arena *a, const char *text, const char *given)
{
	pc_reading r = {0};
	if (given && *given) {
		char *n = pc_nfkc(a, given, strlen(given));
		r.bad_given = !all_kana(n);
		r.reading = without_spaces(pc_to_hiragana(a, n, strlen(n)));
		return r;
	}
	char *n = pc_nfkc(a, text, strlen(text));
	if (has_kanji(n))
		return r;
	r.reading = without_spaces(pc_to_hiragana(a, n, strlen(n)));
	r.derived = true;
	return r;
}
