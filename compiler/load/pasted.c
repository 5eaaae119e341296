/*
 * Characters that copying from a PDF or a Word file puts into text in
 * place of the ones meant (docs/format.md §1.1): Kangxi radicals and CJK
 * radical supplement forms instead of the kanji they look like (⻑ for 長:
 * printed as 〓 in the PDF, not found by term matching), no-break and
 * zero-width spaces (a heading's '#' no longer starts the line), soft
 * hyphens, and half-width katakana. Each is replaced by the character
 * meant, once, when the file is loaded, so that the PDF, the HTML, the data
 * and term matching all see the same text; one warning per file says what
 * was replaced. Nothing else is touched: NFKC over the whole text would
 * also turn ① into 1, ㎡ into m2 and full-width punctuation into ASCII,
 * which authors mean.
 */
#include <string.h>

#include "../plancc.h"
#include "../util/unicode.h"
#include "../util/utf8.h"
#include "load.h"

/*
 * The CJK Radicals Supplement forms that stand for a unified ideograph
 * (Unicode's EquivalentUnifiedIdeograph data for the block). NFKC maps
 * only two of them; the rest are listed. Forms without an equivalent in
 * the Basic Multilingual Plane are left as they are (the glyph check
 * then reports them).
 */
static const struct {
	uint16_t radical, ideograph;
} supplement[] = {
    {0x2E80, 0x51AB}, {0x2E81, 0x5382}, {0x2E82, 0x4E5B}, {0x2E83, 0x4E5A}, {0x2E84, 0x4E59},
    {0x2E85, 0x4EBB}, {0x2E86, 0x5182}, {0x2E89, 0x5202}, {0x2E8A, 0x535C}, {0x2E8B, 0x353E},
    {0x2E8E, 0x5140}, {0x2E8F, 0x5C23}, {0x2E90, 0x5C22}, {0x2E92, 0x5DF3}, {0x2E93, 0x5E7A},
    {0x2E94, 0x5F51}, {0x2E95, 0x5F50}, {0x2E96, 0x5FC4}, {0x2E97, 0x38FA}, {0x2E98, 0x624C},
    {0x2E99, 0x6535}, {0x2E9B, 0x65E1}, {0x2E9D, 0x6708}, {0x2E9E, 0x6B7A}, {0x2E9F, 0x6BCD},
    {0x2EA0, 0x6C11}, {0x2EA1, 0x6C35}, {0x2EA2, 0x6C3A}, {0x2EA3, 0x706C}, {0x2EA5, 0x722B},
    {0x2EA6, 0x4E2C}, {0x2EA8, 0x72AD}, {0x2EAB, 0x7F52}, {0x2EAC, 0x793A}, {0x2EAD, 0x793B},
    {0x2EAF, 0x7CF9}, {0x2EB0, 0x7E9F}, {0x2EB1, 0x7F53}, {0x2EB3, 0x34C1}, {0x2EB4, 0x34C1},
    {0x2EB9, 0x8002}, {0x2EBA, 0x8080}, {0x2EBC, 0x6708}, {0x2EBD, 0x81FC}, {0x2EBE, 0x8279},
    {0x2EBF, 0x8279}, {0x2EC0, 0x8279}, {0x2EC1, 0x864E}, {0x2EC2, 0x8864}, {0x2EC3, 0x8980},
    {0x2EC4, 0x897F}, {0x2EC5, 0x89C1}, {0x2EC8, 0x8BA0}, {0x2EC9, 0x8D1D}, {0x2ECB, 0x8F66},
    {0x2ECD, 0x8FB6}, {0x2ECF, 0x961D}, {0x2ED0, 0x9485}, {0x2ED1, 0x9577}, {0x2ED2, 0x9578},
    {0x2ED3, 0x957F}, {0x2ED6, 0x961D}, {0x2ED8, 0x9752}, {0x2ED9, 0x97E6}, {0x2EDA, 0x9875},
    {0x2EDB, 0x98CE}, {0x2EDC, 0x98DE}, {0x2EDD, 0x98DF}, {0x2EDF, 0x98E0}, {0x2EE0, 0x9963},
    {0x2EE2, 0x9A6C}, {0x2EE3, 0x9AA8}, {0x2EE4, 0x9B3C}, {0x2EE5, 0x9C7C}, {0x2EE6, 0x9E1F},
    {0x2EE7, 0x5364}, {0x2EE8, 0x9EA6}, {0x2EE9, 0x9EC4}, {0x2EEA, 0x9EFE}, {0x2EEB, 0x6589},
    {0x2EEC, 0x9F50}, {0x2EED, 0x6B6F}, {0x2EEE, 0x9F7F}, {0x2EEF, 0x7ADC}, {0x2EF0, 0x9F99},
    {0x2EF1, 0x9F9C}, {0x2EF2, 0x4E80}, {0x2EF3, 0x9F9F},
};

