/*
 * Line layout core (text.h): ICU line breaking with kinsoku additions and
 * the keeps ICU does not know (numbers with their counters, katakana
 * words), JLREQ punctuation and Japanese–Latin spacing, line breaks chosen
 * over the whole paragraph (total fit, as Knuth and Plass do) with JLREQ's
 * order of adjustment, and justification.
 */
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>

#include "../../util/arena.h"

#define EPS 0.01f

/* Break opportunities before a glyph (pc_breaker.brk). */
enum {
	BRK_NO,        /* never */
	BRK_OK,        /* allowed */
	BRK_FORCED,    /* after U+2028 */
	BRK_KEPT,      /* allowed by ICU, removed by a keep (numbers, words) */
	BRK_RELAXED,   /* a kept break inside a run wider than the line */
	BRK_EMERGENCY, /* inside a word wider than the line: last resort */
};

/* What a line may give up when it is too long, in the order JLREQ takes
 * it (3.8.3): Japanese–Latin spaces down to ⅛ em, then the blanks of
 * brackets, then of 、, then a hundredth of an em from each gap between
 * two Japanese characters (T_KANJI, as jlreq.cls's kanjiskip "minus
 * .01zw": at most 0.4 em over a line of 40, too little to see), then the
 * blank of 。 (JLREQ keeps it: a last resort). */
enum { T_JL, T_BRACKET, T_COMMA, T_KANJI, T_PERIOD, NTIERS };

/*
 * Costs of a paragraph's lines (see stretch_cost and line_cost). A line
 * stretched by up to half an em is nearly free (≤ 25); past half an em a
 * line costs more than setting one 、 or bracket blank narrow (300), two
 * of them (500), the Japanese gaps of a line 0.4 em narrower (800 + the
 * 、 squeezed with them), 。 set half-width (1600) or a date broken
 * between its parts, and less than an era split from its year (3000).
 * A 、 or 。 that would start the next line may instead hang past the
 * measure (ぶら下げ, JLREQ 3.8.2, Word's default for Japanese): the line
 * without it is justified to the measure, and the hang costs about as
 * much as a 、 squeezed (HANG), so it replaces most squeezes and adds
 * one more way to fill a line. A paragraph ending in two characters
 * (「う。」) costs more than a line stretched by two ems (7100): a lone
 * syllable reads worse than a line spaced out by a twentieth of an em a
 * gap. So a character goes to the next line rather than squeezing
 * punctuation while that keeps the line within half an em; past that,
 * punctuation is squeezed or hung, within JLREQ's minimums. A line of
 * Japanese text set in whole ems, with one 、 or none, can still be an
 * em short and not fit one more character: it is stretched.
 */
static const double SQUEEZE_COST[NTIERS] = {40, 300, 400, 2000, 3000}; /* per em taken, by tier */
#define PUNCT_LINE     100.0  /* a line that sets any punctuation narrow */
#define SHORT_LAST     9000.0 /* a paragraph ending in two characters (one: twice) */
#define SHORT_RAGGED   500.0  /* the same in ragged text (cells, headings) */
#define RAGGED_LINE    1000.0 /* each line of ragged text: fewer lines first */
#define OVERFULL       1e7    /* a line that does not fit even squeezed */
#define EMERGENCY      5000.0 /* a break inside a word wider than the line */
#define STRETCH_WINDOW 3.0    /* em; lines stretched more are tried only when nothing fits */
#define SOFT_DATE      150.0  /* a date broken between its parts (令和9年｜2月) */
#define SOFT_ERA       3000.0 /* justified text: 令和｜6年, 令和6｜(2024)年 */
#define SOFT_KATAKANA  100.0  /* a katakana word broken inside (justified text) */
#define SOFT_URL       400.0  /* a URL broken after / . - and the like */
#define HANG           250.0  /* a 、 or 。 hung past the measure */
#define KANJI_SHRINK   0.01   /* em each gap between Japanese characters may lose */
/* What breaking a hard keep costs on top of EMERGENCY / 2 when a run is
 * wider than the line: a number from its counter last. */
#define HARD_NUMBER   2000.0
#define HARD_ERA      1000.0
#define HARD_KATAKANA 500.0

/* Prefix sums over a paragraph (pc_breaker.sum), one array each. */
enum { S_ADV, S_GAP, S_LEAD, S_TBRACKET, S_TCOMMA, S_TPERIOD, S_CHARS, S_KANJI, NSUMS };

/* A line as chosen: the glyphs it draws and where it is set. */
typedef struct chosen {
	size_t start, end; /* glyphs drawn */
	size_t brk;        /* the break that ends it (hidden glyphs up to it) */
	float left, avail, width;
	bool last, split, hang;
} chosen;

struct pc_breaker {
	UBreakIterator *strict, *phrase;
	size_t cap; /* glyphs the arrays below hold */
	UChar *u16;
	uint8_t *brk;        /* BRK_* before glyph i */
	float *pen;          /* cost of breaking before glyph i (soft keeps) */
	double *sum;         /* NSUMS prefix arrays of cap + 1 */
	double *sums[NSUMS]; /* each of them */
	size_t *start;       /* first glyph of a line that begins at break i */
	size_t *end;         /* end of the ink of a line that ends at break i */
	double *cost;        /* least cost of the paragraph up to break i */
	size_t *prev;        /* the break before i on that best way */
	bool *hang;          /* the line that ends at break i hangs its 、 or 。 */
	size_t *active;      /* breaks a line may still start from */
	chosen *lines;       /* the paragraph's lines as chosen */
};

