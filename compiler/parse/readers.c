/*
 * Readers for the small languages that live inside text (FORMAT.md §2–§5):
 * heading numbers and {…} attributes, table rows, header names, era years,
 * indicator values and directions.
 *
 * Every reader works on a byte range and never reads past it, so the
 * parser can hand it a piece of a line. Invalid UTF-8 reads as single
 * bytes that match nothing. Each reader makes one pass with at most a few
 * characters of look-ahead and no recursion, so hostile input (a megabyte
 * of '{' or digits) costs linear time and no more memory than its result.
 */
#include "readers.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../util/unicode.h"
#include "../util/utf8.h"

/* ---- Characters ---- */

/*
 * Decodes the code point at s[i] (i < len). An invalid byte reads as
 * U+FFFD of length 1, so a scan always advances and never matches it.
 */
static size_t dec(const char *s, size_t len, size_t i, uint32_t *cp)
{
	size_t n = pc_utf8_decode(s + i, len - i, cp);
	return n ? n : 1;
}

/* Code point at s[i], or 0 at the end of the range (NUL reads as U+FFFD
 * so that it cannot pass for the end). */
static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
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
static size_t space_at(const char *s, size_t len, size_t i)
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
static size_t space_before(const char *s, size_t end)
{
	if (end >= 1 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		return 1;
	if (end >= 3 && !memcmp(s + end - 3, "\xE3\x80\x80", 3))
		return 3;
	return 0;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	size_t n;
	while ((n = space_at(s, len, i)))
		i += n;
	return i;
}

static size_t rtrim(const char *s, size_t b, size_t e)
{
	size_t n;
	while (e > b && (n = space_before(s, e)))
		e -= n;
	return e;
}

/* Narrows [*b, *e) to its content without surrounding spaces. */
static void trim(const char *s, size_t *b, size_t *e)
{
	*b = skip_spaces(s, *e, *b);
	*e = rtrim(s, *b, *e);
}

/* 0..9 for an ASCII or full-width digit, -1 otherwise. */
static int digit_of(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (int)(cp - 0xFF10);
	return -1;
}

/* Hyphens seen between the parts of a section number. U+2011 and U+2013
 * are not in the contract's list, but heading.c normalises them too. */
static bool is_hyphen(uint32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2212 ||
	       cp == 0xFF0D;
}

static bool is_ascii_punct(uint32_t cp)
{
	return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
	       (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E);
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* s[0..len) equals word, ASCII letters compared without case. */
static bool eq_nocase(const char *s, size_t len, const char *word)
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
static void *grow(pc_arena *a, void *items, size_t len, size_t *cap, size_t size)
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

/* ---- Attributes ---- */

/* End of a bare word: the next space or the end. */
static size_t word_end(const char *s, size_t len, size_t i)
{
	while (i < len && !space_at(s, len, i))
		i++;
	return i;
}

static void attr_error(bool *ok, const char **err, size_t *err_off, const char *why, size_t off)
{
	/* The first problem is the one reported; later ones are often its
	 * consequences. */
	if (*ok) {
		*err = why;
		*err_off = off;
	}
	*ok = false;
}

/*
 * Reads the value after '=' at s[i]: quoted up to the next '"' (no escapes;
 * a value cannot hold '"'), or bare up to a space. Returns the offset after
 * it; *vb and *ve get the value without quotes. An unclosed quote returns len
 * and sets *unclosed.
 */
static size_t attr_value(const char *s, size_t len, size_t i, size_t *vb, size_t *ve,
                         bool *unclosed)
{
	*unclosed = false;
	if (i < len && s[i] == '"') {
		const char *q = memchr(s + i + 1, '"', len - i - 1);
		if (!q) {
			*unclosed = true;
			*vb = i + 1;
			*ve = len;
			return len;
		}
		*vb = i + 1;
		*ve = (size_t)(q - s);
		return *ve + 1;
	}
	*vb = i;
	*ve = word_end(s, len, i);
	return *ve;
}

bool pc_attrs_parse(pc_arena *a, const char *s, size_t len, pc_attrs *out, const char **err,
                    size_t *err_off)
{
	const char *err_dummy;
	size_t off_dummy;
	if (!err)
		err = &err_dummy;
	if (!err_off)
		err_off = &off_dummy;
	memset(out, 0, sizeof *out);
	*err = NULL;
	*err_off = 0;
	bool ok = true;
	size_t ccap = 0, kcap = 0;
	size_t i = 0;
	while ((i = skip_spaces(s, len, i)) < len) {
		if (s[i] == '#' || s[i] == '.') {
			size_t e = word_end(s, len, i + 1);
			if (e == i + 1) {
				attr_error(&ok, err, err_off,
				           s[i] == '#' ? "「#」の後に ID がありません"
				                       : "「.」の後にクラス名がありません",
				           i);
			} else if (s[i] == '#') {
				/* A second #id replaces the first, as a
				 * later key=value would. */
				out->id = pc_arena_strndup(a, s + i + 1, e - i - 1);
				out->id_off = i;
			} else {
				out->classes = grow(a, out->classes, out->nclasses, &ccap,
				                    sizeof *out->classes);
				out->classes[out->nclasses++] =
				    pc_arena_strndup(a, s + i + 1, e - i - 1);
			}
			i = e;
			continue;
		}
		size_t k = i;
		while (k < len && s[k] != '=' && !space_at(s, len, k))
			k++;
		size_t vb = k, ve = k, next = k;
		bool unclosed = false;
		if (k < len && s[k] == '=')
			next = attr_value(s, len, k + 1, &vb, &ve, &unclosed);
		if (unclosed) {
			attr_error(&ok, err, err_off, "引用符「\"」が閉じていません", k + 1);
		} else if (k == i) {
			/* "=x": the value is skipped whole (quotes and all)
			 * so that reading resumes at the next item. */
			attr_error(&ok, err, err_off, "「=」の前にキーがありません", i);
		} else {
			/* A bare word (no '=') is a key with an empty
			 * value: the caller warns about keys it does not
			 * know, which is more helpful than a syntax error. */
			out->kv = grow(a, out->kv, out->nkv, &kcap, sizeof *out->kv);
			pc_attr *kv = &out->kv[out->nkv++];
			kv->key = pc_arena_strndup(a, s + i, k - i);
			kv->value = pc_arena_strndup(a, s + vb, ve - vb);
			kv->pos.file = NULL;
			kv->pos.line = 0;
			kv->pos.col = (unsigned)i;
		}
		i = next;
	}
	return ok;
}

bool pc_heading_attr_block(const char *s, size_t len, size_t *open, size_t *close)
{
	size_t end = rtrim(s, 0, len);
	if (!end || s[end - 1] != '}')
		return false;
	size_t c = end - 1;
	/*
	 * Backwards from the final '}': the first '{' outside quotes opens
	 * the block. Scanning backwards finds it in one pass whatever the
	 * title before it holds (braces, stray quotes).
	 */
	bool quoted = false;
	for (size_t i = c; i-- > 0;) {
		if (s[i] == '"') {
			quoted = !quoted;
		} else if (!quoted && s[i] == '{') {
			*open = i;
			*close = c;
			return true;
		} else if (!quoted && s[i] == '}') {
			return false;
		}
	}
	/*
	 * Unbalanced quotes ({key="a}): take the nearest '{' anyway, so that
	 * the attribute reader reports the unclosed quote rather than the
	 * block silently staying in the title.
	 */
	for (size_t i = c; i-- > 0;) {
		if (s[i] == '{') {
			*open = i;
			*close = c;
			return true;
		}
		if (s[i] == '}')
			return false;
	}
	return false;
}

/* ---- Heading numbers ---- */

static bool is_circled(uint32_t cp)
{
	return (cp >= 0x2460 && cp <= 0x2473) || /* ①..⑳ */
	       (cp >= 0x2474 && cp <= 0x2487) || /* ⑴..⒇ */
	       (cp >= 0x2488 && cp <= 0x249B);   /* ⒈..⒛ */
}

static int circled_value(uint32_t cp)
{
	if (cp >= 0x2460 && cp <= 0x2473)
		return (int)(cp - 0x2460) + 1;
	if (cp >= 0x2474 && cp <= 0x2487)
		return (int)(cp - 0x2474) + 1;
	return (int)(cp - 0x2488) + 1;
}

/* 一..九 and 十 as used in 第三章, 第十二節; -1 otherwise. */
static int kanji_digit(uint32_t cp)
{
	static const uint32_t ds[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
	                              0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341};
	for (int k = 0; k < 11; k++)
		if (ds[k] == cp)
			return k; /* 十 is 10 */
	return -1;
}

/* Units after 第N: 章 節 部 編 項 款 条 回 期. */
static bool is_dai_unit(uint32_t cp)
{
	static const uint32_t us[] = {0x7AE0, 0x7BC0, 0x90E8, 0x7DE8, 0x9805,
	                              0x6B3E, 0x6761, 0x56DE, 0x671F};
	for (size_t k = 0; k < sizeof us / sizeof us[0]; k++)
		if (us[k] == cp)
			return true;
	return false;
}

#define CP_DAI 0x7B2C /* 第 */

static bool is_open_round(uint32_t cp)
{
	return cp == '(' || cp == 0xFF08;
}

static bool is_close_round(uint32_t cp)
{
	return cp == ')' || cp == 0xFF09;
}

/* Hyphens and points between the parts of a section number: the hyphen
 * forms of the contract and those word processors and IMEs type (‑ – — ―
 * and the long vowel mark ー, which looks the same in Japanese fonts). */
static bool is_number_joiner(uint32_t cp)
{
	return is_hyphen(cp) || cp == 0x2014 || cp == 0x2015 || cp == 0x30FC || cp == '.' ||
	       cp == 0xFF0E;
}

/* The digits of a number with joiners only between digits (5-10-1-33),
 * so that "7- x" or "7-a" ends at 7. Returns the offset after them. */
static size_t number_digits(const char *s, size_t len, size_t i)
{
	size_t n;
	uint32_t cp = cp_at(s, len, i, &n);
	for (;;) {
		while (digit_of(cp) >= 0) {
			i += n;
			cp = cp_at(s, len, i, &n);
		}
		if (!is_number_joiner(cp))
			return i;
		size_t n2;
		uint32_t after = cp_at(s, len, i + n, &n2);
		if (digit_of(after) < 0)
			return i;
		i += n;
		cp = after;
		n = n2;
	}
}

/* A token that ends by itself (第1章, （2）, ①): the title may follow at
 * once or after spaces. */
static size_t token_ends_itself(const char *s, size_t len, size_t i, size_t *title_off)
{
	*title_off = skip_spaces(s, len, i);
	return i;
}

/* 第 + digits or kanji numerals + an optional unit (第1章, 第三節). */
static size_t dai_number(const char *s, size_t len, size_t i, size_t *title_off)
{
	size_t n, b = i;
	uint32_t cp = cp_at(s, len, i, &n);
	if (digit_of(cp) >= 0) {
		i = number_digits(s, len, i);
	} else {
		while (kanji_digit(cp) >= 0) {
			i += n;
			cp = cp_at(s, len, i, &n);
		}
	}
	if (i == b)
		return 0;
	cp = cp_at(s, len, i, &n);
	if (is_dai_unit(cp))
		return token_ends_itself(s, len, i + n, title_off);
	/* 第1 総論: without a unit a space must follow, as for digits. */
	if (!space_at(s, len, i))
		return 0;
	*title_off = skip_spaces(s, len, i);
	return i;
}

/* (1), （２）: one to three digits in round brackets. */
static size_t bracket_number(const char *s, size_t len, size_t i, size_t *title_off)
{
	size_t n, b = i;
	uint32_t cp = cp_at(s, len, i, &n);
	while (digit_of(cp) >= 0 && i - b < 9) {
		i += n;
		cp = cp_at(s, len, i, &n);
	}
	if (i == b || !is_close_round(cp))
		return 0;
	return token_ends_itself(s, len, i + n, title_off);
}

size_t pc_heading_number(const char *s, size_t len, size_t *title_off)
{
	size_t n, i = 0;
	*title_off = 0;
	uint32_t cp = cp_at(s, len, 0, &n);
	if (is_circled(cp))
		return token_ends_itself(s, len, n, title_off);
	if (is_open_round(cp))
		return bracket_number(s, len, n, title_off);
	if (cp == CP_DAI) {
		size_t t = dai_number(s, len, n, title_off);
		if (t)
			return t;
	}
	/* The prefix: up to 8 characters before the first digit (経, 基本目標,
	 * 重点プロジェクト). */
	for (int prefix = 0; digit_of(cp) < 0; prefix++) {
		if (prefix == 8 || !cp || cp == 0xFFFD || cp < 0x20 || pc_is_space(cp) ||
		    is_ascii_punct(cp) || is_open_round(cp) || is_close_round(cp))
			return 0;
		i += n;
		cp = cp_at(s, len, i, &n);
	}
	i = number_digits(s, len, i);
	/* "1. はじめに", "1) 趣旨": a point or bracket closing the number. */
	cp = cp_at(s, len, i, &n);
	if ((cp == '.' || cp == 0xFF0E || cp == ')' || cp == 0xFF09) && space_at(s, len, i + n))
		i += n;
	/* "2030年", "1.5倍": a digit run not followed by a space is part of the
	 * title, not a number. */
	if (!space_at(s, len, i))
		return 0;
	*title_off = skip_spaces(s, len, i);
	return i;
}

/* Numbering words before the digits that the id may drop: the number is
 * the digits ("基本目標3" is the third 基本目標 as "3" is the third chapter).
 * Other prefixes (経1-1) name a series of their own and keep the ordinal id. */
static const char *const numbering_words[] = {
    "第",           "基本目標", "基本方針", "基本施策", "基本政策", "政策",
    "施策",         "目標",     "分野",     "重点施策", "重点目標", "重点プロジェクト",
    "プロジェクト", "方針",     "戦略",     "取組",     "柱",
};

/* Kanji numerals up to 99 (三, 十, 十二, 二十三); *i moves past them.
 * Returns 0 when there are none or the value is out of range. */
static int kanji_number(const char *s, size_t e, size_t *i)
{
	int total = 0, cur = 0, d;
	size_t n;
	bool any = false;
	while (*i < e && (d = kanji_digit(cp_at(s, e, *i, &n))) >= 0) {
		if (d == 10) {
			total += (cur ? cur : 1) * 10;
			cur = 0;
		} else {
			cur = cur * 10 + d;
		}
		if (total + cur > 99)
			return 0;
		any = true;
		*i += n;
	}
	return any ? total + cur : 0;
}

/* The end of the number without closing round brackets: "(2)" → "(2". */
static size_t without_close_round(const char *s, size_t len)
{
	if (len >= 1 && s[len - 1] == ')')
		return len - 1;
	if (len >= 3 && !memcmp(s + len - 3, "\xEF\xBC\x89", 3)) /* ） */
		return len - 3;
	return len;
}

/* A character that may end a number without being part of its key: the
 * unit of 第1章, the point of "1." and the bracket of "1)". */
static bool is_number_end(uint32_t cp)
{
	return is_dai_unit(cp) || cp == '.' || cp == 0xFF0E || is_close_round(cp);
}

const char *pc_number_key(pc_arena *a, const char *number)
{
	if (!number || !*number)
		return NULL;
	size_t len = strlen(number), n;
	uint32_t cp = cp_at(number, len, 0, &n);
	if (is_circled(cp) && n == len)
		return pc_arena_printf(a, "%d", circled_value(cp));
	char *out = pc_arena_alloc(a, len + 4), *w = out;
	size_t i = 0, e = len;
	if (is_open_round(cp)) { /* (2), （２）: the brackets go */
		i = n;
		e = without_close_round(number, len);
	}
	for (size_t k = 0; k < sizeof numbering_words / sizeof numbering_words[0]; k++) {
		size_t wl = strlen(numbering_words[k]);
		if (e - i > wl && !memcmp(number + i, numbering_words[k], wl)) {
			i += wl;
			break;
		}
	}
	bool any = false;
	int kv = kanji_number(number, e, &i);
	if (kv) {
		w += sprintf(w, "%d", kv);
		any = true;
	}
	while (i < e) {
		cp = cp_at(number, e, i, &n);
		int d = digit_of(cp);
		size_t n2;
		if (d >= 0) {
			*w++ = (char)('0' + d);
			any = true;
		} else if (any && is_number_joiner(cp) &&
		           digit_of(cp_at(number, e, i + n, &n2)) >= 0) {
			*w++ = '-';
		} else if (!(any && i + n == e && is_number_end(cp))) {
			return NULL;
		}
		i += n;
	}
	*w = '\0';
	return any ? out : NULL;
}

/* ---- Table rows ---- */

bool pc_row_is_piped(const char *line, size_t len)
{
	return len && memchr(line, '|', len) != NULL;
}

/* A '|' at s[i] that separates cells: not escaped by a backslash. */
static bool is_pipe(const char *s, size_t i)
{
	return s[i] == '|' && (i == 0 || s[i - 1] != '\\');
}

/* The part of a pipe row between its optional outer pipes, trimmed. */
static void pipe_body(const char *line, size_t len, size_t *b, size_t *e)
{
	*b = 0;
	*e = len;
	trim(line, b, e);
	if (*b < *e && line[*b] == '|')
		(*b)++;
	if (*e > *b && is_pipe(line, *e - 1))
		(*e)--;
}

static size_t split_tabs(pc_arena *a, const char *line, size_t len, pc_raw_cell **cells)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += line[i] == '\t';
	pc_raw_cell *c = pc_arena_alloc(a, n * sizeof *c);
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] != '\t')
			continue;
		size_t b = start, e = i;
		trim(line, &b, &e);
		c[k++] = (pc_raw_cell){line + b, e - b, b};
		start = i + 1;
	}
	*cells = c;
	return n;
}

