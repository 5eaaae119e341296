/*
 * Private interface of the PDF back end. Its files, from the bottom up:
 *   builder.c   the narrow builder every walker makes pages with: glyphs,
 *               drawing ops, items (the units pagination moves), boxes,
 *               links; keys.c the destinations (typed keys);
 *   inline.c    the tree's inlines into glyphs;
 *   table.c     a table block;
 *   body.c      the plan's sections and blocks; kpi.c charts and the
 *               indicators appendix; front.c cover and contents;
 *   appendix.c  the glossary appendix and the index; report.c the
 *               yearly progress report;
 *   paginate.c  items onto pages; draw.c pages through the device;
 *   pdf.c       the passes. Each file calls only files listed above it.
 *
 * Coordinates: x in points from the page's left edge; y in points from
 * the top of the text block (from the item's top inside an item),
 * downward. The device converts to PDF space.
 */
#ifndef PC_PDF_LAYOUT_H
#define PC_PDF_LAYOUT_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../index/index.h"
#include "../../model/appendix.h"
#include "../../plancc.h"
#include "../../util/arena.h"
#include "../../util/buf.h"
#include "../../util/output.h"
#include "device.h"
#include "tags.h"
#include "text.h"

/* ---- page geometry (points) ---------------------------------------- */

#define BODY_SIZE   10.5f
#define BODY_PITCH  18.375f /* 1.75 of the body size */
#define BLOCK_W     420.0f  /* 40 characters of the body size (JLREQ: ≤ 40) */
#define BLOCK_X     ((PC_DEV_PAGE_W - BLOCK_W) / 2)
#define BLOCK_TOP   76.0f                /* from the page top */
#define BLOCK_H     (37 * BODY_PITCH)    /* 37 lines */
#define HEAD_BASE   (PC_DEV_PAGE_H - 50) /* running header baseline (PDF y) */
#define FOOT_BASE   42.0f                /* page number baseline */
#define TABLE_SIZE  9.0f
#define TABLE_PITCH 13.5f
#define CELL_PAD    3.5f
#define COL_GAP     21.0f /* between the two columns of the index */
#define COL_W       ((BLOCK_W - COL_GAP) / 2)
#define MAX_PASSES  6
#define MAX_NEST    48

/* colours */
#define C_TEXT         0x1A1A1Au
#define C_ACCENT       0x1B6B55u /* a municipal green */
#define C_ACCENT_LIGHT 0xE3F0EAu
#define C_RULE         0x9DB8AEu
#define C_GREY         0x6B6B6Bu
#define C_WHITE        0xFFFFFFu
#define C_BOX_FILL     0xF3F6F4u
#define C_CODE_FILL    0xF2F2F2u
#define C_HEADER_FILL  0xDCEBE4u
#define C_WATERMARK    0xE6E6E6u
#define C_ACTUAL       0xA3470Bu /* results in charts: apart from the green */
#define C_GRID         0xDDE5E1u

struct pc_gloss_entry;
struct pc_glossary;
struct pc_kpi_appendix;

/* ---- keys: destinations that links, the contents, the outline and the
 * index point to (keys.c) ------------------------------------------- */

/* A destination key; a struct so that it cannot be mixed up with pages,
 * link ids or indexes. */
typedef struct pdf_key {
	int v;
} pdf_key;

#define PDF_NO_KEY ((pdf_key){-1})

static inline bool pdf_key_ok(pdf_key k)
{
	return k.v >= 0;
}

typedef struct ptrmap {
	const void **keys;
	int *vals;
	size_t cap;
} ptrmap;

/* Every destination of the document: sections, tables, terms' definitions,
 * the places the index points to (uses of terms, index entries) and the
 * appendices. */
typedef struct pdf_keys {
	ptrmap map; /* section, table or indexed place node → key */
	size_t nsec, ntab, nterm, nplace;
	size_t n; /* all keys */
} pdf_keys;

void pdf_keys_init(pdf_keys *k, const pc_doc *doc);
void pdf_keys_free(pdf_keys *k);
/* A section's, a table's or an indexed place's key; PDF_NO_KEY for others. */
pdf_key pdf_key_of_node(const pdf_keys *k, const void *node);
/* The key of the i-th section of pc_doc.sections. */
pdf_key pdf_key_of_section(const pdf_keys *k, size_t i);
/* The definition of a term (its line in the glossary box). */
pdf_key pdf_key_of_term(const pdf_keys *k, const pc_term *t);
pdf_key pdf_key_of_appendix(const pdf_keys *k, pc_appendix a);
/* Whether a key is a section's (its index in pc_doc.sections), or an
 * appendix's. */