pc_breaker *pc_breaker_new(void)
{
	pc_breaker *b = pc_xcalloc(1, sizeof *b);
	UErrorCode err = U_ZERO_ERROR;
	b->strict = ubrk_open(UBRK_LINE, "ja@lb=strict", NULL, 0, &err);
	if (U_FAILURE(err))
		b->strict = NULL;
	err = U_ZERO_ERROR;
	b->phrase = ubrk_open(UBRK_LINE, "ja@lb=strict;lw=phrase", NULL, 0, &err);
	if (U_FAILURE(err))
		b->phrase = NULL;
	return b;
}

void pc_breaker_free(pc_breaker *b)
{
	if (!b)
		return;
	if (b->strict)
		ubrk_close(b->strict);
	if (b->phrase)
		ubrk_close(b->phrase);
	free(b->u16);
	free(b->brk);
	free(b->pen);
	free(b->sum);
	free(b->start);
	free(b->end);
	free(b->cost);
	free(b->prev);
	free(b->hang);
	free(b->active);
	free(b->lines);
	free(b);
}

/* Makes room for a paragraph of n glyphs. */
static void reserve(pc_breaker *b, size_t n)
{
	if (b->cap >= n + 1)
		return;
	size_t c = (n + 1) * 2;
	b->u16 = pc_xrealloc(b->u16, c * sizeof *b->u16);
	b->brk = pc_xrealloc(b->brk, c);
	b->pen = pc_xrealloc(b->pen, c * sizeof *b->pen);
	b->sum = pc_xrealloc(b->sum, NSUMS * (c + 1) * sizeof *b->sum);
	b->start = pc_xrealloc(b->start, c * sizeof *b->start);
	b->end = pc_xrealloc(b->end, c * sizeof *b->end);
	b->cost = pc_xrealloc(b->cost, c * sizeof *b->cost);
	b->prev = pc_xrealloc(b->prev, c * sizeof *b->prev);
	b->hang = pc_xrealloc(b->hang, c * sizeof *b->hang);
	b->active = pc_xrealloc(b->active, c * sizeof *b->active);
	b->lines = pc_xrealloc(b->lines, c * sizeof *b->lines);
	b->cap = c;
	for (int k = 0; k < NSUMS; k++)
		b->sums[k] = b->sum + (size_t)k * (c + 1);
}

void pc_lines_free(pc_lines *l)
{
	free(l->items);
	memset(l, 0, sizeof *l);
}

uint8_t pc_text_class(uint32_t cp)
{
	switch (cp) {
	case 0x2028:
		return PC_CC_BREAK;
	case ' ':
		return PC_CC_SPACE;
	case 0x300C:
	case 0x300E:
	case 0xFF08:
	case 0x3014:
	case 0x3010:
	case 0x3008:
	case 0x300A:
	case 0xFF3B:
	case 0xFF5B:
	case 0x3018:
	case 0x3016:
	case 0x201C:
	case 0x2018:
	case 0x301D:
	case '(':
	case '[':
	case '{':
		return PC_CC_OPEN;
	case 0x300D:
	case 0x300F:
	case 0xFF09:
	case 0x3015:
	case 0x3011:
	case 0x3009:
	case 0x300B:
	case 0xFF3D:
	case 0xFF5D:
	case 0x3019:
	case 0x3017:
	case 0x201D:
	case 0x2019:
	case 0x301F:
	case ')':
	case ']':
	case '}':
		return PC_CC_CLOSE;
	case 0x3001:
	case 0xFF0C:
		return PC_CC_COMMA;
	case 0x3002:
	case 0xFF0E:
		return PC_CC_PERIOD;
	/* JLREQ cl-03..cl-06 and the small kana of cl-11 (strict rules) */
	case 0x30FC:
	case 0x30FB:
	case 0xFF1A:
	case 0xFF1B:
	case 0xFF01:
	case 0xFF1F:
	case 0x3005:
	case 0x303B:
	case 0x309D:
	case 0x309E:
	case 0x30FD:
	case 0x30FE:
	case 0x301C:
	case 0xFF5E:
	case 0x203C:
	case 0x2047:
	case 0x2048:
	case 0x2049:
	case 0x3041:
	case 0x3043:
	case 0x3045:
	case 0x3047:
	case 0x3049:
	case 0x3063:
	case 0x3083:
	case 0x3085:
	case 0x3087:
	case 0x308E:
	case 0x3095:
	case 0x3096:
	case 0x30A1:
	case 0x30A3:
	case 0x30A5:
	case 0x30A7:
	case 0x30A9:
	case 0x30C3:
	case 0x30E3:
	case 0x30E5:
	case 0x30E7:
	case 0x30EE:
	case 0x30F5:
	case 0x30F6:
	case 0xFF05:
	case 0x2030:
	case 0x2103:
	case 0x00B0:
	case 0x2032:
	case 0x2033:
	case 0x2026:
	case 0x2025:
	case 0xFF67:
	case 0xFF68:
	case 0xFF69:
	case 0xFF6A:
	case 0xFF6B:
	case 0xFF6C:
	case 0xFF6D:
	case 0xFF6E:
	case 0xFF6F:
	case 0xFF70:
	case '%':
	case '!':
	case '?':
	case ',':
	case '.':
	case ':':
	case ';':
		return PC_CC_NOSTART;
	default:
		break;
	}
	if (cp >= 0x31F0 && cp <= 0x31FF)
		return PC_CC_NOSTART;
	if (cp < 0x80)
		return PC_CC_LATIN;
	/* kana, kanji and full-width forms, without asking ICU: the
	 * punctuation among them is classed above */
	if ((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x3099 && cp <= 0x30FF) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xFF01 && cp <= 0xFF60))
		return PC_CC_CJK;
	int w = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
	if (w == U_EA_WIDE || w == U_EA_FULLWIDTH)
		return PC_CC_CJK;
	/* Ambiguous-width symbols (※ ○ ① …) are full width in Japanese fonts. */
	if (w == U_EA_AMBIGUOUS && cp >= 0x2000)
		return PC_CC_CJK;
	return PC_CC_LATIN;
}