/* A pipe cell's text: `\|` becomes '|' (in a copy, only when needed). */
static void pipe_cell(pc_arena *a, const char *line, size_t b, size_t e, pc_raw_cell *c)
{
	trim(line, &b, &e);
	c->off = b;
	c->len = e - b;
	c->text = line + b;
	bool escaped = false;
	for (size_t i = b + 1; i < e && !escaped; i++)
		escaped = line[i] == '|' && line[i - 1] == '\\';
	if (!escaped)
		return;
	char *t = pc_arena_alloc(a, e - b + 1);
	size_t w = 0;
	for (size_t i = b; i < e; i++)
		if (!(line[i] == '\\' && i + 1 < e && line[i + 1] == '|'))
			t[w++] = line[i];
	t[w] = '\0';
	c->text = t;
	c->len = w;
}

static size_t split_pipes(pc_arena *a, const char *line, size_t len, pc_raw_cell **cells)
{
	size_t b, e;
	pipe_body(line, len, &b, &e);
	size_t n = 1;
	for (size_t i = b; i < e; i++)
		n += is_pipe(line, i);
	pc_raw_cell *c = pc_arena_alloc(a, n * sizeof *c);
	size_t k = 0, start = b;
	for (size_t i = b; i <= e; i++) {
		if (i < e && !is_pipe(line, i))
			continue;
		pipe_cell(a, line, start, i, &c[k++]);
		start = i + 1;
	}
	*cells = c;
	return n;
}