bool pdf_key_section(const pdf_keys *k, pdf_key key, size_t *section);
bool pdf_key_appendix(const pdf_keys *k, pdf_key key, pc_appendix *a);

/* ---- the layout's data --------------------------------------------- */

/* OP_SEG: a line from (x, y) to (x + w, y + h), dotted when id is 1;
 * OP_DISC: a circle of radius w around (x, y); OP_ALT_BEGIN/END: what the
 * ops between them say in words (id: index in pdf_layout.alts), for
 * extraction and screen readers (ActualText). */
enum {
	OP_TEXT,
	OP_RECT,
	OP_LINE,
	OP_DOTS,
	OP_IMAGE,
	OP_DEST,
	OP_LINK,
	OP_SEG,
	OP_DISC,
	OP_ALT_BEGIN,
	OP_ALT_END
};

/* One drawing operation of an item; x absolute on the page, y from the
 * item's top downward. */
typedef struct op {
	uint8_t kind;
	float x, y, w, h;
	uint32_t fill, stroke;
	float lw;
	size_t g0, g1; /* OP_TEXT: glyphs; y is the baseline */
	int id;        /* OP_IMAGE image, OP_LINK link, OP_SEG dotted, OP_ALT_BEGIN text */
	pdf_key key;   /* OP_DEST: the destination placed here */
	int se;        /* the structure element whose content it is (pdf_tag_open) */
} op;

enum {
	IT_KEEP = 1 << 0,    /* keep with the next item on the same page */
	IT_NEWPAGE = 1 << 1, /* start a new page */
	IT_HEADROW = 1 << 2, /* a table's header row, repeated after a page break */
	IT_ROW = 1 << 3,     /* a table row */
	IT_ABS = 1 << 4,     /* ops are relative to the page corner (cover) */
	IT_CHAPTER = 1 << 5, /* opens a chapter: no running header on its page */
	IT_FRONT = 1 << 6,   /* front matter page: no header */
	IT_GRID = 1 << 7,    /* a body line: its top snaps to the line grid */
	IT_COL = 1 << 8,     /* set in two columns (the index): built for the left one */
	IT_RECTO = 1 << 9,   /* with IT_NEWPAGE: on a right-hand (odd) page */
};

typedef struct item {
	float h, before;
	unsigned flags;
	int box;      /* innermost box, -1 none */
	int table;    /* for rows: the header item; -1 none */
	pdf_key head; /* the section or appendix named by running heads from
	               * this item on; PDF_NO_KEY: unchanged */
	size_t op0, op1;
} item;

enum { BOX_FRAME, BOX_FILL, BOX_BAR, BOX_CODE };

typedef struct box {
	int style, parent;
	float x, w;
} box;

typedef struct place {
	int item, page;
	float y;  /* top, from the text block's top */
	float dx; /* added to the item's x (right column) */
} place;

/* Where a link goes: a destination, or a URI. */
typedef struct pdf_link {
	pdf_key dest;
	const char *uri; /* NULL for a destination */
} pdf_link;

/* Inline style. */
typedef struct sty {
	int face;
	float size;
	uint32_t rgb;
	int link;   /* link id (pdf_link_to_*), -1 none */
	bool latin; /* ASCII (and full-width) letters, digits and signs in the
	             * face's Latin companion (pdf_sty: on; off for code) */
	float rise;
} sty;

#define VEC(T)                                                                                     \
	struct {                                                                                   \
		T *v;                                                                              \
		size_t n, cap;                                                                     \
	}
#define PUSH(vec, val)                                                                             \
	do {                                                                                       \
		if ((vec).n == (vec).cap) {                                                        \
			(vec).cap = (vec).cap ? (vec).cap * 2 : 256;                               \
			(vec).v = pc_xrealloc((vec).v, (vec).cap * sizeof *(vec).v);               \
		}                                                                                  \
		(vec).v[(vec).n++] = (val);                                                        \
	} while (0)

/* The faces of the booklet's roles, and the proportional Latin face that
 * goes with each (the role's own face when the map names none). */
typedef struct faces {
	int body, bold, head, table;
	int latin, bold_latin, head_latin, table_latin;
	int code; /* code: fixed-width Latin (the table face when the map has none) */
} faces;