static bool halfblank_right(const pc_glyph *q)
{
	return (q->cls == PC_CC_CLOSE || q->cls == PC_CC_COMMA || q->cls == PC_CC_PERIOD) &&
	       q->fw >= 0.9f * q->size;
}

/* ・：； (JLREQ cl-05): the ink in the middle of a full-width box, a
 * quarter em of blank on either side that may be squeezed. */
static bool middle_dot(const pc_glyph *q)
{
	return (q->cp == 0x30FB || q->cp == 0xFF1A || q->cp == 0xFF1B) && q->fw >= 0.9f * q->size;
}

void pc_text_prepare(pc_glyph *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		pc_glyph *q = &g[i];
		q->cls = pc_text_class(q->cp);
		if (q->cls == PC_CC_BREAK)
			q->flags |= PC_G_HIDDEN;
		q->adv = (q->flags & PC_G_HIDDEN) ? 0 : q->fw;
		q->lead = q->trail = q->off = q->gap = 0;
		if (q->cls == PC_CC_CJK || q->cls == PC_CC_LATIN || q->fw < 0.9f * q->size)
			continue;
		if (q->cls == PC_CC_OPEN)
			q->lead = q->fw / 2;
		else if (halfblank_right(q))
			q->trail = q->fw / 2;
		else if (middle_dot(q))
			q->lead = q->trail = q->fw / 4;
	}
	for (size_t i = 1; i < n; i++) {
		pc_glyph *a = &g[i - 1], *b = &g[i];
		if ((a->flags | b->flags) & PC_G_HIDDEN)
			continue;
		/* Where two half-em punctuation blanks meet, one goes (JLREQ 3.1.4);
		 * a blank on the right is half an em unless it is a middle dot's. */
		bool b_open = b->cls == PC_CC_OPEN && b->lead > 0;
		if (a->trail > 0 && a->cls != PC_CC_NOSTART &&
		    (b_open || (b->trail > 0 && b->cls != PC_CC_NOSTART))) {
			a->adv -= a->trail;
			a->trail = 0;
		} else if (a->cls == PC_CC_OPEN && a->lead > 0 && b_open) {
			b->adv -= b->lead;
			b->off -= b->lead;
			b->lead = 0;
		}
		/* A quarter em between Japanese and Latin text (JLREQ 3.2.5). */
		if ((a->cls == PC_CC_CJK && b->cls == PC_CC_LATIN) ||
		    (a->cls == PC_CC_LATIN && b->cls == PC_CC_CJK))
			b->gap = 0.25f * (a->size > b->size ? a->size : b->size);
	}
}

/* What the last glyph of a line adds to its width: closing punctuation
 * drops its blank half at the line end. */
static float end_adv(const pc_glyph *q)
{
	return halfblank_right(q) ? q->fw / 2 : q->adv;
}

/* The tier of a glyph's blank on the right: brackets and middle dots go
 * first, then 、, then 。. */
static int trail_tier(const pc_glyph *q)
{
	return q->cls == PC_CC_COMMA ? T_COMMA : q->cls == PC_CC_PERIOD ? T_PERIOD : T_BRACKET;
}

/* 、 and 。 (and ，．) set full width may hang past the measure at a
 * line end (JLREQ 3.8.2, ぶら下げ). */
static bool may_hang(const pc_glyph *q)
{
	return (q->cls == PC_CC_COMMA || q->cls == PC_CC_PERIOD) && halfblank_right(q);
}

static bool no_start(uint8_t c)
{
	return c == PC_CC_CLOSE || c == PC_CC_COMMA || c == PC_CC_PERIOD || c == PC_CC_NOSTART;
}

/* ---- ICU ----------------------------------------------------------- */

/* Sets brk[i] = BRK_OK where ICU allows a break before u16[i] (0 < i < n);
 * returns false when ICU cannot say. */
static bool icu_breaks(pc_breaker *b, size_t n, bool phrase)
{
	UBreakIterator *bi = phrase && b->phrase ? b->phrase : b->strict;
	if (!bi || n >= INT32_MAX)
		return false;
	UErrorCode err = U_ZERO_ERROR;
	ubrk_setText(bi, b->u16, (int32_t)n, &err);
	if (U_FAILURE(err))
		return false;
	/* Forced breaks come from U+2028 glyphs alone: ICU 72 reports phrase
	 * boundaries (lw=phrase) with the hard status. */
	for (int32_t p = ubrk_first(bi); (p = ubrk_next(bi)) != UBRK_DONE;)
		if ((size_t)p < n)
			b->brk[p] = BRK_OK;
	return true;
}

/* ---- Where a line may end ------------------------------------------ */

static bool is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* Katakana letters, ー and the iteration marks; not ・, where a compound
 * (ファミリー・サポート・センター) may break. */
static bool is_katakana(uint32_t c)
{
	return (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FF) ||
	       (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F);
}

/* Counters and units that follow a number in Japanese text. A number is
 * never set apart from its counter (「114｜団体」「20｜歳代」「2｜か所」),
 * and a counter of several characters stays whole. */
