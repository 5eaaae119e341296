/* UTF-8 decoding and the few character classes the parser needs. */
#ifndef PC_UTF8_H
#define PC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Decodes one code point at s (len bytes available). Returns the number of
 * bytes consumed (1..4) and stores the code point in *cp; on an invalid or
 * truncated sequence returns 0 and stores U+FFFD.
 */
size_t pc_utf8_decode_any(const char *s, size_t len, uint32_t *cp);
/* The same, with the two forms of nearly every character of a Japanese
 * plan (ASCII, and the three-byte kana, kanji and punctuation that need
 * no overlong or surrogate check) decoded in line: it is called for every
 * character of the book in every layout pass. */
static inline size_t pc_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len && s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (len >= 3 && ((s[0] >= 0xE1 && s[0] <= 0xEC) || s[0] >= 0xEE) && s[0] <= 0xEF &&
	    (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		return 3;
	}
	return pc_utf8_decode_any(str, len, cp);
}
/* Encodes cp into out (4 bytes room); returns the length. */
size_t pc_utf8_encode(uint32_t cp, char *out);
/*
 * Offset of the first invalid byte of s, or len when all of s is valid
 * UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
 */
size_t pc_utf8_validate(const char *s, size_t len);
/* Number of code points in the first len bytes (invalid bytes count 1). */
size_t pc_utf8_count(const char *s, size_t len);

bool pc_is_kanji(uint32_t cp);
bool pc_is_hiragana(uint32_t cp);
bool pc_is_katakana(uint32_t cp); /* includes ー and ・ */
bool pc_is_ascii_alnum(uint32_t cp);
/* ASCII and U+3000 spaces, tabs. */
bool pc_is_space(uint32_t cp);

/* A code point as UTF-16BE in hex digits, as a PDF text string has it
 * (a surrogate pair above the BMP): writes 4 or 8 characters to out and
 * returns how many. */
static inline size_t pc_utf16be_hex(uint32_t cp, char out[8])
{
	static const char hex[] = "0123456789ABCDEF";
	uint16_t u[2] = {(uint16_t)cp, 0};
	size_t n = 1;
	if (cp > 0xFFFF) {
		cp -= 0x10000;
		u[0] = (uint16_t)(0xD800 + (cp >> 10));
		u[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
		n = 2;
	}
	for (size_t j = 0; j < n; j++)
		for (int k = 0; k < 4; k++)
			out[4 * j + (size_t)k] = hex[u[j] >> (12 - 4 * k) & 15];
	return 4 * n;
}

/* The len bytes of UTF-8 at s as UTF-16BE hex digits (an invalid byte as
 * U+FFFD), as a PDF text string has them between <FEFF and >: out has
 * room for 4 × len characters; returns how many it wrote. */
size_t pc_utf16be_hex_str(const char *s, size_t len, char *out);

#endif