/* A glyph as drawn: what drawing needs of a pc_glyph once it is set
 * (pdf_commit_glyphs), 24 bytes instead of 56. The line breaker's fields
 * (class, blanks) are not needed any more; face, size, colour and rise
 * are shared by runs of glyphs and kept once each in pdf_pool.styles. */
typedef struct pdf_dglyph {
	uint32_t cp;
	float x, fw;
	int32_t link;
	uint32_t src;        /* pc_glyph.src: an indexed place's key + 1 (paginate.c) */
	unsigned style : 24; /* index in pdf_pool.styles */
	unsigned flags : 8;  /* PC_G_* */
} pdf_dglyph;

typedef struct pdf_gstyle {
	int face;
	float size, rise;
	uint32_t rgb;
} pdf_gstyle;

/* What one layout pass makes: glyphs, ops, items, boxes, links.
 * Glyphs are numbered from 0 for the pass. Those being set are pc_glyphs
 * in g, from number gbase on (pdf_glyph); once a block is set they are
 * committed to drawn, under the same numbers, and g is emptied: the
 * breaker's records of a whole book (56 bytes a glyph, 1.5 million at
 * 2,000 pages) are never held at once. Ops refer to glyphs by number;
 * after each pass's walkers every glyph is in drawn. Glyphs made while
 * drawing (running heads) are made in g and committed after the book's
 * before they are drawn. */
typedef struct pdf_pool {
	VEC(pc_glyph) g; /* glyphs gbase, gbase + 1, … being set */
	size_t gbase;
	VEC(pdf_dglyph) drawn;
	VEC(pdf_gstyle) styles;
	uint32_t *style_slots; /* open addressing: index + 1 into styles, 0 empty */
	size_t style_cap;
	VEC(op) ops;
	VEC(item) items;
	VEC(box) boxes;
	VEC(pdf_link) links;
	VEC(const char *) alts; /* text alternatives of charts */
	VEC(pc_tag_elem) tags;  /* structure elements, in the order opened; 0 the root */
	int cur_box;
	/* Drawn glyphs and ops below these numbers are given back: the pages
	 * that drew them are done and no page after needs them (the last
	 * drawing of the layout, pdf_draw). */
	size_t drawn_low, ops_low;
} pdf_pool;

/* Where the pass put things: pages, and the pages printed by references
 * (from the pass before). Indexed by key. */
typedef struct pdf_pages {
	VEC(place) places;
	int npages;
	int *printed;   /* page printed for each key (previous pass), 1-based; 0 unknown */
	int *found;     /* page where each key landed in this pass, 0-based; -1 none */
	float *found_y; /* its height on that page */
} pdf_pages;

struct pdf_layout;

/* What the print edition adds to drawing the laid-out pages (print.c);
 * the screen booklet has none. */
typedef struct pdf_edition {
	float bleed;          /* a rectangle touching the trim's edge grows this far past it */
	float trim_w, trim_h; /* the trim, whose edges those are */
	/* Called after each laid-out page is drawn, while it is the device's
	 * current page; folio: whether the page printed its folio. */
	void (*page_end)(struct pdf_layout *l, int page, bool folio);
	void *ctx;
} pdf_edition;

typedef struct pdf_layout {
	pc_doc *doc;
	pc_dev *dev;
	pc_diags *d;
	pc_breaker *br;
	faces f;
	pdf_keys keys;
	pdf_pool p;
	pdf_pages pg;
	bool warn;          /* first pass: report missing glyphs */
	int pass;           /* 0 for the first layout pass */
	bool glossary_only; /* the glossary appendix alone (plancc glossary) */
	const struct pc_kpi_appendix *kpi;
	pc_node **kpi_tables; /* its tables as the table block sets them (kpi.c) */
	const struct pc_glossary *glossary;
	const struct pc_report *report; /* the yearly report alone (report.c); NULL */
	void *report_tables;            /* its tables, made once for all passes */
	const char *head_right;         /* right of the running head; NULL: the title */
	bool watermark;                 /* 「案」 on every page */
	const pdf_edition *edition;     /* drawing the print edition; NULL on screen */
	bool last_draw; /* pdf_draw is the layout's last use: it gives back as it goes */
	int depth;      /* nesting of inlines and blocks walked */
	size_t use_start[MAX_NEST + 1]; /* first glyph of an open indexed use, by depth */
	/* scratch */
	pc_lines lines;
	pc_buf actual;      /* a line's text for /ActualText */
	float *btop, *bbot; /* extents of boxes on a page */
	size_t bcap;
	bool in_alt;     /* drawing inside OP_ALT_BEGIN … OP_ALT_END */
	bool alt_folded; /* … whose words are those of its figure's sequence */
	/* structure: the elements open while building (builder.c), the
	 * label waiting for a list item's marker; while drawing, the marked
	 * content open (MC_NONE, MC_ARTIFACT or an element) */
	bool tagged;
	int tag_stack[MAX_NEST * 2];
	int ntag;
	int tag_lbl;
	int mc;
	int text_se; /* the element of the text op drawn next; MC_NONE */
	/* the Link elements of the pieces of the line drawn last, for its
	 * link annotations (draw.c) */
	struct {
		size_t g0, g1;
		int elem;
	} link_pieces[32];
	int nlink_pieces;
	int page_now;
	struct pc_tags *tree;
	/* kept from pass to pass */
	struct pdf_table_memos *tables; /* what laying out each table found (table.c) */
	struct pdf_break_memos *breaks; /* line breakings already made (builder.c) */
} pdf_layout;