static const char16_t *const COUNTERS[] = {
    u"年度", u"年間", u"年代", u"年",   u"か年度", u"か年", u"ヶ年", u"カ年", u"月",   u"か月",
    u"ヶ月", u"カ月", u"ケ月", u"日間", u"日",     u"時間", u"時",   u"分間", u"分",   u"秒",
    u"週間", u"週",   u"世紀", u"期",   u"代",     u"歳代", u"歳",   u"才",   u"人",   u"名",
    u"者",   u"世帯", u"戸",   u"軒",   u"件",     u"個",   u"つ",   u"回",   u"度",   u"倍",
    u"割",   u"位",   u"番地", u"番",   u"号",     u"条",   u"項",   u"章",   u"節",   u"次",
    u"階",   u"区",   u"丁目", u"組",   u"団体",   u"社",   u"校",   u"園",   u"店舗", u"店",
    u"館",   u"棟",   u"施設", u"箇所", u"か所",   u"ヶ所", u"カ所", u"ケ所", u"地区", u"か国",
    u"ヶ国", u"カ国", u"事業", u"基",   u"台",     u"本",   u"枚",   u"冊",   u"部",   u"点",
    u"種",   u"品",   u"頭",   u"匹",   u"羽",     u"隻",   u"機",   u"便",   u"局",   u"票",
    u"通",   u"席",   u"床",   u"室",   u"泊",     u"杯",   u"円",   u"万",   u"億",   u"千",
    u"兆",   u"％",   u"㎡",   u"㎞",   u"㎏",
};

/* Multipliers: a counter may follow them (114万人, 3億円) and so may a
 * number (1万2千人). */
static bool is_multiplier(uint32_t c)
{
	return c == 0x4E07 || c == 0x5104 || c == 0x5343 || c == 0x5146; /* 万 億 千 兆 */
}

/* Length of the longest counter that starts at glyph i, or 0. */
static size_t counter_at(const pc_glyph *g, size_t n, size_t i)
{
	size_t best = 0;
	if (g[i].cp < 0x3000) /* every counter starts with a Japanese character */
		return 0;
	for (size_t k = 0; k < sizeof COUNTERS / sizeof *COUNTERS; k++) {
		const char16_t *c = COUNTERS[k];
		if (c[0] != g[i].cp)
			continue;
		size_t j = 0;
		while (c[j] && i + j < n && g[i + j].cp == c[j])
			j++;
		if (!c[j] && j > best)
			best = j;
	}
	return best;
}

/* An era name (明治 大正 昭和 平成 令和) ends with glyph i. */
static bool era_ends(const pc_glyph *g, size_t i)
{
	static const char16_t eras[][2] = {u"明治", u"大正", u"昭和", u"平成", u"令和"};
	uint32_t c = g[i].cp;
	if (i < 1 || (c != 0x6CBB && c != 0x6B63 && c != 0x548C && c != 0x6210)) /* 治 正 和 成 */
		return false;
	for (size_t k = 0; k < sizeof eras / sizeof *eras; k++)
		if (g[i - 1].cp == eras[k][0] && g[i].cp == eras[k][1])
			return true;
	return false;
}

static bool is_paren(uint32_t c, bool open)
{
	return open ? c == '(' || c == 0xFF08 : c == ')' || c == 0xFF09;
}

/* A number ends with glyph i: a digit, 元 of an era's first year (令和元),
 * or the bracketed Western year after an era year (令和6(2024)). */
static bool number_ends(const pc_glyph *g, size_t i)
{
	uint32_t c = g[i].cp;
	if (is_digit(c))
		return true;
	if (c == 0x5143) /* 元 */
		return i > 0 && era_ends(g, i - 1);
	if (!is_paren(c, false))
		return false;
	size_t k = i;
	while (k > 0 && is_digit(g[k - 1].cp))
		k--;
	return k < i && k >= 2 && is_paren(g[k - 1].cp, true) && is_digit(g[k - 2].cp);
}

/* A bracketed number starts at glyph i: (2024) */
static bool bracketed_number_at(const pc_glyph *g, size_t n, size_t i)
{
	if (!is_paren(g[i].cp, true))
		return false;
	size_t k = i + 1;
	while (k < n && is_digit(g[k].cp))
		k++;
	return k > i + 1 && k < n && is_paren(g[k].cp, false);
}

/* A keep before glyph i. A soft one makes the break cost more; a hard one
 * removes it, and it comes back only inside a run wider than the line
 * (emergency_breaks), at that cost on top of the emergency's. */
static void keep(pc_breaker *b, size_t i, bool hard, double cost)
{
	b->pen[i] += cost;
	if (hard && b->brk[i] == BRK_OK)
		b->brk[i] = BRK_KEPT;
}

/* Hiragana, or a kanji that neither ends an era name (治 正 和 成) nor is
 * 元: no keep starts or ends between two of them, the commonest pair. */
static bool keeps_nothing(uint32_t c)
{
	return (c >= 0x3041 && c <= 0x3096) ||
	       (c >= 0x4E00 && c <= 0x9FFF && c != 0x5143 && c != 0x6CBB && c != 0x6B63 &&
	        c != 0x548C && c != 0x6210);
}

/*
 * The keeps ICU does not know (JLREQ leaves them to the house style): a
 * number stays with its counter, 第 with its number, an era name stays
 * whole. An era name with its year and an era year with its bracketed
 * Western year (令和6(2024)) stay together in ragged text; in justified
 * text a break there costs as much as a line stretched by an em, so a
 * long date does not open a wide line. A date breaks between its parts
 * only when nothing better is found (令和9年｜2月). Katakana words stay
 * whole in ragged text (index entries, cells: they break at ・) and break
 * inside only at a cost in justified text.
 */