static uint32_t supplement_ideograph(uint32_t cp)
{
	size_t lo = 0, hi = sizeof supplement / sizeof supplement[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (supplement[mid].radical < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sizeof supplement / sizeof supplement[0] && supplement[lo].radical == cp
	           ? supplement[lo].ideograph
	           : 0;
}

/* What a class of replacements has seen: how many, and the first. */
typedef struct seen {
	size_t count;
	char from[64], to[64]; /* the first replaced run, as written and as replaced */
	bool have_line;
	unsigned line, col;
} seen;

enum { RADICAL, HALFWIDTH, NBSP, ZERO_WIDTH, NCLASSES };

static bool is_radical(uint32_t cp)
{
	return (cp >= 0x2F00 && cp <= 0x2FD5) || (cp >= 0x2E80 && cp <= 0x2EF3);
}

static bool is_halfwidth_kana(uint32_t cp)
{
	return cp >= 0xFF61 && cp <= 0xFF9F;
}

static bool is_nbsp(uint32_t cp)
{
	return cp == 0x00A0 || cp == 0x2007 || cp == 0x202F;
}

/* Zero-width characters a plan never means: ZWSP, ZWNJ, word joiner, a
 * BOM inside the text, the soft hyphen. (ZWJ is kept: it joins emoji.) */
static bool is_zero_width(uint32_t cp)
{
	return cp == 0x200B || cp == 0x200C || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD;
}

static void note(seen *c, const char *from, size_t flen, const char *to, size_t tlen, unsigned line,
                 unsigned col)
{
	c->count++;
	if (c->have_line)
		return;
	c->have_line = true;
	c->line = line;
	c->col = col;
	if (flen < sizeof c->from && tlen < sizeof c->to) {
		memcpy(c->from, from, flen);
		c->from[flen] = '\0';
		memcpy(c->to, to, tlen);
		c->to[tlen] = '\0';
	}
}

/* A run of half-width katakana from s[i]: its end. */
static size_t halfwidth_run(const char *s, size_t len, size_t i)
{
	uint32_t cp;
	size_t n;
	while (i < len && (n = pc_utf8_decode(s + i, len - i, &cp)) && is_halfwidth_kana(cp))
		i += n;
	return i;
}

/* Whether s[i] may start a character this file replaces: all of them
 * are encoded from C2, E2 or EF. */
static bool candidate(unsigned char c)
{
	return c == 0xC2 || c == 0xE2 || c == 0xEF;
}

/* The second byte of the sequences this file replaces, after C2 (A0,
 * AD), E2 (80, 81 for spaces and joiners; BA–BF for radicals) or EF (BB
 * for U+FEFF; BD, BE for half-width katakana): a cheaper test than
 * decoding every C2, E2 and EF sequence (EF starts all full-width forms). */
static bool candidate_second(const char *s, size_t len, size_t i)
{
	if (i + 1 >= len)
		return false;
	unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
	switch (a) {
	case 0xC2:
		return b == 0xA0 || b == 0xAD;
	case 0xE2:
		return b == 0x80 || b == 0x81 || (b >= 0xBA && b <= 0xBF);
	default: /* 0xEF */
		return b == 0xBB || b == 0xBD || b == 0xBE;
	}
}

static void report(pc_arena *a, const char *file, const seen *cls, pc_diags *d)
{
	static const char *names[NCLASSES] = {"部首の文字", "半角カナ", "ノーブレークスペース",
	                                      "ゼロ幅の文字"};
	const char *parts = NULL;
	unsigned line = 0, col = 0;
	for (int k = 0; k < NCLASSES; k++) {
		const seen *c = &cls[k];
		if (!c->count)
			continue;
		const char *part =
		    k <= HALFWIDTH && c->from[0]
		        ? pc_arena_printf(a, "%s「%s」→「%s」%s %zu 字", names[k], c->from, c->to,
		                          c->count > 1 ? "など" : "", c->count)
		        : pc_arena_printf(a, "%s %zu 字", names[k], c->count);
		parts = parts ? pc_arena_printf(a, "%s、%s", parts, part) : part;
		if (!line || c->line < line || (c->line == line && c->col < col)) {
			line = c->line;
			col = c->col;
		}
	}
	if (parts)
		pc_diag(d, PC_W_PASTED_CHARS, file, line, col, parts);
}

/* Whether the text has anything to replace: most files have not, and
 * are then left untouched after one quick scan. */
static bool has_pasted(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (!candidate(c) || !candidate_second(s, len, i)) {
			/* on to the next character (a stray byte counts one) */
			i += c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
			continue;
		}
		uint32_t cp;
		size_t n = pc_utf8_decode(s + i, len - i, &cp);
		if (n &&
		    (is_radical(cp) || is_halfwidth_kana(cp) || is_nbsp(cp) || is_zero_width(cp)))
			return true;
		i += n ? n : 1;
	}
	return false;
}

size_t pc_replace_pasted(pc_arena *a, const char *file, char *s, size_t len, pc_diags *d)
{
	if (!has_pasted(s, len))
		return len;
	seen cls[NCLASSES];
	memset(cls, 0, sizeof cls);
	size_t r = 0, w = 0;
	unsigned line = 1, col = 1; /* of s[r] in the text as loaded */
	while (r < len) {
		unsigned char c = (unsigned char)s[r];
		if (c == '\n') {
			s[w++] = s[r++];
			line++;
			col = 1;
			continue;
		}
		uint32_t cp = 0;
		size_t n = candidate(c) ? pc_utf8_decode(s + r, len - r, &cp) : 0;
		if (!n || !(is_radical(cp) || is_halfwidth_kana(cp) || is_nbsp(cp) ||
		            is_zero_width(cp))) {
			/* an ordinary character: copied, one column */
			size_t k = 1;
			while (r + k < len && ((unsigned char)s[r + k] & 0xC0) == 0x80)
				k++;
			memmove(s + w, s + r, k);
			w += k;
			r += k;
			col++;
			continue;
		}
		if (is_zero_width(cp)) {
			note(&cls[ZERO_WIDTH], "", 0, "", 0, line, col);
			r += n;
			col++;
			continue;
		}
		if (is_nbsp(cp)) {
			note(&cls[NBSP], "", 0, "", 0, line, col);
			s[w++] = ' ';
			r += n;
			col++;
			continue;
		}
		if (is_halfwidth_kana(cp)) {
			/* NFKC of the run: ｶﾞ becomes one ガ, so the run goes whole */
			size_t e = halfwidth_run(s, len, r);
			const char *full = pc_nfkc(a, s + r, e - r);
			size_t fl = strlen(full);
			note(&cls[HALFWIDTH], s + r, e - r, full, fl, line, col);
			cls[HALFWIDTH].count += pc_utf8_count(s + r, e - r) - 1;
			col += (unsigned)pc_utf8_count(s + r, e - r);
			memcpy(s + w, full, fl); /* NFKC of half-width kana is never longer */
			w += fl;
			r = e;
			continue;
		}
		/* a radical: its kanji (3 bytes, as the radical) */
		uint32_t to = cp >= 0x2F00 ? 0 : supplement_ideograph(cp);
		char buf[8];
		size_t bl;
		if (cp >= 0x2F00) {
			const char *k = pc_nfkc(a, s + r, n);
			bl = strlen(k);
			memcpy(buf, k, bl < sizeof buf ? bl : 0);
		} else if (to) {
			bl = pc_utf8_encode(to, buf);
		} else {
			bl = 0; /* no kanji for it: kept */
		}
		if (!bl || bl > n) {
			memmove(s + w, s + r, n);
			w += n;
		} else {
			note(&cls[RADICAL], s + r, n, buf, bl, line, col);
			memcpy(s + w, buf, bl);
			w += bl;
		}
		r += n;
		col++;
	}
	s[w] = '\0';
	report(a, file, cls, d);
	return w;
}
