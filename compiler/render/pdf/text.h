/*
 * The line layout core of the PDF back end: Japanese line breaking (ICU
 * ja@lb=strict plus the kinsoku rules ICU leaves to the program, numbers
 * kept with their counters, katakana words kept whole), line breaks chosen
 * over the whole paragraph, punctuation spacing, Japanese–Latin spacing
 * and justification after JLREQ. It knows nothing of PDF: glyph widths
 * come in already measured, positions go out. Tested on its own
 * (tests/unit/test_pdf_text.c).
 */
#ifndef PC_PDF_TEXT_H
#define PC_PDF_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Character classes that matter for spacing and breaking. */
enum {
	PC_CC_CJK,     /* kanji, kana, full-width forms */
	PC_CC_LATIN,   /* letters, digits and other narrow characters */
	PC_CC_SPACE,   /* U+0020 */
	PC_CC_OPEN,    /* 「『（〔【〈《 …: never at a line end */
	PC_CC_CLOSE,   /* 」』）〕】〉》 …: never at a line start */
	PC_CC_COMMA,   /* 、，: never at a line start */
	PC_CC_PERIOD,  /* 。．: never at a line start */
	PC_CC_NOSTART, /* ー・small kana 々 ！？ …: never at a line start */
	PC_CC_BREAK,   /* U+2028 forced line break (a <br> or hard break) */
};

/* Glyph flags. */
enum {
	PC_G_GLUE = 1 << 0,   /* no break before this glyph (term marks, markers) */
	PC_G_SPLIT = 1 << 1,  /* first glyph of a line split inside a word or a keep */
	PC_G_HIDDEN = 1 << 2, /* takes no space and is not drawn */
	PC_G_EN = 1 << 3,     /* in a run of English (model/lang.h): /Lang en when tagged */
};

/* One glyph of a paragraph. The caller fills cp, face, size, fw (the
 * font's advance in points), rgb, link, rise, flags; pc_text_prepare fills
 * the rest; pc_text_break sets x. */
typedef struct pc_glyph {
	uint32_t cp;
	int16_t face;
	uint8_t cls, flags;
	float size;
	float fw;    /* the font's advance (what the PDF viewer moves by) */
	float adv;   /* advance in layout, after punctuation pair rules */
	float lead;  /* blank at the left that may be squeezed (opening brackets) */
	float trail; /* blank at the right that may be squeezed or dropped at line end */
	float off;   /* draw offset from the pen position (negative: shifted left) */
	float gap;   /* Japanese–Latin space before this glyph (¼ em) */
	float x;     /* result: drawing x relative to the paragraph's left edge */
	float rise;  /* baseline shift (superscript marks) */
	uint32_t rgb;
	int32_t link; /* -1 or an id the caller gives meaning to */
	uint32_t src; /* caller's bookkeeping (e.g. source node) */
} pc_glyph;

/* The shape of a paragraph: width of the measure and indents. */
typedef struct pc_parshape {
	float width;       /* full measure */
	float first, rest; /* left indent of the first line and of the others */
	bool ragged;       /* flush left, no justification (table cells, headings) */
	bool phrase;       /* ICU lw=phrase (headings, cells): keep words whole */
	bool balance;      /* ragged: lines of even length (titles, long cells) */
} pc_parshape;

typedef struct pc_line {
	size_t start, end; /* glyphs [start, end) drawn on this line, spaces trimmed */
	float left;        /* indent */
	float width;       /* natural width after the adjustments (≤ available) */
	float avail;       /* available width (measure minus indent) */
	bool last;         /* last line of the paragraph or before a forced break */
	bool hang;         /* its last glyph (、 or 。) hangs past the measure */
} pc_line;

typedef struct pc_lines {
	pc_line *items;
	size_t len, cap;
} pc_lines;

typedef struct pc_breaker pc_breaker;

/* Opens the ICU break iterators once; NULL if ICU cannot (then breaks
 * fall back to every character boundary). */
pc_breaker *pc_breaker_new(void);
void pc_breaker_free(pc_breaker *b);

uint8_t pc_text_class(uint32_t cp);
/* Classifies glyphs and applies punctuation pair rules and ¼-em
 * Japanese–Latin spaces (JLREQ 3.1). */
void pc_text_prepare(pc_glyph *g, size_t n);
/* Breaks prepared glyphs into lines, appends them to out and sets each
 * glyph's x. The breaks are chosen for the whole paragraph at once: the
 * least squeezed punctuation and stretched space over all its lines, no
 * last line of one or two characters (justified text), even lines (ragged
 * text with balance). Returns the number of lines added. */
size_t pc_text_break(pc_breaker *b, pc_glyph *g, size_t n, const pc_parshape *shape, pc_lines *out);
/* Where the breaker may start a line in glyphs [0, n) of a paragraph of
 * the given shape, keeps applied: open[i] is 1 where a line may start at
 * glyph i, 2 where one must (after a U+2028), else 0 (open[0] is 0; no line
 * starts at a space). Breaks it takes only inside a run wider than the
 * line are not counted. Prepared glyphs. */
void pc_text_opportunities(pc_breaker *b, const pc_glyph *g, size_t n, const pc_parshape *sh,
                           uint8_t *open);
/* Width of the widest run of glyphs the breaker keeps on one line (a
 * word, a number with its counter, a katakana word in ragged text), as
 * pc_text_break would set it at the end of a line: the least measure a
 * table column needs for its words to stay whole. Prepared glyphs. */
float pc_text_min_width(pc_breaker *b, const pc_glyph *g, size_t n, const pc_parshape *sh);
/* Right edge of the ink of a line (last glyph without its droppable blank):
 * past left + avail when the line hangs its 、 or 。. */
float pc_line_right(const pc_glyph *g, const pc_line *l);
void pc_lines_free(pc_lines *l);

#endif