static void keep_together(pc_breaker *b, const pc_glyph *g, size_t n, bool justified)
{
	for (size_t i = 1; i < n; i++) {
		uint32_t a = g[i - 1].cp, c = g[i].cp;
		if (keeps_nothing(a) && keeps_nothing(c))
			continue;
		if (number_ends(g, i - 1)) {
			/* a counter after one space too, as values are written in
			 * tables (8,640 件/年) */
			size_t at = i;
			if (g[i].cls == PC_CC_SPACE && i + 1 < n && counter_at(g, n, i + 1))
				at = i + 1;
			size_t len = counter_at(g, n, at);
			/* the counter, a counter after a multiplier (万人, 億円) and a
			 * unit per unit (件/年, 人/月) */
			while (len) {
				for (size_t k = at; k < at + len && k < n; k++)
					keep(b, k, true, HARD_NUMBER);
				at += len;
				if (at + 1 < n && (g[at].cp == '/' || g[at].cp == 0xFF0F) &&
				    counter_at(g, n, at + 1)) {
					len = counter_at(g, n, ++at); /* the one after the slash */
				} else
					len = at < n && is_multiplier(g[at - 1].cp)
					          ? counter_at(g, n, at)
					          : 0;
			}
			if (bracketed_number_at(g, n, i))
				keep(b, i, !justified, justified ? SOFT_ERA : HARD_ERA);
		}
		if (is_digit(c) &&
		    ((is_multiplier(a) && i >= 2 && number_ends(g, i - 2)) || a == 0x7B2C /* 第 */))
			keep(b, i, true, HARD_NUMBER);
		if (i + 1 < n && era_ends(g, i))
			keep(b, i, true, HARD_NUMBER);
		if ((is_digit(c) || c == 0x5143 /* 元 */) && era_ends(g, i - 1))
			keep(b, i, !justified, justified ? SOFT_ERA : HARD_ERA);
		if (is_digit(c) && (a == 0x5E74 || a == 0x6708) /* 年 月 */ && i >= 2 &&
		    number_ends(g, i - 2))
			keep(b, i, false, SOFT_DATE);
		if (is_katakana(a) && is_katakana(c))
			keep(b, i, !justified, justified ? SOFT_KATAKANA : HARD_KATAKANA);
	}
}

static bool starts_with(const pc_glyph *g, size_t n, size_t i, const char *s)
{
	for (; *s; s++, i++)
		if (i >= n || g[i].cp != (unsigned char)*s)
			return false;
	return true;
}

/* A URL (http://, https://, www.) may break after / . - _ ? & = # when
 * the next character is a letter or digit, at a cost: ICU gives no break
 * inside it, and a URL shorter than the line would otherwise open a wide
 * line before it. */
static void url_breaks(pc_breaker *b, const pc_glyph *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if ((g[i].cp != 'h' && g[i].cp != 'w') ||
		    (!starts_with(g, n, i, "http://") && !starts_with(g, n, i, "https://") &&
		     !starts_with(g, n, i, "www.")))
			continue;
		size_t k = i;
		while (k < n && g[k].cp > ' ' && g[k].cp < 0x7F && g[k].cp != ')' && g[k].cp != '>')
			k++;
		for (size_t j = i + 1; j < k; j++) {
			uint32_t a = g[j - 1].cp, c = g[j].cp;
			bool alnum =
			    (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
			if (alnum && a < 0x80 && strchr("/.-_?&=#", (int)a) &&
			    b->brk[j] == BRK_NO) {
				b->brk[j] = BRK_OK;
				b->pen[j] += SOFT_URL;
			}
		}
		i = k;
	}
}

/* A run between two break opportunities that is wider than the line (a
 * URL, a long word, a number and its counter in a narrow cell) may break
 * where a keep removed a break, at a high cost, and before any character
 * that may start a line, at a higher one. */
static void emergency_breaks(pc_breaker *b, const pc_glyph *g, size_t n, float avail)
{
	size_t a = 0;
	float w = 0;
	for (size_t i = 1; i <= n; i++) {
		w += g[i - 1].adv + (i - 1 > a ? g[i - 1].gap : 0);
		if (i < n && (b->brk[i] == BRK_NO || b->brk[i] == BRK_KEPT))
			continue;
		for (size_t k = a + 1; w > avail + EPS && k < i; k++) {
			if (b->brk[k] == BRK_KEPT)
				b->brk[k] = BRK_RELAXED;
			else if (!no_start(g[k].cls) && g[k - 1].cls != PC_CC_OPEN &&
			         g[k].cls != PC_CC_BREAK)
				b->brk[k] = BRK_EMERGENCY;
		}
		a = i;
		w = 0;
	}
}

/* Fills brk[i] (0 < i < n) with BRK_* and pen[i] with the cost of a
 * break there, emergency breaks left out. */
static void opportunities(pc_breaker *b, const pc_glyph *g, size_t n, const pc_parshape *sh)
{
	memset(b->brk, BRK_NO, n + 1);
	for (size_t i = 0; i <= n; i++)
		b->pen[i] = 0;
	for (size_t i = 0; i < n; i++)
		b->u16[i] = g[i].cp > 0xFFFF || (g[i].cp >= 0xD800 && g[i].cp <= 0xDFFF)
		                ? 0x3013
		                : (UChar)g[i].cp;
	bool icu = icu_breaks(b, n, sh->phrase);
	for (size_t i = 1; i < n; i++) {
		uint8_t c = g[i].cls, p = g[i - 1].cls;
		if (p == PC_CC_BREAK) {
			b->brk[i] = BRK_FORCED;
			continue;
		}
		if (!icu)
			b->brk[i] = !(p == PC_CC_LATIN && c == PC_CC_LATIN);
		if (no_start(c) || p == PC_CC_OPEN || (g[i].flags & PC_G_GLUE) || c == PC_CC_BREAK)
			b->brk[i] = BRK_NO;
	}
	keep_together(b, g, n, !sh->ragged);
	url_breaks(b, g, n);
}

/* ---- Choosing the breaks of a paragraph ---------------------------- */

/* The measures of one candidate line: its natural width and what each
 * tier of adjustment can take from it. */
typedef struct fit {
	double w;
	double cap[NTIERS];
	double shrink; /* all tiers */
	double chars;  /* characters, term marks and spaces left out */
	double hang;   /* what a 、 or 。 at the end adds, if it may hang, else 0 */
	bool empty;
} fit;

