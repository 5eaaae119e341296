/*
 * Readers for the small languages that live inside text (docs/format.md §3–§6):
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
	return cp >= 0x2460 && cp <= 0x2473; /* ①..⑳ */
}

size_t pc_heading_number(const char *s, size_t len, size_t *title_off)
{
	size_t n, i = 0;
	*title_off = 0;
	uint32_t cp = cp_at(s, len, 0, &n);
	if (is_circled(cp)) {
		*title_off = skip_spaces(s, len, n);
		return n;
	}
	/* The prefix: up to 3 characters before the first digit. */
	for (int prefix = 0; digit_of(cp) < 0; prefix++) {
		if (prefix == 3 || !cp || cp == 0xFFFD || cp < 0x20 || pc_is_space(cp) ||
		    is_ascii_punct(cp))
			return 0;
		i += n;
		cp = cp_at(s, len, i, &n);
	}
	/* Digits, and hyphens only between digits (5-10-1-33), so that
	 * "7- x" or "7-a" is no number. */
	for (;;) {
		while (digit_of(cp) >= 0) {
			i += n;
			cp = cp_at(s, len, i, &n);
		}
		if (!is_hyphen(cp))
			break;
		size_t n2;
		uint32_t after = cp_at(s, len, i + n, &n2);
		if (digit_of(after) < 0)
			break;
		i += n;
		cp = after;
		n = n2;
	}
	/* "第1章", "2030年": a digit run not followed by a space is part of
	 * the title, not a number. */
	if (!space_at(s, len, i))
		return 0;
	*title_off = skip_spaces(s, len, i);
	return i;
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
	    {"現状値", PC_FIELD_BASELINE},     {"baseline", PC_FIELD_BASELINE},
	    {"中間目標値", PC_FIELD_MIDTERM},  {"中間値", PC_FIELD_MIDTERM},
	    {"midterm", PC_FIELD_MIDTERM},     {"目標値", PC_FIELD_TARGET},
	    {"最終目標値", PC_FIELD_TARGET},   {"target", PC_FIELD_TARGET},
	    {"実績値", PC_FIELD_ACTUAL},       {"実績", PC_FIELD_ACTUAL},
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
	    {"term", PC_FIELD_TERM},
	    {"読み", PC_FIELD_READING},
	    {"よみ", PC_FIELD_READING},
	    {"reading", PC_FIELD_READING},
	    {"説明", PC_FIELD_DEFINITION},
	    {"解説", PC_FIELD_DEFINITION},
	    {"意味", PC_FIELD_DEFINITION},
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
#define CP_MATSU 0x672B /* 末 */
#define CP_GEN   0x5143 /* 元 */

/* The suffix after the year number: 年度[末], 年[M月[末]], or nothing
 * (a fiscal year). False when something else follows. */
static bool read_suffix(ycur *c, bool *fiscal, int *month)
{
	*fiscal = true;
	*month = 0;
	if (yeat(c, CP_NEN)) {
		if (yeat(c, CP_DO)) {
			/* 年度末 (end of the fiscal year) is still that fiscal
			 * year; plans write it in target headers. */
			yeat(c, CP_MATSU);
		} else {
			*fiscal = false;
			int m;
			int nd = ynum(c, 2, &m);
			if (nd) {
				if (nd > 2 || m < 1 || m > 12 || !yeat(c, CP_GATSU))
					return false;
				yeat(c, CP_MATSU);
				*month = m;
			}
		}
	}
	return yend(c);
}

pc_year_status pc_year_parse(const char *s, size_t len, pc_year *out, pc_year_detail *detail)
{
	pc_year_detail d = {NULL, 0, 0, 0};
	out->year = 0;
	out->month = 0;
	out->fiscal = false;
	if (detail)
		*detail = d;
	ycur c = {s, len, 0};
	const era *e = read_era(&c);
	int year, n = 0;
	if (e) {
		if (yeat(&c, CP_GEN)) {
			n = 1;
		} else {
			int nd = ynum(&c, 3, &n);
			if (!nd || nd > 3 || n < 1)
				return PC_YEAR_INVALID;
		}
		year = e->base + n;
		d.era = e->name;
		d.era_year = n;
		d.era_last = e->last;
		if (yeat(&c, '(')) {
			int nd = ynum(&c, 4, &d.bracket_year);
			if (nd != 4 || d.bracket_year < 1800 || d.bracket_year > 2200 ||
			    !yeat(&c, ')'))
				return PC_YEAR_INVALID;
		}
	} else {
		if (ynum(&c, 4, &year) != 4 || year < 1800 || year > 2200)
			return PC_YEAR_INVALID;
	}
	bool fiscal;
	int month;
	if (!read_suffix(&c, &fiscal, &month))
		return PC_YEAR_INVALID;
	out->year = year;
	out->month = month;
	out->fiscal = fiscal;
	if (detail)
		*detail = d;
	/* A wrong bracketed year is an error; past the era's end only a
	 * warning, so the error wins when both apply. */
	if (d.bracket_year && d.bracket_year != year)
		return PC_YEAR_MISMATCH;
	if (e && e->last && n > e->last)
		return PC_YEAR_PAST_ERA_END;
	return PC_YEAR_OK;
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

pc_value_status pc_value_parse(pc_arena *a, const char *s, size_t len, pc_value *out)
{
	size_t b = 0, e = len, n;
	trim(s, &b, &e);
	out->text = pc_arena_strndup(a, s + b, e - b);
	out->has_number = false;
	out->number = 0;
	out->unit = "";
	size_t i = b;
	int sign = sign_of(cp_at(s, e, i, &n));
	if (sign)
		i = skip_spaces(s, e, i + n);
	else
		sign = 1;
	uint64_t mant;
	size_t scale;
	bool any;
	if (!read_digits(s, e, &i, &mant, &scale, &any))
		return PC_VALUE_TOO_LONG;
	if (!any)
		return PC_VALUE_TEXT;
	size_t m = skip_spaces(s, e, i);
	int mult = multiplier_of(cp_at(s, e, m, &n));
	if (mult)
		i = m + n;
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
	size_t ub = i, ue = e;
	trim(s, &ub, &ue);
	/* The unit NFKC'd (％ → %), but ICU wants valid UTF-8. */
	if (pc_utf8_validate(s + ub, ue - ub) == ue - ub)
		out->unit = pc_nfkc(a, s + ub, ue - ub);
	else
		out->unit = pc_arena_strndup(a, s + ub, ue - ub);
	out->has_number = true;
	out->number = mant ? sign * v : 0.0; /* no -0 */
	return PC_VALUE_NUMBER;
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
	    {"増", PC_DIR_UP},     {"増加", PC_DIR_UP},   {"up", PC_DIR_UP},     {"↑", PC_DIR_UP},
	    {"減", PC_DIR_DOWN},   {"減少", PC_DIR_DOWN}, {"down", PC_DIR_DOWN}, {"↓", PC_DIR_DOWN},
	    {"維持", PC_DIR_KEEP}, {"keep", PC_DIR_KEEP}, {"→", PC_DIR_KEEP},
	};
	size_t b = 0, e = len;
	trim(s, &b, &e);
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (eq_nocase(s + b, e - b, words[k].word))
			return words[k].dir;
	return PC_DIR_NONE;
}
