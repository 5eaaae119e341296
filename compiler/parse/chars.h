/*
 * Character helpers shared by the readers (readers.c, years.c, values.c):
 * decoding that never fails, the spaces every reader skips (ASCII space,
 * TAB, U+3000), digits in both widths, hyphens. All work on a byte range
 * and never read past it.
 */
#ifndef PC_READER_CHARS_H
#define PC_READER_CHARS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../util/arena.h"
#include "../util/utf8.h"

/*
 * Decodes the code point at s[i] (i < len). An invalid byte reads as
 * U+FFFD of length 1, so a scan always advances and never matches it.
 */
static inline size_t dec(const char *s, size_t len, size_t i, uint32_t *cp)
{
	size_t n = pc_utf8_decode(s + i, len - i, cp);
	return n ? n : 1;
}

/* Code point at s[i], or 0 at the end of the range (NUL reads as U+FFFD
 * so that it cannot pass for the end). */
static inline uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp;
	if (i >= len) {
		*n = 0;
		return 0;
	}
	*n = dec(s, len, i, &cp);
	return cp ? cp : 0xFFFD;
}

/* The spaces every reader trims and skips: ASCII space, TAB, U+3000. */
static inline size_t space_at(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (s[i] == ' ' || s[i] == '\t')
		return 1;
	if (len - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3))
		return 3;
	return 0;
}

/* Length of a space ending just before s[end], 0 when none. E3 is never a
 * continuation byte, so E3 80 80 at the end is always a whole U+3000. */
static inline size_t space_before(const char *s, size_t end)
{
	if (end >= 1 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		return 1;
	if (end >= 3 && !memcmp(s + end - 3, "\xE3\x80\x80", 3))
		return 3;
	return 0;
}

static inline size_t skip_spaces(const char *s, size_t len, size_t i)
{
	size_t n;
	while ((n = space_at(s, len, i)))
		i += n;
	return i;
}

static inline size_t rtrim(const char *s, size_t b, size_t e)
{
	size_t n;
	while (e > b && (n = space_before(s, e)))
		e -= n;
	return e;
}

/* Narrows [*b, *e) to its content without surrounding spaces. */
static inline void trim(const char *s, size_t *b, size_t *e)
{
	*b = skip_spaces(s, *e, *b);
	*e = rtrim(s, *b, *e);
}

/* 0..9 for an ASCII or full-width digit, -1 otherwise. */
static inline int digit_of(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (int)(cp - 0xFF10);
	return -1;
}

/* Hyphens seen between the parts of a section number. U+2011 and U+2013
 * are not in the contract's list, but heading.c normalises them too. */
static inline bool is_hyphen(uint32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2212 ||
	       cp == 0xFF0D;
}

static inline bool is_ascii_punct(uint32_t cp)
{
	return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
	       (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E);
}

static inline int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* s[0..len) equals word, ASCII letters compared without case. */
static inline bool eq_nocase(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);
	if (n != len)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ascii_lower((unsigned char)s[i]) != ascii_lower((unsigned char)word[i]))
			return false;
	return true;
}

/*
 * Room for one more element in an arena array. Doubling keeps the copies
 * linear in total; the old blocks stay in the arena (at most twice the
 * final size).
 */
static inline void *grow(pc_arena *a, void *items, size_t len, size_t *cap, size_t size)
{
	if (len < *cap)
		return items;
	size_t ncap = *cap ? *cap * 2 : 4;
	void *n = pc_arena_alloc(a, ncap * size);
	if (len)
		memcpy(n, items, len * size);
	*cap = ncap;
	return n;
}

#endif