static bool stretchable(const pc_glyph *g, size_t i)
{
	const pc_glyph *a = &g[i - 1], *b = &g[i];
	if ((a->flags | b->flags) & PC_G_HIDDEN)
		return false;
	if (a->cls == PC_CC_LATIN && b->cls == PC_CC_LATIN)
		return false; /* never inside a Latin word */
	if (b->cls == PC_CC_CLOSE || b->cls == PC_CC_COMMA || b->cls == PC_CC_PERIOD ||
	    a->cls == PC_CC_OPEN || (b->flags & PC_G_GLUE))
		return false;
	return true;
}

/* A gap between two Japanese characters, which the last tier may narrow. */
static bool shrinkable(const pc_glyph *g, size_t i)
{
	uint8_t a = g[i - 1].cls, c = g[i].cls;
	return a != PC_CC_LATIN && a != PC_CC_SPACE && c != PC_CC_LATIN && c != PC_CC_SPACE &&
	       stretchable(g, i);
}

/* Prefix sums of the paragraph's advances, gaps and blanks; line starts
 * after leading spaces and line ends before trailing ones; returns the
 * paragraph's em (its largest unraised size). */
static double measure_paragraph(pc_breaker *b, const pc_glyph *g, size_t n)
{
	double *const *s = b->sums;
	for (int k = 0; k < NSUMS; k++)
		s[k][0] = 0;
	float em = 0;
	for (size_t i = 0; i < n; i++) {
		const pc_glyph *q = &g[i];
		double v[NSUMS] = {q->adv, q->gap, q->lead, 0, 0, 0, 0, 0};
		if (i > 0 && shrinkable(g, i))
			v[S_KANJI] = KANJI_SHRINK * q->size;
		if (q->trail > 0)
			v[S_TBRACKET + trail_tier(q) - T_BRACKET] = q->trail;
		bool shown = q->cls != PC_CC_SPACE && !(q->flags & PC_G_HIDDEN) && q->rise == 0;
		v[S_CHARS] = shown;
		for (int k = 0; k < NSUMS; k++)
			s[k][i + 1] = s[k][i] + v[k];
		if (shown && q->size > em)
			em = q->size;
	}
	b->end[0] = 0;
	for (size_t i = 1; i <= n; i++)
		b->end[i] =
		    g[i - 1].cls == PC_CC_SPACE || g[i - 1].cls == PC_CC_BREAK ? b->end[i - 1] : i;
	b->start[n] = n;
	for (size_t i = n; i-- > 0;)
		b->start[i] = g[i].cls == PC_CC_SPACE ? b->start[i + 1] : i;
	b->start[0] = 0; /* the first line keeps what the caller put first */
	return em > 0 ? em : 10;
}

static fit line_fit(const pc_breaker *b, const pc_glyph *g, size_t s, size_t t)
{
	fit f = {0};
	if (t <= s) {
		f.empty = true;
		return f;
	}
#define SPAN(k, i, j) (b->sums[k][j] - b->sums[k][i])
	double gaps = SPAN(S_GAP, s + 1, t);
	f.w = SPAN(S_ADV, s, t) - g[t - 1].adv + end_adv(&g[t - 1]) + gaps;
	f.cap[T_JL] = gaps / 2;
	f.cap[T_BRACKET] = SPAN(S_LEAD, s + 1, t) + SPAN(S_TBRACKET, s, t - 1);
	f.cap[T_COMMA] = SPAN(S_TCOMMA, s, t - 1);
	f.cap[T_PERIOD] = SPAN(S_TPERIOD, s, t - 1);
	f.cap[T_KANJI] = SPAN(S_KANJI, s + 1, t);
	f.chars = SPAN(S_CHARS, s, t);
	f.hang = may_hang(&g[t - 1]) ? end_adv(&g[t - 1]) : 0;
#undef SPAN
	f.shrink =
	    f.cap[T_JL] + f.cap[T_BRACKET] + f.cap[T_COMMA] + f.cap[T_KANJI] + f.cap[T_PERIOD];
	return f;
}

/* The line of a justified paragraph fits on the measure with its last
 * 、 or 。 hung past it, and does not without. */
static bool hang_fits(const fit *f, double avail, const pc_parshape *sh)
{
	return !sh->ragged && f->hang > 0 && f->w > avail + EPS && f->w - f->hang <= avail + EPS;
}

/* Cost of taking need points from a line, tier by tier. */
static double squeeze_cost(const fit *f, double need, double em)
{
	double c = 0;
	bool punct = false;
	for (int k = 0; k < NTIERS && need > EPS; k++) {
		double take = need < f->cap[k] ? need : f->cap[k];
		if (take <= 0)
			continue;
		c += SQUEEZE_COST[k] * take / em;
		punct |= k != T_JL && k != T_KANJI;
		need -= take;
	}
	if (need > EPS)
		c += OVERFULL * (1 + need / em);
	return c + (punct ? PUNCT_LINE : 0);
}

/* Cost of a justified line x em short of the measure: gentle up to half
 * an em, a step and steep beyond (¾ em: 2225, 1 em: 2700, 2 em: 7100). */
static double stretch_cost(double x)
{
	if (x <= 0.5)
		return 100 * x * x;
	double o = x - 0.5;
	return 2000 + 400 * o + 2000 * o * o;
}

/* Cost of a line of the given fit; last: flush left (paragraph end or
 * forced break); tail: the paragraph's last line, after others. *hung
 * tells whether the cost is that of the line with its 、 or 。 hung. */
static double line_cost(const fit *f, double avail, double em, const pc_parshape *sh, bool last,
                        bool tail, bool *hung)
{
	*hung = false;
	if (f->empty)
		return last ? 0 : OVERFULL;
	double c = 0, d = f->w - avail;
	if (d > EPS) {
		c = squeeze_cost(f, d, em);
		if (hang_fits(f, avail, sh)) {
			double h = HANG + (last ? 0 : stretch_cost((f->hang - d) / em));
			if (h < c) {
				c = h;
				*hung = true;
			}
		}
	} else if (sh->ragged) {
		double x = d < 0 ? -d / em : 0;
		c = sh->balance ? 100 * x * x : last ? 0 : x;
	} else if (!last)
		c = stretch_cost(-d / em);
	if (sh->ragged)
		c += RAGGED_LINE;
	if (tail && f->chars <= 2)
		c += (sh->ragged ? SHORT_RAGGED : SHORT_LAST) * (f->chars <= 1 ? 2 : 1);
	return c;
}

