/*
 * Readers for the small languages that live inside text (docs/format.md §3–§6):
 * {…} attributes, heading numbers and their id keys, table rows, header
 * names and directions. Years are read in years.c, values in values.c.
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

#include "chars.h"

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
	    {"direction", PC_FIELD_DIRECTION}, {"ID", PC_FIELD_ID},
	    {"指標ID", PC_FIELD_ID},
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
