/*
 * Indicator values (FORMAT.md §4, docs/format.md §5.3): the number with
 * its sign, separators and multiplier, the unit, and what the cell says
 * besides them — a range, a bound, an approximation, its own year, a note
 * — each a fact of its own; and the @ year of a cell.
 *
 * Numbers are exact: at most 15 significant digits, scaled by one exact
 * power of ten. One pass over the cell; a bracket group is scanned once.
 */
#include "readers.h"

#include <stdint.h>
#include <string.h>

#include "../util/unicode.h"
#include "../util/utf8.h"
#include "chars.h"

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