typedef pdf_layout L;

enum { AL_JUSTIFY, AL_LEFT, AL_CENTER, AL_RIGHT };

/* Where blocks are set: the column and what kind of block holds them. */
typedef struct frame {
	float x, w;
	pc_role role;
	int list_depth;
} frame;

/* ---- builder.c: the narrow interface the walkers build pages with ---- */

op *pdf_new_op(L *l, int kind);
/* Starts an item; its ops are those added until the next item starts. */
item *pdf_new_item(L *l, float before, unsigned flags);
void pdf_end_item(L *l, float h);
int pdf_open_box(L *l, int style, float x, float w);
void pdf_close_box(L *l, int b);
/* A destination op at the current place of the current item. */
void pdf_dest_op(L *l, pdf_key key);
/* Adds a destination op to an item already built. */
void pdf_attach_dest(L *l, size_t item_index, pdf_key key);
/* Link ids for glyphs and link ops. */
int pdf_link_to_key(L *l, pdf_key key);
int pdf_link_to_uri(L *l, const char *uri);
/* Glyphs: a code point, UTF-8 text (src: where missing glyphs are
 * reported, may be NULL), a NUL-terminated string. */
void pdf_add_cp(L *l, uint32_t cp, const sty *st, unsigned flags, const pc_node *src,
                size_t charno);
void pdf_add_text(L *l, const char *s, size_t len, const sty *st, const pc_node *src);
void pdf_add_str(L *l, const char *s, const sty *st);
/* Glyph i, being set (i ≥ the pool's gbase); the end of the glyphs made
 * so far (the number the next one gets); letting go of those from end
 * on (end ≥ gbase). */
static inline pc_glyph *pdf_glyph(const L *l, size_t i)
{
	assert(i >= l->p.gbase);
	return &l->p.g.v[i - l->p.gbase];
}
static inline size_t pdf_glyph_end(const L *l)
{
	return l->p.gbase + l->p.g.n;
}
static inline void pdf_glyph_cut(L *l, size_t end)
{
	assert(end >= l->p.gbase);
	l->p.g.n = end - l->p.gbase;
}
/* Commits the glyphs being set to drawn: called where nothing set before
 * is still to be changed or read as a pc_glyph (between blocks). */
void pdf_commit_glyphs(L *l);
/* The layout settled: the pool's glyph records freed before drawing. */
void pdf_settle_glyphs(L *l);
/* Drawn glyph i and op i, not given back yet. */
static inline const pdf_dglyph *pdf_dglyph_at(const L *l, size_t i)
{
	assert(i >= l->p.drawn_low && i < l->p.drawn.n);
	return &l->p.drawn.v[i];
}
static inline const op *pdf_op_at(const L *l, size_t i)
{
	assert(i >= l->p.ops_low && i < l->p.ops.n);
	return &l->p.ops.v[i];
}
static inline const pdf_gstyle *pdf_dglyph_style(const L *l, const pdf_dglyph *g)
{
	return &l->p.styles.v[g->style];
}
float pdf_glyphs_width(const pc_glyph *g, size_t n);
/* Breaks glyphs [g0, g1) into lines appended to out (as pc_text_break:
 * positions relative to g0), preparing them first; a breaking of the same
 * glyphs and shape made in an earlier pass is reused. */
size_t pdf_break(L *l, size_t g0, size_t g1, const pc_parshape *sh, pc_lines *out);
void pdf_break_memos_free(L *l);
/* Classes, punctuation and Japanese–Latin spaces of glyphs [g0, g1)
 * (pc_text_prepare), raised marks kept tight against their term. */