/* A line of nothing but spaces counts as empty. In TAB form a TAB is a
 * separator, so "\t" is a row of two empty cells, not an empty line. */
static bool blank_line(const char *line, size_t len, bool piped)
{
	size_t i = 0, n;
	while ((n = space_at(line, len, i)) && (piped || line[i] != '\t'))
		i += n;
	return i == len;
}

/* Length of a run of spaces at line[i] that separates cells when a TAB
 * was lost: two or more ASCII spaces, any U+3000, or (single) one space.
 * 0 when there is none. */
static size_t space_separator_at(const char *line, size_t len, size_t i, bool single)
{
	size_t j = i, ascii = 0, wide = 0, n;
	while ((n = space_at(line, len, j)) && line[j] != '\t') {
		ascii += n == 1;
		wide += n == 3;
		j += n;
	}
	if (wide || ascii >= 2 || (single && ascii == 1))
		return j - i;
	return 0;
}

size_t pc_row_count_space_cells(const char *line, size_t len, bool single_spaces)
{
	size_t b = 0, e = len;
	trim(line, &b, &e);
	if (b == e)
		return 0;
	size_t count = 1;
	for (size_t i = b; i < e;) {
		if (line[i] == '\t') {
			count++;
			i++;
			continue;
		}
		size_t sep = space_separator_at(line, e, i, single_spaces);
		if (!sep) {
			size_t n = space_at(line, e, i);
			i += n ? n : 1;
			continue;
		}
		/* spaces beside a TAB only pad that TAB's cells */
		bool by_tab =
		    (i > b && line[i - 1] == '\t') || (i + sep < e && line[i + sep] == '\t');
		count += !by_tab;
		i += sep;
	}
	return count;
}

size_t pc_row_split(pc_arena *a, const char *line, size_t len, bool piped, pc_raw_cell **cells)
{
	*cells = NULL;
	if (blank_line(line, len, piped))
		return 0;
	return piped ? split_pipes(a, line, len, cells) : split_tabs(a, line, len, cells);
}

bool pc_row_is_separator(const char *line, size_t len)
{
	size_t b, e;
	pipe_body(line, len, &b, &e);
	if (b >= e)
		return false;
	size_t start = b;
	for (size_t i = b; i <= e; i++) {
		if (i < e && line[i] != '|')
			continue;
		/* Each cell: optional ':', one or more '-', optional ':'. */
		size_t cb = start, ce = i;
		trim(line, &cb, &ce);
		if (cb < ce && line[cb] == ':')
			cb++;
		if (ce > cb && line[ce - 1] == ':')
			ce--;
		if (cb == ce)
			return false;
		for (size_t k = cb; k < ce; k++)
			if (line[k] != '-')
				return false;
		start = i + 1;
	}
	return true;
}

/* ---- Header names ---- */

