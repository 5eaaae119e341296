/*
 * Years (FORMAT.md §4, docs/format.md §5.2): an era or Gregorian year with
 * its date, alone (pc_year_parse) or with the words written around it
 * (pc_year_read: 「R5年度決算」「令和4年3月31日現在」).
 *
 * A cursor folds full-width digits, letters and brackets and skips spaces,
 * so one grammar reads every width. A year with words is looked for at
 * each place a year may start, in at most MAX_YEAR_TEXT bytes, so the cost
 * stays linear in the text.
 */
#include "readers.h"

#include <stdint.h>
#include <string.h>

#include "chars.h"

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
