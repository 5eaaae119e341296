/*
 * Unicode services: NFKC through ICU's normalizer, kana conversion.
 */
#include "unicode.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "utf8.h"

/* UTF-8 → UTF-16 in a heap buffer; *ulen gets the length. */
static UChar *to_u16(const char *s, size_t len, int32_t *ulen)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	u_strFromUTF8(NULL, 0, &n, s, (int32_t)len, &st);
	st = U_ZERO_ERROR;
	UChar *u = pc_xmalloc(((size_t)n + 1) * sizeof(UChar));
	u_strFromUTF8(u, n + 1, &n, s, (int32_t)len, &st);
	if (U_FAILURE(st))
		n = 0;
	*ulen = n;
	return u;
}

static char *to_utf8(pc_arena *a, const UChar *u, int32_t ulen)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	u_strToUTF8(NULL, 0, &n, u, ulen, &st);
	st = U_ZERO_ERROR;
	char *out = pc_arena_alloc(a, (size_t)n + 1);
	u_strToUTF8(out, n + 1, &n, u, ulen, &st);
	if (U_FAILURE(st))
		out[0] = '\0';
	return out;
}

static bool is_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

char *pc_nfkc(pc_arena *a, const char *s, size_t len)
{
	if (is_ascii(s, len)) /* NFKC leaves ASCII alone: skip ICU */
		return pc_arena_strndup(a, s, len);
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
	int32_t ulen;
	UChar *u = to_u16(s, len, &ulen);
	st = U_ZERO_ERROR;
	int32_t cap = ulen * 4 + 16;
	UChar *out = pc_xmalloc((size_t)cap * sizeof(UChar));
	int32_t n = unorm2_normalize(nfkc, u, ulen, out, cap, &st);
	char *r = U_SUCCESS(st) ? to_utf8(a, out, n) : pc_arena_strndup(a, s, len);
	free(u);
	free(out);
	return r;
}

char *pc_nfkc_nospace(pc_arena *a, const char *s, size_t len)
{
	char *n = pc_nfkc(a, s, len);
	char *w = n;
	for (const char *r = n; *r; r++)
		if (*r != ' ' && *r != '\t')
			*w++ = *r;
	*w = '\0';
	return n;
}

/*
 * Katakana → hiragana is a fixed offset in Unicode (ァ U+30A1 … ヶ U+30F6 →
 * ぁ U+3041 … ゖ U+3096; ヽヾ → ゝゞ), which is what ICU's Katakana-Hiragana
 * rules do for these letters. Done here directly: opening an ICU
 * transliterator builds its whole registry (~30 ms, 40% of `plancc check`
 * on a 400-page plan). ヷ–ヺ have no hiragana and stay; ー stays.
 */
char *pc_to_hiragana(pc_arena *a, const char *s, size_t len)
{
	char *out = pc_arena_alloc(a, len + 1), *w = out;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = pc_utf8_decode(s + i, len - i, &cp);
		if (!n) { /* invalid bytes are copied as they are */
			*w++ = s[i++];
			continue;
		}
		if ((cp >= 0x30A1 && cp <= 0x30F6) || cp == 0x30FD || cp == 0x30FE)
			cp -= 0x60;
		w += pc_utf8_encode(cp, w); /* hiragana takes as many bytes */
		i += n;
	}
	*w = '\0';
	return out;
}

void pc_unicode_cleanup(void)
{
}

bool pc_is_wide(uint32_t cp)
{
	if (cp < 0x80)
		return false;
	switch (u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH)) {
	case U_EA_WIDE:
	case U_EA_FULLWIDTH:
	case U_EA_HALFWIDTH:
		return true;
	case U_EA_AMBIGUOUS: /* é and Greek letters are Latin-like; ※ ○ are not */
		return !u_isalnum((UChar32)cp);
	default:
		return false;
	}
}