static const struct {
	uint32_t open, close;
} brackets[] = {{'(', ')'}, {0xFF08, 0xFF09}, {0x3014, 0x3015}, {'[', ']'}};

#define NBRACKETS (sizeof brackets / sizeof brackets[0])

bool pc_header_split(const char *s, size_t len, size_t *name_len, size_t *year_off,
                     size_t *year_len)
{
	*year_off = 0;
	*year_len = 0;
	*name_len = rtrim(s, 0, len);
	size_t i = 0, n = 0, kind = NBRACKETS;
	uint32_t cp = 0;
	for (; i < len; i += n) {
		n = dec(s, len, i, &cp);
		for (kind = 0; kind < NBRACKETS && brackets[kind].open != cp; kind++)
			;
		if (kind < NBRACKETS)
			break;
	}
	if (kind == NBRACKETS)
		return false;
	/* The matching close of the same kind: other kinds nest freely
	 * (〔平成29(2017)年度〕), the same kind is counted. */
	size_t depth = 1, inner = i + n;
	for (size_t j = inner; j < len; j += n) {
		n = dec(s, len, j, &cp);
		if (cp == brackets[kind].open) {
			depth++;
		} else if (cp == brackets[kind].close && --depth == 0) {
			size_t b = inner, e = j;
			trim(s, &b, &e);
			*year_off = b;
			*year_len = e - b;
			*name_len = rtrim(s, 0, i);
			return true;
		}
	}
	/* Unclosed: no year; the whole text is the name, which then matches
	 * no field and is reported as an unknown header. */
	return false;
}

/* name equals word, spaces in name skipped and ASCII letters without case
 * (the caller has NFKC'd it, but a test or a future caller may not have). */
static bool name_is(const char *name, const char *word)
{
	size_t len = strlen(name), i = 0;
	for (;; word++) {
		i = skip_spaces(name, len, i);
		if (!*word)
			return i == len;
		if (i == len ||
		    ascii_lower((unsigned char)name[i]) != ascii_lower((unsigned char)*word))
			return false;
		i++;
	}
}

typedef struct field_name {
	const char *name;
	pc_field field;
} field_name;

static pc_field field_of(const char *name, const field_name *names, size_t n)
{
	if (!name)
		return PC_FIELD_NONE;
	for (size_t i = 0; i < n; i++)
		if (name_is(name, names[i].name))
			return names[i].field;
	return PC_FIELD_NONE;
}

pc_field pc_indicator_field(const char *name)
{
	static const field_name names[] = {
	    {"指標名", PC_FIELD_NAME},         {"指標", PC_FIELD_NAME},
	    {"name", PC_FIELD_NAME},           {"把握方法", PC_FIELD_METHOD},
	    {"指標の説明", PC_FIELD_METHOD},   {"指標の定義", PC_FIELD_METHOD},
	    {"説明", PC_FIELD_METHOD},         {"method", PC_FIELD_METHOD},
	    {"基準値", PC_FIELD_BASELINE},     {"現在値", PC_FIELD_BASELINE},
	    {"現状値", PC_FIELD_BASELINE},     {"現況値", PC_FIELD_BASELINE},
	    {"当初値", PC_FIELD_BASELINE},     {"基準", PC_FIELD_BASELINE},
	    {"現状", PC_FIELD_BASELINE},       {"現況", PC_FIELD_BASELINE},
	    {"baseline", PC_FIELD_BASELINE},   {"中間目標値", PC_FIELD_MIDTERM},
	    {"中間値", PC_FIELD_MIDTERM},      {"中間目標", PC_FIELD_MIDTERM},
	    {"中間", PC_FIELD_MIDTERM},        {"midterm", PC_FIELD_MIDTERM},
	    {"目標値", PC_FIELD_TARGET},       {"最終目標値", PC_FIELD_TARGET},
	    {"目標", PC_FIELD_TARGET},         {"最終目標", PC_FIELD_TARGET},
	    {"target", PC_FIELD_TARGET},       {"実績値", PC_FIELD_ACTUAL},
	    {"実績", PC_FIELD_ACTUAL},         {"直近値", PC_FIELD_ACTUAL},
	    {"actual", PC_FIELD_ACTUAL},       {"単位", PC_FIELD_UNIT},
	    {"unit", PC_FIELD_UNIT},           {"方向", PC_FIELD_DIRECTION},
	    {"direction", PC_FIELD_DIRECTION},
	};
	return field_of(name, names, sizeof names / sizeof names[0]);
}

pc_field pc_glossary_field(const char *name)
{
	static const field_name names[] = {
	    {"用語", PC_FIELD_TERM},
	    {"用語名", PC_FIELD_TERM},
	    {"語句", PC_FIELD_TERM},
	    {"term", PC_FIELD_TERM},
	    {"読み", PC_FIELD_READING},
	    {"よみ", PC_FIELD_READING},
	    {"よみがな", PC_FIELD_READING},
	    {"ヨミガナ", PC_FIELD_READING},
	    {"読みがな", PC_FIELD_READING},
	    {"読み仮名", PC_FIELD_READING},
	    {"ふりがな", PC_FIELD_READING},
	    {"フリガナ", PC_FIELD_READING},
	    {"振り仮名", PC_FIELD_READING},
	    {"reading", PC_FIELD_READING},
	    {"説明", PC_FIELD_DEFINITION},
	    {"解説", PC_FIELD_DEFINITION},
	    {"意味", PC_FIELD_DEFINITION},
	    {"内容", PC_FIELD_DEFINITION},
	    {"用語の説明", PC_FIELD_DEFINITION},
	    {"用語の解説", PC_FIELD_DEFINITION},
	    {"definition", PC_FIELD_DEFINITION},
	    {"別名", PC_FIELD_ALIASES},
	    {"略称", PC_FIELD_ALIASES},
	    {"aliases", PC_FIELD_ALIASES},
	};
	return field_of(name, names, sizeof names / sizeof names[0]);
}

/* ---- Years ---- */

/*
 * A cursor over a year's text that skips spaces and folds full-width
 * digits, letters and round brackets to ASCII, so the grammar below reads
 * one alphabet without a normalised copy (and offsets never matter here).
 */
typedef struct ycur {
	const char *s;
	size_t len, i;
} ycur;

static uint32_t fold(uint32_t cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return '0' + (cp - 0xFF10);
	if (cp >= 0xFF21 && cp <= 0xFF3A)
		return 'A' + (cp - 0xFF21);
	if (cp >= 0xFF41 && cp <= 0xFF5A)
		return 'a' + (cp - 0xFF41);
	if (cp == 0xFF08)
		return '(';
	if (cp == 0xFF09)
		return ')';
	if (cp == 0xFF0E)
		return '.';
	if (cp == 0xFF0F)
		return '/';
	return cp;
}

/* The next character that is not a space (0 at the end); *next gets the
 * offset after it. Does not move the cursor. */
static uint32_t ypeek(const ycur *c, size_t *next)
{
	size_t i = skip_spaces(c->s, c->len, c->i), n;
	uint32_t cp = cp_at(c->s, c->len, i, &n);
	*next = i + n;
	return fold(cp);
}

static bool yeat(ycur *c, uint32_t want)
{
	size_t next;
	if (ypeek(c, &next) != want)
		return false;
	c->i = next;
	return true;
}

static bool yend(const ycur *c)
{
	size_t next;
	return ypeek(c, &next) == 0;
}