void pdf_prepare(L *l, size_t g0, size_t g1);
/* Chooses where glyphs [g0, g1) break at the measure of sh: as many
 * lines as the plain breaker needs, of even length, broken where a reader
 * expects (after punctuation, between a particle and a word; not inside
 * a compound), never leaving one or two characters on a last line. Every
 * other break opportunity is glued shut (PC_G_GLUE), so that breaking the
 * glyphs at sh sets those lines. For titles and table cells. */
void pdf_balance_lines(L *l, size_t g0, size_t g1, const pc_parshape *sh);
/* The widest piece of glyphs [g0, g1) that no line break may cut, as the
 * line breaker keeps it: a word, a number with its counter and what is
 * glued to it; with phrase, a phrase (ICU lw=phrase), a katakana word and
 * an era with its year too — the narrowest measure that sets them without
 * splitting a word or tearing a number from its counter. */
float pdf_unbreakable_width(L *l, size_t g0, size_t g1, bool phrase);
/* Breaks the glyphs from g0 to the end of the pool into lines, one item
 * each at x (lines of a paragraph keep against widows and orphans);
 * glyphs [mk0, mk1) are drawn as a list marker at x on the first line.
 * Returns the number of lines. */
size_t pdf_set_lines(L *l, size_t g0, float x, const pc_parshape *sh, float pitch, float before,
                     int align, unsigned keep_last);
size_t pdf_set_lines_marked(L *l, size_t mk0, size_t mk1, size_t g0, float x, const pc_parshape *sh,
                            float pitch, float before, int align, unsigned keep_last);
/* Lays out a short text as ops of the current item from y down; returns
 * the height used. */
float pdf_text_ops(L *l, size_t g0, float x, float y, const pc_parshape *sh, float pitch,
                   int align);
/* Link ops for the runs of linked glyphs of a line set at x, top. */
void pdf_line_links(L *l, const pc_line *ln, float x, float top, float h);
/* IT_RECTO when the plan opens chapters on right-hand pages. */
unsigned pdf_recto(const L *l);
/* A style of a role's face. */
sty pdf_sty(int face, float size, uint32_t rgb);

/* Structure (tags.h): opens an element of type under the one open and
 * makes it the element of the ops made until it is closed; returns it.
 * pdf_tag_leaf makes one without opening it. */
int pdf_tag_open(L *l, int type);
int pdf_tag_leaf(L *l, int type);
void pdf_tag_close(L *l, int e);
/* The element open (0, the document, when none). */
int pdf_tag_cur(const L *l);
void pdf_tag_alt(L *l, int e, const char *alt);
void pdf_tag_scope(L *l, int e, int scope);
/* The heading type of a section level (H1…H6). */
int pdf_tag_heading(int level);
/* Empties the tree for a new layout pass: the root Document alone. */
void pdf_tags_reset(L *l);

/* ---- inline.c --------------------------------------------------------- */

/* The inlines from first on, in style st. */
void pdf_inlines(L *l, const pc_node *first, const sty *st);

/* ---- table.c ---------------------------------------------------------- */

/* A table block (caption, header row repeated after breaks) of frame f. */
void pdf_table_block(L *l, const pc_node *n, frame f);
/* Frees what the table blocks kept for the next pass. */
void pdf_table_memos_free(L *l);

/* ---- walkers: body.c, kpi.c, front.c, appendix.c ------------------------ */

void pdf_body(L *l);
void pdf_kpi_charts(L *l, const pc_node *table, frame f);
/* The same with per_row charts a row, each plot plot_h high. */
void pdf_kpi_charts_grid(L *l, const pc_node *table, frame f, int per_row, float plot_h);
void pdf_kpi_appendix(L *l);
void pdf_cover(L *l);
void pdf_contents(L *l);
/* An appendix's opening: a new page, its title and rule, its key. */
void pdf_appendix_title(L *l, pc_appendix a, frame f);
/* A page's big title with the accent rule under it, ending the current
 * item `after` points below the title's text (the contents, the
 * appendices). */
void pdf_title_with_rule(L *l, const char *text, frame f, float after);
/* A cover's tinted band across the page, h high, with the accent bar at
 * its left edge (the booklet's cover and the report's). */
void pdf_cover_band(L *l, float h);
/* A kana row or letter heading, or a chapter's band: a tinted band. */
void pdf_group_band(L *l, const char *name, float x, float w, unsigned flags);
void pdf_glossary_appendix(L *l);
void pdf_index_pages(L *l);
/* The yearly progress report (report.c): cover, the rule and the counts,
 * then an evaluation sheet per measure. */
