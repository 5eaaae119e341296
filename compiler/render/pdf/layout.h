/*
 * Private interface of the PDF back end's layout: the items the walker
 * (build.c) makes from the tree, their pagination (paginate.c) and their
 * drawing through the device (draw.c); pdf.c runs the passes.
 *
 * Coordinates: x in points from the page's left edge; y in points from
 * the top of the text block (from the item's top inside an item),
 * downward. The device converts to PDF space.
 */
#ifndef PC_PDF_LAYOUT_H
#define PC_PDF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../index/index.h"
#include "../../plancc.h"
#include "../../util/arena.h"
#include "../../util/buf.h"
#include "device.h"
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

/* ---- the layout's data --------------------------------------------- */

/* OP_SEG: a line from (x, y) to (x + w, y + h), dotted when id is 1;
 * OP_DISC: a circle of radius w around (x, y); OP_ALT_BEGIN/END: what the
 * ops between them say in words (id: index in L.alts), for extraction and
 * screen readers (ActualText). */
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
	int id;        /* OP_IMAGE image, OP_DEST destination key */
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
	int box;     /* innermost box, -1 none */
	int table;   /* for rows: the header item; -1 none */
	int chapter; /* chapter key active from this item on, -1 unchanged */
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

/* Inline style. */
typedef struct sty {
	int face;
	float size;
	uint32_t rgb;
	int link;   /* destination key, -2-url for URIs, -1 none */
	bool latin; /* switch ASCII letters and digits to the latin face */
	bool marks; /* print term marks */
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

typedef struct ptrmap {
	const void **keys;
	int *vals;
	size_t cap;
} ptrmap;

/* An appendix table: the indicators of one measure (made once, kept in
 * the document's arena). */
typedef struct kpi_group {
	const pc_node *chapter;
	pc_node *table;
} kpi_group;

typedef struct L {
	pc_doc *doc;
	pc_dev *dev;
	pc_diags *d;
	pc_breaker *br;
	bool warn; /* first pass: report missing glyphs */
	VEC(pc_glyph) g;
	VEC(op) ops;
	VEC(item) items;
	VEC(box) boxes;
	VEC(place) places;
	VEC(const char *) urls;
	VEC(const char *) alts; /* text alternatives of charts */
	VEC(kpi_group) kpi;     /* the indicators appendix, by measure */
	bool kpi_made;
	bool in_alt; /* drawing: inside OP_ALT_BEGIN … OP_ALT_END */
	pc_lines lines;
	pc_buf actual;      /* scratch: a line's text for /ActualText */
	float *btop, *bbot; /* scratch: extents of boxes on a page */
	size_t bcap;
	int cur_box;
	/* faces */
	int f_body, f_bold, f_head, f_table, f_latin;
	/* destinations: sections, then tables, then terms, then the places the
	 * index points to (uses of terms and index entries) */
	size_t nsec, ntab, nterm, nuse, nkeys;
	size_t key_appx; /* first of the appendices' keys, APPX_* after it */
	pc_index *index;
	bool glossary_only;        /* the glossary appendix alone (plancc glossary) */
	const bool *term_selected; /* terms to print there; NULL: all */
	ptrmap keymap;
	int *printed; /* page printed by references (previous pass), 1-based; 0 unknown */
	int *found;   /* page where each key landed in this pass, 0-based; -1 none */
	float *found_y;
	/* term marks */
	int *term_mark_sec; /* section key where the term was last marked */
	int *term_num;      /* number in the current measure (※n) */
	int *term_num_measure;
	int cur_sec, cur_measure, next_num;
	bool in_heading, in_glossary;
	size_t use_start[MAX_NEST + 1]; /* first glyph of an open term use, by depth */
	/* pages */
	int npages;
	int *page_chapter; /* chapter key per page, -1 none */
	unsigned *page_flags;
	int depth;
} L;

enum { AL_JUSTIFY, AL_LEFT, AL_CENTER, AL_RIGHT };

/* The appendices, in the order they are printed; their destination keys
 * are l->key_appx + APPX_*. Chapter codes for running heads: -5, -4, -3. */
enum { APPX_KPI, APPX_GLOSSARY, APPX_INDEX, APPX_COUNT };

/* Where blocks are set: the column and what kind of block holds them. */
typedef struct frame {
	float x, w;
	pc_role role;
	int list_depth;
} frame;

/* pdf.c */
void pdf_ptrmap_put(ptrmap *m, const void *k, int v);
int pdf_ptrmap_get(const ptrmap *m, const void *k);
/* build.c: the tree into items, for one pass */
void pdf_build(L *l);
void pdf_add_str(L *l, const char *s, const sty *st);
const char *pdf_number_label(L *l, const pc_section *s);
/* build.c: pieces the appendices and charts are made of */
op *pdf_new_op(L *l, int kind);
item *pdf_new_item(L *l, float before, unsigned flags);
void pdf_end_item(L *l, float h);
float pdf_text_ops(L *l, size_t g0, float x, float y, const pc_parshape *sh, float pitch,
                   int align);
float pdf_glyphs_width(const pc_glyph *g, size_t n);
void pdf_table_block(L *l, const pc_node *n, frame f);
unsigned pdf_recto(const L *l);
void pdf_appendix_title(L *l, const char *title, int chapter, int key, frame f);
void pdf_group_band(L *l, const char *name, float x, float w, unsigned flags);
/* kpi.c: charts after an indicators table; the indicators appendix */
void pdf_kpi_charts(L *l, const pc_node *table, frame f);
void pdf_kpi_appendix(L *l);
void pdf_kpi_free(L *l);
/* paginate.c: places the items on pages, records where the keys land */
void pdf_paginate(L *l);
/* draw.c: creates the pages and draws every item, the outline */
void pdf_draw(L *l);

#endif