/* Reads ASCII digits into *v; returns how many (stops counting past max,
 * so a run of 400 digits costs nothing and cannot overflow). */
static int ynum(ycur *c, int max, int *v)
{
	int count = 0;
	*v = 0;
	for (;;) {
		size_t next;
		uint32_t cp = ypeek(c, &next);
		if (cp < '0' || cp > '9' || count > max)
			return count;
		*v = *v * 10 + (int)(cp - '0');
		count++;
		c->i = next;
	}
}

typedef struct era {
	const char *name;
	uint32_t k1, k2; /* the kanji */
	char letter;     /* ASCII capital */
	uint32_t square; /* the one-character form ㍻ */
	int base, last;  /* year = base + n; last year of the era (0: the current era) */
} era;

static const era eras[] = {
    {"明治", 0x660E, 0x6CBB, 'M', 0x337E, 1867, 45},
    {"大正", 0x5927, 0x6B63, 'T', 0x337D, 1911, 15},
    {"昭和", 0x662D, 0x548C, 'S', 0x337C, 1925, 64},
    {"平成", 0x5E73, 0x6210, 'H', 0x337B, 1988, 31},
    {"令和", 0x4EE4, 0x548C, 'R', 0x32FF, 2018, 0},
};

static const era *read_era(ycur *c)
{
	size_t next, next2;
	uint32_t cp = ypeek(c, &next);
	uint32_t up = cp >= 'a' && cp <= 'z' ? cp - ('a' - 'A') : cp;
	for (size_t k = 0; k < sizeof eras / sizeof eras[0]; k++) {
		if (up == (uint32_t)eras[k].letter || cp == eras[k].square) {
			c->i = next;
			return &eras[k];
		}
		if (cp == eras[k].k1) {
			ycur two = {c->s, c->len, next};
			if (ypeek(&two, &next2) == eras[k].k2) {
				c->i = next2;
				return &eras[k];
			}
		}
	}
	return NULL;
}

#define CP_NEN   0x5E74 /* 年 */
#define CP_DO    0x5EA6 /* 度 */
#define CP_GATSU 0x6708 /* 月 */
#define CP_NICHI 0x65E5 /* 日 */
#define CP_MATSU 0x672B /* 末 */
#define CP_GEN   0x5143 /* 元 */

static bool ydate_sep(ycur *c)
{
	return yeat(c, '.') || yeat(c, '/');
}

/* One or two digits of a month (1..12) or day (1..31); false when absent or
 * out of range. */
static bool read_small(ycur *c, int max, int *v)
{
	int nd = ynum(c, 2, v);
	return nd >= 1 && nd <= 2 && *v >= 1 && *v <= max;
}

/*
 * The date after the year number: 年度, 年[M月[D日]], .M[月][.D[日]] or
 * /M[/D], or nothing (a fiscal year). False when a month or day is out of
 * range or digits after 年 lack 月. Stops before anything else (末, words).
 */
static bool read_date(ycur *c, pc_year *out)
{
	out->fiscal = true;
	if (yeat(c, CP_NEN)) {
		if (yeat(c, CP_DO))
			return true;
		out->fiscal = false;
		size_t save = c->i;
		int m;
		if (!ynum(c, 2, &m)) {
			c->i = save;
			return true;
		}
		c->i = save;
		if (!read_small(c, 12, &out->month) || !yeat(c, CP_GATSU))
			return false;
	} else if (ydate_sep(c)) {
		out->fiscal = false;
		if (!read_small(c, 12, &out->month))
			return false;
		if (ydate_sep(c)) { /* R5.3.31, 2023/3/31 */
			if (!read_small(c, 31, &out->day))
				return false;
			yeat(c, CP_NICHI);
			return true;
		}
		if (!yeat(c, CP_GATSU)) /* R5.3 */
			return true;
		/* R5.3月: on to an optional D日 */
	} else {
		return true;
	}
	/* after M月: an optional D日 */
	size_t save = c->i;
	int d;
	if (ynum(c, 2, &d)) {
		c->i = save;
		if (!read_small(c, 31, &out->day) || !yeat(c, CP_NICHI))
			return false;
	}
	return true;
}

/* An era and its number (元 or 1–3 digits) at the cursor; NULL when none. */
static const era *read_era_year(ycur *c, int *n)
{
	const era *e = read_era(c);
	if (!e)
		return NULL;
	if (yeat(c, CP_GEN)) {
		*n = 1;
		return e;
	}
	int nd = ynum(c, 3, n);
	if (!nd || nd > 3 || *n < 1)
		return NULL;
	return e;
}

/* 年度 or 年 inside the brackets of the other calendar's year. */
static void skip_nen(ycur *c)
{
	if (yeat(c, CP_NEN))
		yeat(c, CP_DO);
}

/*
 * The same year in the other calendar, in brackets: (2017) after an era's
 * year, (令和5) or (R5年度) after a Gregorian one. Records it in *d; false
 * when the brackets hold something else.
 */
static bool read_other_calendar(ycur *c, bool after_era, pc_year_detail *d)
{
	pc_year_detail got = *d;
	if (after_era) {
		int g;
		if (ynum(c, 4, &g) != 4 || g < 1800 || g > 2200)
			return false;
		got.bracket_year = g;
	} else {
		int n = 0;
		const era *e = read_era_year(c, &n);
		if (!e)
			return false;
		got.era = e->name;
		got.era_year = n;
		got.era_last = e->last;
		got.era_gregorian = e->base + n;
	}
	skip_nen(c);
	if (!yeat(c, ')'))
		return false;
	*d = got;
	return true;
}

/*
 * Reads the year itself at the cursor: the era's year or the Gregorian one,
 * the other calendar's year in brackets before or after the date, and the
 * date. Sets out->year, month, day, fiscal and *d; INVALID when there is
 * no year here.
 */
static pc_year_status read_core(ycur *c, pc_year *out, pc_year_detail *d)
{
	int n = 0;
	size_t start = c->i;
	const era *e = read_era_year(c, &n);
	bool era_first = e != NULL;
	if (!e)
		c->i = start;
	if (e) {
		d->era = e->name;
		d->era_year = n;
		d->era_last = e->last;
		d->era_gregorian = e->base + n;
		out->year = d->era_gregorian;
	} else {
		int g;
		if (ynum(c, 4, &g) != 4 || g < 1800 || g > 2200)
			return PC_YEAR_INVALID;
		out->year = g;
		d->bracket_year = g;
	}
	if (yeat(c, '(') && !read_other_calendar(c, era_first, d))
		return PC_YEAR_INVALID;
	if (!read_date(c, out))
		return PC_YEAR_INVALID;
	/* 令和5年度（2023年度）: the other calendar after the date */
	size_t save = c->i;
	if (yeat(c, '(')) {
		bool had = era_first ? d->bracket_year != 0 : d->era != NULL;
		if (had || !read_other_calendar(c, era_first, d))
			c->i = save; /* not a year: left for the caller */
	}
	if (!d->era) /* a Gregorian year alone: nothing to compare */
		d->bracket_year = 0;
	/* A wrong second year is an error; past the era's end only a
	 * warning, so the error wins when both apply. */
	if (d->era && d->bracket_year && d->bracket_year != d->era_gregorian)
		return PC_YEAR_MISMATCH;
	if (d->era && d->era_last && d->era_year > d->era_last)
		return PC_YEAR_PAST_ERA_END;
	return PC_YEAR_OK;
}

