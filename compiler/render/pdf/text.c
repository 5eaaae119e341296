/*
 * Line layout core (text.h): ICU line breaking with kinsoku additions,
 * JLREQ punctuation and Japanese–Latin spacing, greedy filling with
 * punctuation squeezing, and justification.
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>

#include "../../util/arena.h"

#define EPS 0.01f

struct pc_breaker {
	UBreakIterator *strict, *phrase;
	UChar *u16;
	uint8_t *brk;
	size_t cap;
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
	free(b);
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

void pc_text_prepare(pc_glyph *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		pc_glyph *q = &g[i];
		q->cls = pc_text_class(q->cp);
		if (q->cls == PC_CC_BREAK)
			q->flags |= PC_G_HIDDEN;
		q->adv = (q->flags & PC_G_HIDDEN) ? 0 : q->fw;
		q->lead = q->trail = q->off = q->gap = 0;
		if (q->cls == PC_CC_OPEN && q->fw >= 0.9f * q->size)
			q->lead = q->fw / 2;
		if (halfblank_right(q))
			q->trail = q->fw / 2;
	}
	for (size_t i = 1; i < n; i++) {
		pc_glyph *a = &g[i - 1], *b = &g[i];
		if ((a->flags | b->flags) & PC_G_HIDDEN)
			continue;
		/* Where two punctuation blanks meet, one half em goes (JLREQ 3.1.4). */
		if (a->trail > 0 && (b->trail > 0 || b->lead > 0)) {
			a->adv -= a->trail;
			a->trail = 0;
		} else if (a->lead > 0 && b->lead > 0) {
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

static bool no_start(uint8_t c)
{
	return c == PC_CC_CLOSE || c == PC_CC_COMMA || c == PC_CC_PERIOD || c == PC_CC_NOSTART;
}

/* Fills brk[i] (i in 1..n-1): 0 no break before glyph i, 1 allowed, 2 forced. */
static void opportunities(pc_breaker *b, const pc_glyph *g, size_t n, bool phrase)
{
	if (b->cap < n + 1) {
		b->cap = (n + 1) * 2;
		b->u16 = pc_xrealloc(b->u16, b->cap * sizeof *b->u16);
		b->brk = pc_xrealloc(b->brk, b->cap);
	}
	memset(b->brk, 0, n + 1);
	UBreakIterator *bi = phrase && b->phrase ? b->phrase : b->strict;
	bool done = false;
	if (bi && n < INT32_MAX) {
		for (size_t i = 0; i < n; i++)
			b->u16[i] = g[i].cp > 0xFFFF || (g[i].cp >= 0xD800 && g[i].cp <= 0xDFFF)
			                ? 0x3013
			                : (UChar)g[i].cp;
		UErrorCode err = U_ZERO_ERROR;
		ubrk_setText(bi, b->u16, (int32_t)n, &err);
		if (U_SUCCESS(err)) {
			/* Forced breaks come from U+2028 glyphs alone (below): ICU 72
			 * reports phrase boundaries (lw=phrase) with the hard status. */
			for (int32_t p = ubrk_first(bi); (p = ubrk_next(bi)) != UBRK_DONE;)
				if ((size_t)p < n)
					b->brk[p] = 1;
			done = true;
		}
	}
	for (size_t i = 1; i < n; i++) {
		uint8_t c = g[i].cls, p = g[i - 1].cls;
		if (p == PC_CC_BREAK) {
			b->brk[i] = 2;
			continue;
		}
		if (!done)
			b->brk[i] = !(p == PC_CC_LATIN && c == PC_CC_LATIN);
		if (b->brk[i] == 2)
			continue;
		if (no_start(c) || p == PC_CC_OPEN || (g[i].flags & PC_G_GLUE) || c == PC_CC_BREAK)
			b->brk[i] = 0;
	}
}

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

/* Sets x for glyphs [s, e) of one line; returns the line's width. */
static float position(pc_glyph *g, size_t s, size_t e, float indent, float avail, bool justify)
{
	float nat = 0, sq = 0, gaps = 0;
	size_t points = 0;
	for (size_t i = s; i < e; i++) {
		nat += (i + 1 == e ? end_adv(&g[i]) : g[i].adv) + (i > s ? g[i].gap : 0);
		if (i > s) {
			sq += g[i].lead;
			gaps += g[i].gap;
			points += stretchable(g, i);
		}
		if (i + 1 < e)
			sq += g[i].trail;
	}
	float squeeze = 0, grow = 0, per = 0;
	if (nat > avail && sq > 0) {
		squeeze = (nat - avail) / sq;
		if (squeeze > 1)
			squeeze = 1;
	} else if (justify && nat < avail) {
		float extra = avail - nat;
		/* Japanese–Latin spaces first, up to ½ em, then every gap evenly. */
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
			x += q->gap * (1 + grow) + (per > 0 && stretchable(g, i) ? per : 0);
		float cutl = i > s ? q->lead * squeeze : 0;
		float cutt = i + 1 < e ? q->trail * squeeze : 0;
		q->x = x + q->off - cutl;
		if (i + 1 == e)
			width = x - cutl + end_adv(q) - indent;
		x += q->adv - cutl - cutt;
	}
	return width;
}

size_t pc_text_break(pc_breaker *b, pc_glyph *g, size_t n, const pc_parshape *sh, pc_lines *out)
{
	if (!n)
		return 0;
	opportunities(b, g, n, sh->phrase);
	const uint8_t *brk = b->brk;
	size_t s = 0, count = 0;
	while (s < n) {
		if (count > 0)
			while (s < n && g[s].cls == PC_CC_SPACE)
				s++;
		if (s >= n)
			break;
		float indent = count == 0 ? sh->first : sh->rest;
		float avail = sh->width - indent;
		float nat = 0, sq = 0, ns_nat = 0, ns_sq = 0;
		size_t last_ns = SIZE_MAX, best = 0, fit = s, i;
		bool forced = false;
		for (i = s; i < n; i++) {
			pc_glyph *q = &g[i];
			nat += q->adv + (i > s ? q->gap : 0);
			sq += (i > s ? q->lead : 0) + q->trail;
			if (q->cls != PC_CC_SPACE && q->cls != PC_CC_BREAK) {
				ns_nat = nat;
				ns_sq = sq;
				last_ns = i;
			}
			float wmin = 0;
			if (last_ns != SIZE_MAX) {
				const pc_glyph *l = &g[last_ns];
				wmin = ns_nat - l->adv + end_adv(l) - (ns_sq - l->trail);
			}
			if (wmin > avail + EPS && last_ns != SIZE_MAX && i > s)
				break;
			fit = i + 1;
			if (i + 1 == n || brk[i + 1]) {
				best = i + 1;
				if (i + 1 < n && brk[i + 1] == 2) {
					forced = true;
					break;
				}
			}
		}
		size_t end = best;
		if (!end) {
			/* No break opportunity fits (a long Latin word or URL): split
			 * it at the last character that fits, never before a
			 * character that may not start a line. */
			end = fit > s ? fit : s + 1;
			while (end > s + 1 && end < n && no_start(g[end].cls))
				end--;
			if (end < n)
				g[end].flags |= PC_G_SPLIT;
		}
		size_t tend = end;
		while (tend > s &&
		       (g[tend - 1].cls == PC_CC_SPACE || g[tend - 1].cls == PC_CC_BREAK))
			tend--;
		bool last = end >= n || forced || (end > s && g[end - 1].cls == PC_CC_BREAK);
		if (out->len == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 64;
			out->items = pc_xrealloc(out->items, out->cap * sizeof *out->items);
		}
		pc_line *ln = &out->items[out->len++];
		ln->start = s;
		ln->end = tend;
		ln->left = indent;
		ln->avail = avail;
		ln->last = last;
		ln->width =
		    tend > s ? position(g, s, tend, indent, avail, !last && !sh->ragged) : 0;
		/* Hidden glyphs past the trimmed end still need a position. */
		for (size_t k = tend; k < end; k++)
			g[k].x = indent + ln->width;
		count++;
		s = end;
	}
	return count;
}

float pc_line_right(const pc_glyph *g, const pc_line *l)
{
	if (l->end <= l->start)
		return l->left;
	const pc_glyph *q = &g[l->end - 1];
	return q->x - q->off + end_adv(q);
}