/*
 * Total fit: cost[p] is the least cost of setting the paragraph up to a
 * break before glyph p, prev[p] the break that starts its last line. The
 * breaks a line may start from are kept in active[], oldest first; one is
 * dropped once a line from it no longer fits even squeezed (lines only
 * grow), and in justified text the newer ones, whose lines would be
 * stretched more than STRETCH_WINDOW, are tried only when nothing else
 * fits. Fills cost[] and prev[] up to n.
 */
static void choose_breaks(pc_breaker *b, const pc_glyph *g, size_t n, const pc_parshape *sh,
                          double em)
{
	size_t *act = b->active, nact = 1;
	b->hang[0] = false;
	double window = STRETCH_WINDOW * em, first = sh->width - sh->first,
	       rest = sh->width - sh->rest;
	act[0] = 0;
	b->cost[0] = 0;
	for (size_t p = 1; p <= n; p++) {
		uint8_t kind = p < n ? b->brk[p] : BRK_FORCED;
		if (kind == BRK_NO || kind == BRK_KEPT)
			continue;
		bool last = kind == BRK_FORCED;
		double pen = p == n                  ? 0
		             : kind == BRK_EMERGENCY ? b->pen[p] + EMERGENCY
		             : kind == BRK_RELAXED   ? b->pen[p] + EMERGENCY / 2
		                                     : b->pen[p];
		double best = INFINITY;
		size_t from = SIZE_MAX, keep = 0;
		b->hang[p] = false;
		for (size_t a = 0; a < nact; a++) {
			size_t q = act[a];
			double avail = q == 0 ? first : rest;
			fit f = line_fit(b, g, b->start[q], b->end[p]);
			bool over =
			    !f.empty && f.w - f.shrink > avail + EPS && !hang_fits(&f, avail, sh);
			if (over && a + 1 < nact)
				continue; /* no later line from q fits either */
			act[keep++] = q;
			bool wide = !sh->ragged && !last && !over && avail - f.w > window;
			if (!wide || from == SIZE_MAX) {
				bool hung;
				double c =
				    b->cost[q] +
				    line_cost(&f, avail, em, sh, last, p == n && q > 0, &hung) +
				    pen;
				if (c < best) {
					best = c;
					from = q;
					b->hang[p] = hung;
				}
			}
			if (wide) { /* the lines from newer breaks are shorter still */
				if (keep != a + 1)
					memmove(act + keep, act + a + 1,
					        (nact - a - 1) * sizeof *act);
				keep += nact - a - 1;
				break;
			}
		}
		nact = keep;
		b->cost[p] = best;
		b->prev[p] = from;
		if (last) {
			act[0] = p;
			nact = 1;
		} else
			act[nact++] = p;
	}
}

/* ---- Setting the lines --------------------------------------------- */

/* Sets x for glyphs [s, e) of one line; returns the line's width. A line
 * that is too long gives up JLREQ's blanks tier by tier (each tier evenly
 * over its places); a justified line that is too short widens its
 * Japanese–Latin spaces up to ½ em, then every gap evenly. A hung line
 * justifies [s, e - 1) to the measure and sets its last glyph (、 or 。)
 * right after, past the measure. */
static float position(pc_glyph *g, size_t s, size_t e, float indent, float avail, bool justify,
                      bool hang)
{
	float nat = 0, gaps = 0, cap[NTIERS] = {0};
	size_t points = 0, m = hang ? e - 1 : e; /* m: end of the glyphs on the measure */
	for (size_t i = s; i < m; i++) {
		const pc_glyph *q = &g[i];
		nat += (i + 1 == e ? end_adv(q) : q->adv) + (i > s ? q->gap : 0);
		if (i > s) {
			cap[T_JL] += q->gap / 2;
			cap[T_BRACKET] += q->lead;
			gaps += q->gap;
			points += stretchable(g, i);
		}
		if (i + 1 < m && q->trail > 0)
			cap[trail_tier(q)] += q->trail;
	}
	float cut[NTIERS] = {0}, grow = 0, per = 0;
	if (nat > avail) {
		float need = nat - avail;
		for (size_t i = s + 1; i < m && need > cap[T_JL] + cap[T_BRACKET] + cap[T_COMMA];
		     i++)
			cap[T_KANJI] += shrinkable(g, i) ? KANJI_SHRINK * g[i].size : 0;
		for (int k = 0; k < NTIERS && need > 0; k++) {
			if (cap[k] <= 0)
				continue;
			float take = need < cap[k] ? need : cap[k];
			cut[k] = take / cap[k];
			need -= take;
		}
	} else if (justify && nat < avail) {
		float extra = avail - nat;
		if (gaps > 0) {
			grow = extra / gaps;
			if (grow > 1)
				grow = 1;
			extra -= gaps * grow;
		}
		if (points)
			per = extra / (float)points;
	}
	float x = indent, width = 0;
	for (size_t i = s; i < e; i++) {
		pc_glyph *q = &g[i];
		if (i > s)
			x += q->gap * (1 + grow - cut[T_JL] / 2) +
			     (per > 0 && stretchable(g, i) ? per : 0) -
			     (cut[T_KANJI] > 0 && shrinkable(g, i)
			          ? KANJI_SHRINK * q->size * cut[T_KANJI]
			          : 0);
		float cutl = i > s ? q->lead * cut[T_BRACKET] : 0;
		float cutt = i + 1 < e && q->trail > 0 ? q->trail * cut[trail_tier(q)] : 0;
		q->x = x + q->off - cutl;
		if (i + 1 == m)
			width = x - cutl + (m == e ? end_adv(q) : q->adv) - indent;
		x += q->adv - cutl - cutt;
	}
	return width;
}