static void year_reset(pc_year *out, pc_year_detail *d)
{
	out->year = 0;
	out->month = 0;
	out->day = 0;
	out->fiscal = false;
	memset(d, 0, sizeof *d);
}

pc_year_status pc_year_parse(const char *s, size_t len, pc_year *out, pc_year_detail *detail)
{
	pc_year_detail d;
	year_reset(out, &d);
	if (detail)
		*detail = d;
	ycur c = {s, len, 0};
	pc_year_status st = read_core(&c, out, &d);
	/* 年度末, 3月末: the end of that year or month is still that year */
	if (st != PC_YEAR_INVALID)
		yeat(&c, CP_MATSU);
	if (st == PC_YEAR_INVALID || !yend(&c)) {
		year_reset(out, &d);
		return PC_YEAR_INVALID;
	}
	if (detail)
		*detail = d;
	return st;
}

bool pc_has_digit(const char *s, size_t len)
{
	size_t n;
	for (size_t i = 0; i < len; i += n)
		if (digit_of(cp_at(s, len, i, &n)) >= 0)
			return true;
	return false;
}

/* Where a year may start: a digit or an era's letter, kanji or square,
 * not inside a Latin word (the R of "FOR" or the 2 of "CO2"). */
static bool year_may_start(const char *s, size_t len, size_t i, uint32_t prev)
{
	size_t n;
	uint32_t cp = fold(cp_at(s, len, i, &n));
	if (prev < 0x80 && pc_is_ascii_alnum(prev))
		return false;
	if (cp >= '0' && cp <= '9')
		return true;
	uint32_t up = cp >= 'a' && cp <= 'z' ? cp - ('a' - 'A') : cp;
	for (size_t k = 0; k < sizeof eras / sizeof eras[0]; k++)
		if (up == (uint32_t)eras[k].letter || cp == eras[k].square || cp == eras[k].k1)
			return true;
	return false;
}

#define MAX_YEAR_TEXT 256 /* a header's year with its words; more is no year */

pc_year_status pc_year_read(const char *s, size_t len, pc_year *out, pc_year_detail *detail,
                            size_t *core_off, size_t *core_end)
{
	pc_year_detail d;
	year_reset(out, &d);
	if (detail)
		*detail = d;
	*core_off = *core_end = 0;
	if (len > MAX_YEAR_TEXT)
		return PC_YEAR_INVALID;
	uint32_t prev = 0;
	size_t n;
	for (size_t i = 0; i < len; prev = fold(cp_at(s, len, i, &n)), i += n) {
		if (!year_may_start(s, len, i, prev))
			continue;
		ycur c = {s, len, i};
		pc_year_status st = read_core(&c, out, &d);
		if (st == PC_YEAR_INVALID) {
			year_reset(out, &d);
			continue;
		}
		/* The year ends where its characters end, not after spaces. */
		size_t end = rtrim(s, i, c.i);
		/* A digit elsewhere is a second number: "R3～R5年度". A Latin
		 * letter right after (R5a) means the year was part of a word. */
		uint32_t next = fold(cp_at(s, len, end, &n));
		if (pc_has_digit(s, i) || pc_has_digit(s + end, len - end) ||
		    (next < 0x80 && pc_is_ascii_alnum(next))) {
			year_reset(out, &d);
			return PC_YEAR_INVALID;
		}
		*core_off = i;
		*core_end = end;
		if (detail)
			*detail = d;
		return st;
	}
	return PC_YEAR_INVALID;
}

static bool is_bracket_char(uint32_t cp)
{
	switch (cp) {
	case '(':
	case ')':
	case '[':
	case ']':
	case 0xFF08: /* （ */
	case 0xFF09:
	case 0x3014: /* 〔 */
	case 0x3015:
	case 0x3010: /* 【 */
	case 0x3011:
	case 0xFF3B: /* ［ */
	case 0xFF3D:
	case 0x300C: /* 「 */
	case 0x300D:
		return true;
	default:
		return false;
	}
}

/* Copies s[b, e) without brackets, trimmed, onto w; returns the new end. */
static char *words_without_brackets(char *w, const char *s, size_t b, size_t e)
{
	trim(s, &b, &e);
	char *start = w;
	size_t n;
	for (size_t i = b; i < e; i += n) {
		uint32_t cp = cp_at(s, e, i, &n);
		if (!is_bracket_char(cp) && !(cp == ':' || cp == 0xFF1A || cp == '@'))
			for (size_t k = 0; k < n; k++)
				*w++ = s[i + k];
	}
	/* spaces left where a bracket was */
	size_t len = (size_t)(w - start), tb = 0;
	trim(start, &tb, &len);
	memmove(start, start + tb, len - tb);
	return start + (len - tb);
}

const char *pc_year_qualifier(pc_arena *a, const char *s, size_t len, size_t core_off,
                              size_t core_end)
{
	char *out = pc_arena_alloc(a, len + 2), *w = out;
	w = words_without_brackets(w, s, 0, core_off);
	char *mid = w;
	if (w > out)
		*w++ = ' ';
	char *after = words_without_brackets(w, s, core_end, len);
	if (after == w && w > out)
		w = mid; /* nothing after: no separating space */
	else
		w = after;
	*w = '\0';
	return w > out ? out : NULL;
}

bool pc_year_looks_like_date(const char *s, size_t len)
{
	size_t n, n2;
	for (size_t i = 0; i < len; i += n) {
		uint32_t cp = fold(cp_at(s, len, i, &n));
		if (cp == CP_GATSU || cp == CP_NICHI)
			return true;
		if ((cp == '.' || cp == 0xFF0E || cp == '/' || cp == 0xFF0F) && i > 0 &&
		    digit_of(cp_at(s, len, i + n, &n2)) >= 0)
			return true;
	}
	return false;
}

/* ---- Values ---- */

#define MAX_DIGITS 15 /* what a double holds exactly */

/* Powers of ten that a double holds exactly: scaling by one of them is a
 * single correctly rounded operation, so 0.6億 is exactly 6 × 10^7 and
 * 26.3 the same double as the literal 26.3. */
static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

#define MAX_POW10 22

static int sign_of(uint32_t cp)
{
	switch (cp) {
	case '-':
	case 0x2212: /* − */
	case 0xFF0D: /* － */
	case 0x25B3: /* △ */
	case 0x25B2: /* ▲ */
		return -1;
	case '+':
	case 0xFF0B: /* ＋ */
		return 1;
	default:
		return 0;
	}
}

static int multiplier_of(uint32_t cp)
{
	switch (cp) {
	case 0x5343: /* 千 */
		return 3;
	case 0x4E07: /* 万 */
		return 4;
	case 0x5104: /* 億 */
		return 8;
	case 0x5146: /* 兆 */
		return 12;
	default:
		return 0;
	}
}

static bool is_point(uint32_t cp)
{
	return cp == '.' || cp == 0xFF0E;
}

static bool is_comma(uint32_t cp)
{
	return cp == ',' || cp == 0xFF0C;
}

/* The digits of a number: *mant holds the significant digits, *scale the
 * digits after the point. Returns false when there are more than
 * MAX_DIGITS significant digits (stopping there: linear in any case). */