void pdf_report(L *l);
/* One glossary entry's glyphs: term, reading, definition, aliases. */
void pdf_gloss_entry(L *l, const struct pc_gloss_entry *e);

/* ---- paginate.c, draw.c ------------------------------------------------ */

/* Places the items on pages; records where the keys land. */
void pdf_paginate(L *l);
/* For each page p < npages, the lowest op and drawn glyph that page p or
 * a page after it draws (a table's header row repeats the ops of an
 * earlier page on later ones); at npages, the ends of ops and drawn.
 * malloc'd. Drawing for the last time gives back what is below them. */
typedef struct pdf_low {
	size_t op, g;
} pdf_low;
pdf_low *pdf_page_lows(const L *l, int npages);
/* Creates the pages, draws every item, running heads and the outline. */
void pdf_draw(L *l);
/* The items placed on page, drawn dx to the right (the cover spread). */
void pdf_draw_items(L *l, int page, float dx);
/* One line of text s, cut to w, aligned in [x, x + w] at baseline (PDF
 * y), drawn on the device's current page. */
void pdf_draw_text(L *l, const char *s, int face, float size, uint32_t rgb, float x, float baseline,
                   int align, float w);
/* What a running head or the outline names a key by. */
const char *pdf_key_title(const L *l, pdf_key key);

/* ---- print.c, cover.c: the print edition (docs/pdf.md "印刷版") ---------- */

#define PRINT_BLEED_MM    3.0f  /* 裁ち落とし */
#define PRINT_SAFE_MM     3.0f  /* nothing that must survive closer to the trim */
#define PRINT_GUTTER_MM   5.0f  /* perfect binding: the glued margin of the first and last leaf */
#define PRINT_MARKS_MM    15.0f /* MediaBox margin with crop marks */
#define PRINT_MARK_LEN_MM 10.0f /* a crop mark's line, from the bleed outward */
#define PRINT_PAPER_MM    0.1f  /* paper-thickness by default (a 90 g/m² coated sheet) */
/* The body's page content is stored, not compressed: compressing it a
 * second time was a third of the print edition's cost (bench/README.md);
 * a print shop's files are large anyway. */
#define PRINT_PAGE_LEVEL 0
/* The output condition: the CMYK profile embedded as the output intent. */
#ifndef PRINT_PROFILE
#define PRINT_PROFILE "/usr/share/color/icc/ghostscript/default_cmyk.icc"
#endif
#define PRINT_CONDITION_ID "CGATS TR 001"
#define PRINT_CONDITION    "SWOP (Artifex CMYK SWOP Profile, CGATS TR 001)"

/* The print edition's settings, from the front matter. */
typedef struct pdf_print {
	float bleed, margin; /* points: the bleed, and the MediaBox past the trim */
	bool crop_marks;
	pc_binding binding;
	float paper_mm;
} pdf_print;

pdf_print pdf_print_settings(const pc_meta *m);
/* The design's RGB colour as print CMYK (the one conversion). */
void pdf_print_cmyk(uint32_t rgb, float cmyk[4]);
/* Blank pages to add to a body of pages for the binding. */
int pdf_print_padding(pc_binding binding, int pages);
/* Warns when text or an image of a laid-out page comes within 5 mm of
 * its gutter (perfect binding glues the first and last leaf there). */
void pdf_print_check_gutter(L *l, int page);
/* Japanese crop marks with centre marks around a trim of w × h. */
void pdf_print_crop_marks(pc_dev *dev, const pdf_print *p, float w, float h);
/* Info, output intent and XMP of a print file (PDF/X-4); false after an
 * error diagnostic (the profile cannot be read). */
bool pdf_print_finish(L *l, pc_dev *dev, const char *file, time_t when);
/* Writes a print device's document as file; false after a diagnostic. */
bool pdf_print_write(L *l, pc_dev *dev, pc_output *o, const char *file);
/* Draws the laid-out pages again as print/body.pdf; returns its page
 * count, -1 after an error. */
int pdf_print_body(L *l, const pc_fontmap *fonts, pc_output *o, time_t when);
/* The spine's width in points for a body of pages. */
float pdf_cover_spine(const pdf_print *p, int pages);
/* print/cover.pdf: the spread 表4 | 背 | 表1 for a body of pages. */
bool pdf_print_cover(L *l, const pc_fontmap *fonts, int pages, pc_output *o, time_t when);

#endif