static pc_line *new_line(pc_lines *out)
{
	if (out->len == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 64;
		out->items = pc_xrealloc(out->items, out->cap * sizeof *out->items);
	}
	return &out->items[out->len++];
}

/* The line from break q to break p, as chosen. */
static chosen chosen_line(const pc_breaker *b, size_t n, size_t q, size_t p, const pc_parshape *sh)
{
	size_t s = b->start[q], t = b->end[p];
	if (s > p)
		s = p;
	if (t < s)
		t = s;
	float left = q == 0 ? sh->first : sh->rest;
	return (chosen){s,
	                t,
	                p,
	                left,
	                sh->width - left,
	                0,
	                p >= n || b->brk[p] == BRK_FORCED,
	                p < n && (b->brk[p] == BRK_EMERGENCY || b->brk[p] == BRK_RELAXED),
	                b->hang[p] && t == p && t > s};
}

static void append_line(pc_glyph *g, const chosen *m, pc_lines *out)
{
	if (m->split)
		g[m->brk].flags |= PC_G_SPLIT;
	*new_line(out) = (pc_line){m->start, m->end, m->left, m->width, m->avail, m->last, m->hang};
}

/* Sets a line's glyphs (and its width) and appends it to out. */
static void place_line(pc_glyph *g, chosen *m, const pc_parshape *sh, pc_lines *out)
{
	m->width = m->end > m->start ? position(g, m->start, m->end, m->left, m->avail,
	                                        !m->last && !sh->ragged, m->hang)
	                             : 0;
	/* Hidden glyphs past the trimmed end still need a position. */
	for (size_t k = m->end; k < m->brk; k++)
		g[k].x = m->left + m->width;
	append_line(g, m, out);
}

/* The end of the ink if glyphs [0, n) fit on the first line as they are
 * (no forced break, no adjustment needed), else 0. */
static size_t fits_first_line(const pc_glyph *g, size_t n, const pc_parshape *sh)
{
	float avail = sh->width - sh->first, w = 0;
	size_t end = 0;
	for (size_t i = 0; i < n; i++) {
		const pc_glyph *q = &g[i];
		if (q->cls == PC_CC_BREAK)
			return 0;
		float gap = i > 0 ? q->gap : 0;
		if (q->cls != PC_CC_SPACE) {
			if (w + gap + end_adv(q) > avail + EPS)
				return 0;
			end = i + 1;
		}
		w += gap + q->adv;
	}
	return end;
}

size_t pc_text_break(pc_breaker *b, pc_glyph *g, size_t n, const pc_parshape *sh, pc_lines *out)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		g[i].flags &= (uint8_t)~PC_G_SPLIT;
	/* A text that fits on its first line is that line, whatever the costs
	 * (most cells, headings and entries): no breaks to look for. */
	size_t one = fits_first_line(g, n, sh);
	if (one) {
		chosen m = {0, one, n, sh->first, sh->width - sh->first, 0, true, false, false};
		place_line(g, &m, sh, out);
		return 1;
	}
	reserve(b, n);
	opportunities(b, g, n, sh);
	float first = sh->width - sh->first, rest = sh->width - sh->rest;
	emergency_breaks(b, g, n, first < rest ? first : rest);
	double em = measure_paragraph(b, g, n);
	choose_breaks(b, g, n, sh, em);
	/* the chosen breaks, last first, then the lines in order */
	size_t *brk = b->active, nb = 0;
	for (size_t p = n; p > 0; p = b->prev[p])
		brk[nb++] = p;
	for (size_t k = 0, q = 0; k < nb; k++) {
		size_t p = brk[nb - 1 - k];
		b->lines[k] = chosen_line(b, n, q, p, sh);
		place_line(g, &b->lines[k], sh, out);
		q = p;
	}
	return nb;
}

void pc_text_opportunities(pc_breaker *b, const pc_glyph *g, size_t n, const pc_parshape *sh,
                           uint8_t *open)
{
	if (!n)
		return;
	reserve(b, n);
	opportunities(b, g, n, sh);
	open[0] = 0;
	for (size_t i = 1; i < n; i++)
		open[i] =
		    b->brk[i] == BRK_FORCED                                                     ? 2
		    : b->brk[i] == BRK_OK && g[i].cls != PC_CC_SPACE && g[i].cls != PC_CC_BREAK ? 1
		                                                                                : 0;
}

float pc_text_min_width(pc_breaker *b, const pc_glyph *g, size_t n, const pc_parshape *sh)
{
	if (!n)
		return 0;
	reserve(b, n);
	opportunities(b, g, n, sh);
	float widest = 0, w = 0, ink = 0;
	for (size_t i = 0, a = 0; i < n; i++) {
		const pc_glyph *q = &g[i];
		if (i > 0 && (b->brk[i] == BRK_OK || b->brk[i] == BRK_FORCED)) {
			widest = ink > widest ? ink : widest;
			w = ink = 0;
			a = i;
		}
		float gap = i > a ? q->gap : 0;
		if (q->cls != PC_CC_SPACE && q->cls != PC_CC_BREAK)
			ink = w + gap + end_adv(q); /* the run, were it to end here */
		w += gap + q->adv;
	}
	return ink > widest ? ink : widest;
}

float pc_line_right(const pc_glyph *g, const pc_line *l)
{
	if (l->end <= l->start)
		return l->left;
	const pc_glyph *q = &g[l->end - 1];
	return q->x - q->off + end_adv(q); /* past the measure when the line hangs */
}