static bool read_digits(const char *s, size_t e, size_t *i, uint64_t *mant, size_t *scale,
                        bool *any)
{
	size_t n, n2;
	int sig = 0;
	bool point = false;
	*mant = 0;
	*scale = 0;
	*any = false;
	for (;;) {
		uint32_t cp = cp_at(s, e, *i, &n);
		int d = digit_of(cp);
		if (d >= 0) {
			/* Leading zeros are not significant (0.05 has one
			 * significant digit); trailing ones are. */
			if (*mant || d) {
				if (++sig > MAX_DIGITS)
					return false;
				*mant = *mant * 10 + (uint64_t)d;
			}
			*scale += point;
			*any = true;
			*i += n;
			continue;
		}
		/* A point or a comma counts only before a digit: "3." and
		 * "1," end the number there. Commas are dropped wherever
		 * they stand in the integer part, so "1,2,3" reads as 123
		 * (plans do not list numbers in one cell; being lenient
		 * beats calling a thousands separator misplaced). */
		bool before_digit = digit_of(cp_at(s, e, *i + n, &n2)) >= 0;
		if (is_point(cp) && !point && before_digit)
			point = true;
		else if (!(is_comma(cp) && !point && *any && before_digit))
			return true;
		*i += n;
	}
}

/* s[i..e) starts with word (UTF-8). */
static bool word_at(const char *s, size_t e, size_t i, const char *word)
{
	size_t n = strlen(word);
	return e - i >= n && !memcmp(s + i, word, n);
}

static const struct {
	const char *word;
	pc_bound bound;
} bound_words[] = {
    {"以上", PC_BOUND_GE}, {"以下", PC_BOUND_LE}, {"未満", PC_BOUND_LT}, {"超", PC_BOUND_GT}};

/* Approximations written after a value. */
static const char *const approx_after[] = {"程度", "前後", "強", "弱"};
/* ... and before it. */
static const char *const approx_before[] = {"約", "およそ", "概ね", "おおむね"};

static size_t bound_word_at(const char *s, size_t e, size_t i, pc_bound *b)
{
	for (size_t k = 0; k < sizeof bound_words / sizeof bound_words[0]; k++)
		if (word_at(s, e, i, bound_words[k].word)) {
			*b = bound_words[k].bound;
			return strlen(bound_words[k].word);
		}
	return 0;
}

static size_t approx_word_at(const char *s, size_t e, size_t i)
{
	for (size_t k = 0; k < sizeof approx_after / sizeof approx_after[0]; k++)
		if (word_at(s, e, i, approx_after[k]))
			return strlen(approx_after[k]);
	return 0;
}

static bool is_range_sign(uint32_t cp)
{
	return cp == 0xFF5E || cp == 0x301C || cp == '~'; /* ～ 〜 ~ */
}

static bool is_open_bracket(uint32_t cp)
{
	return cp == '(' || cp == 0xFF08 || cp == 0x3014 || cp == '[' || cp == 0xFF3B ||
	       cp == 0x3010;
}

static uint32_t close_of(uint32_t open)
{
	switch (open) {
	case '(':
		return ')';
	case 0xFF08:
		return 0xFF09;
	case 0x3014:
		return 0x3015;
	case '[':
		return ']';
	case 0xFF3B:
		return 0xFF3D;
	default:
		return 0x3011; /* 【】 */
	}
}

/* True when the unit of a value ends at s[i]: a space, a bracket, ※, a
 * range sign, a bound or approximation word, or a list comma. */
static bool unit_ends_at(const char *s, size_t e, size_t i)
{
	size_t n;
	pc_bound b;
	uint32_t cp = cp_at(s, e, i, &n);
	return space_at(s, e, i) || is_open_bracket(cp) || cp == 0x203B /* ※ */ ||
	       is_range_sign(cp) || cp == 0x3001 || cp == 0x3002 || bound_word_at(s, e, i, &b) ||
	       approx_word_at(s, e, i);
}

/*
 * A number at s[*i]: sign, digits, multiplier. Returns PC_VALUE_TEXT when
 * there are no digits (then *i is unchanged), PC_VALUE_TOO_LONG when it
 * cannot be held exactly.
 */
static pc_value_status read_number(const char *s, size_t e, size_t *i, double *out)
{
	size_t j = *i, n;
	int sign = sign_of(cp_at(s, e, j, &n));
	if (sign)
		j = skip_spaces(s, e, j + n);
	else
		sign = 1;
	uint64_t mant;
	size_t scale;
	bool any;
	if (!read_digits(s, e, &j, &mant, &scale, &any))
		return PC_VALUE_TOO_LONG;
	if (!any)
		return PC_VALUE_TEXT;
	size_t m = skip_spaces(s, e, j);
	int mult = multiplier_of(cp_at(s, e, m, &n));
	if (mult)
		j = m + n;
	double v = 0;
	if (mant) {
		/* The exponent: the multiplier's minus the decimals. */
		if (scale <= (size_t)mult) {
			v = (double)mant * pow10_exact[(size_t)mult - scale];
		} else if (scale - (size_t)mult <= MAX_POW10) {
			v = (double)mant / pow10_exact[scale - (size_t)mult];
		} else {
			/* More decimals than can be applied exactly
			 * (0.000…01 with 20 zeros): keep it as text. */
			return PC_VALUE_TOO_LONG;
		}
	}
	*out = mant ? sign * v : 0.0; /* no -0 */
	*i = j;
	return PC_VALUE_NUMBER;
}

/* The unit at s[*i]: up to where a unit ends; NFKC'd (％ → %) when valid
 * UTF-8. *i moves past it. */
static const char *read_unit(pc_arena *a, const char *s, size_t e, size_t *i)
{
	size_t b = skip_spaces(s, e, *i), u = b, n;
	while (u < e && !unit_ends_at(s, e, u)) {
		cp_at(s, e, u, &n);
		u += n;
	}
	*i = u;
	if (u == b)
		return "";
	/* ICU wants valid UTF-8 */
	if (pc_utf8_validate(s + b, u - b) == u - b)
		return pc_nfkc(a, s + b, u - b);
	return pc_arena_strndup(a, s + b, u - b);
}

/* Appends s[b, e) (trimmed) to the value's note, a space between parts. */
static void add_note(pc_arena *a, pc_value *out, const char *s, size_t b, size_t e)
{
	trim(s, &b, &e);
	if (b == e)
		return;
	out->note = out->note ? pc_arena_printf(a, "%s %.*s", out->note, (int)(e - b), s + b)
	                      : pc_arena_strndup(a, s + b, e - b);
}

/* True when s holds 年 (as in 2021年度). */
static bool has_nen(const char *s, size_t len)
{
	for (size_t i = 0; i + 3 <= len; i++)
		if (!memcmp(s + i, "\xE5\xB9\xB4", 3))
			return true;
	return false;
}

/* A year before the value: "R3: 12件", "令和3年度 12件", "2021年度：12件".
 * Returns the offset of the value after it, or b when there is none. */
static size_t leading_year(const char *s, size_t b, size_t e, pc_value *out, pc_value_detail *det)
{
	size_t n;
	for (size_t i = b; i < e && i - b < 40; i += n) {
		uint32_t cp = cp_at(s, e, i, &n);
		bool colon = cp == ':' || cp == 0xFF1A;
		bool space = space_at(s, e, i) != 0;
		if (!colon && !space)
			continue;
		size_t ye = rtrim(s, b, i);
		pc_year y = {0};
		pc_year_detail d;
		pc_year_status st = pc_year_parse(s + b, ye - b, &y, &d);
		/* Without a colon only an era or 年 marks a year: "2020 件" is
		 * the number 2020. */
		bool marked = colon || d.era || !y.fiscal || has_nen(s + b, ye - b);
		size_t v = skip_spaces(s, e, i + (colon ? n : 0));
		if (st == PC_YEAR_INVALID || !marked || v >= e)
			return b;
		out->year = y;
		det->year_status = st;
		det->year_detail = d;
		det->year_off = b;
		det->year_len = ye - b;
		return v;
	}
	return b;
}

/* A bracketed group after the value: a year (with its qualifier) or a
 * note. Returns the offset after the group, or i when there is no closed
 * bracket at i. */
static size_t bracket_group(pc_arena *a, const char *s, size_t e, size_t i, pc_value *out,
                            pc_value_detail *det)
{
	size_t n, n2;
	uint32_t open = cp_at(s, e, i, &n);
	uint32_t close = close_of(open);
	size_t b = i + n;
	for (size_t j = b; j < e; j += n2) {
		if (cp_at(s, e, j, &n2) != close)
			continue;
		pc_year y = {0};
		pc_year_detail d;
		size_t co, ce;
		pc_year_status st = pc_year_read(s + b, j - b, &y, &d, &co, &ce);
		if (st != PC_YEAR_INVALID && !out->year.year) {
			size_t tb = b, te = j;
			trim(s, &tb, &te);
			y.qualifier = pc_year_qualifier(a, s + b, j - b, co, ce);
			y.text = pc_arena_strndup(a, s + tb, te - tb); /* as written */
			out->year = y;
			det->year_status = st;
			det->year_detail = d;
			det->year_off = b + co;
			det->year_len = ce - co;
		} else {
			add_note(a, out, s, b, j);
		}
		return j + n2;
	}
	return i;
}

/* Everything after the number and its unit. */
static void read_tail(pc_arena *a, const char *s, size_t e, size_t i, pc_value *out,
                      pc_value_detail *det)
{
	size_t n, k;
	pc_bound bound;
	while ((i = skip_spaces(s, e, i)) < e) {
		uint32_t cp = cp_at(s, e, i, &n);
		if (is_range_sign(cp) && !out->has_range && !out->bound) {
			size_t j = skip_spaces(s, e, i + n);
			double upper;
			if (read_number(s, e, &j, &upper) == PC_VALUE_NUMBER) {
				out->has_range = true;
				out->upper = upper;
				const char *u2 = read_unit(a, s, e, &j);
				if (!*out->unit)
					out->unit = u2;
				i = j;
			} else {
				out->bound = PC_BOUND_GE; /* "100人～": that many or more */
				i = j;
			}
		} else if (!out->bound && (k = bound_word_at(s, e, i, &bound))) {
			out->bound = bound;
			i += k;
		} else if ((k = approx_word_at(s, e, i))) {
			out->approximate = true;
			i += k;
		} else if (is_open_bracket(cp) && (k = bracket_group(a, s, e, i, out, det)) != i) {
			i = k;
		} else {
			add_note(a, out, s, i, e);
			return;
		}
	}
}

/* Signs before the number: approximations and bounds (≧80%). */
static size_t leading_marks(const char *s, size_t e, size_t i, pc_value *out)
{
	size_t n;
	for (bool more = true; more;) {
		more = false;
		i = skip_spaces(s, e, i);
		for (size_t k = 0; k < sizeof approx_before / sizeof approx_before[0]; k++)
			if (word_at(s, e, i, approx_before[k])) {
				out->approximate = true;
				i += strlen(approx_before[k]);
				more = true;
			}
		uint32_t cp = cp_at(s, e, i, &n);
		pc_bound b = cp == 0x2267 || cp == 0x2265   ? PC_BOUND_GE /* ≧ ≥ */
		             : cp == 0x2266 || cp == 0x2264 ? PC_BOUND_LE /* ≦ ≤ */
		             : is_range_sign(cp)            ? PC_BOUND_LE /* ～80%: up to */
		                                            : PC_BOUND_NONE;
		if (b && !out->bound) {
			out->bound = b;
			i += n;
			more = true;
		}
	}
	return i;
}

pc_value_status pc_value_read(pc_arena *a, const char *s, size_t len, pc_value *out,
                              pc_value_detail *detail)
{
	pc_value_detail dummy;
	pc_value_detail *det = detail ? detail : &dummy;
	memset(det, 0, sizeof *det);
	size_t b = 0, e = len;
	trim(s, &b, &e);
	memset(out, 0, sizeof *out);
	out->text = pc_arena_strndup(a, s + b, e - b);
	out->unit = "";
	size_t i = leading_year(s, b, e, out, det);
	if (out->year.year)
		out->year.text = pc_arena_strndup(a, s + det->year_off, det->year_len);
	size_t after_marks = leading_marks(s, e, i, out);
	double v;
	size_t j = after_marks;
	pc_value_status st = read_number(s, e, &j, &v);
	if (st != PC_VALUE_NUMBER) {
		/* Not a value: the cell stays text ("約半数", "増加"). */
		memset(out, 0, sizeof *out);
		memset(det, 0, sizeof *det);
		out->text = pc_arena_strndup(a, s + b, e - b);
		out->unit = "";
		return st;
	}
	out->has_number = true;
	out->number = v;
	out->unit = read_unit(a, s, e, &j);
	read_tail(a, s, e, j, out, det);
	return PC_VALUE_NUMBER;
}

pc_value_status pc_value_parse(pc_arena *a, const char *s, size_t len, pc_value *out)
{
	return pc_value_read(a, s, len, out, NULL);
}

bool pc_cell_year_split(const char *s, size_t len, size_t *value_len, size_t *year_off,
                        size_t *year_len)
{
	/* The last @: a year never holds one, a value might. */
	size_t at = len, alen = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '@') {
			at = i;
			alen = 1;
		} else if (len - i >= 3 && !memcmp(s + i, "\xEF\xBC\xA0", 3)) { /* ＠ */
			at = i;
			alen = 3;
		}
	}
	*value_len = len;
	*year_off = 0;
	*year_len = 0;
	if (!alen)
		return false;
	*value_len = rtrim(s, 0, at);
	size_t b = at + alen, e = len;
	trim(s, &b, &e);
	*year_off = b;
	*year_len = e - b;
	return true;
}

pc_direction pc_direction_parse(const char *s, size_t len)
{
	static const struct {
		const char *word;
		pc_direction dir;
	} words[] = {
	    {"増", PC_DIR_UP},           {"増加", PC_DIR_UP},
	    {"up", PC_DIR_UP},           {"↑", PC_DIR_UP},
	    {"減", PC_DIR_DOWN},         {"減少", PC_DIR_DOWN},
	    {"down", PC_DIR_DOWN},       {"↓", PC_DIR_DOWN},
	    {"維持", PC_DIR_KEEP},       {"現状維持", PC_DIR_KEEP},
	    {"keep", PC_DIR_KEEP},       {"→", PC_DIR_KEEP},
	    {"以上", PC_DIR_FLOOR},      {"下限", PC_DIR_FLOOR},
	    {"floor", PC_DIR_FLOOR},     {"≧", PC_DIR_FLOOR},
	    {"以下", PC_DIR_CEILING},    {"上限", PC_DIR_CEILING},
	    {"ceiling", PC_DIR_CEILING}, {"≦", PC_DIR_CEILING},
	};
	size_t b = 0, e = len;
	trim(s, &b, &e);
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (eq_nocase(s + b, e - b, words[k].word))
			return words[k].dir;
	return PC_DIR_NONE;
}
