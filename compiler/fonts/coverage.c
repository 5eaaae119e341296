/*
 * Font coverage from the TrueType cmap, and the glyph check of `plancc
 * check`. Only the table directory and the cmap are read (a seek and a few
 * kilobytes per face), so checking stays fast; the coverage is one bit per
 * BMP code point.
 */
#include "coverage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/arena.h"
#include "../util/utf8.h"

#define BMP 65536

typedef struct face {
	const char *path;
	uint8_t bits[BMP / 8];
} face;

struct pc_coverage {
	face faces[PC_FONT_ROLES];
	int nfaces;
	int role_face[PC_FONT_ROLES];
	uint8_t every[BMP / 8]; /* what every face has: text made only of these
	                           needs no face of its own looked up */
};

/* ---- reading the cmap ---- */

static uint32_t be16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Reads len bytes at off; NULL on a short read. The caller frees. */
static uint8_t *read_at(FILE *f, long off, size_t len)
{
	if (len > (size_t)64 * 1024 * 1024 || fseek(f, off, SEEK_SET))
		return NULL;
	uint8_t *b = pc_xmalloc(len ? len : 1);
	if (fread(b, 1, len, f) != len) {
		free(b);
		return NULL;
	}
	return b;
}

/* The offset and length of the 'cmap' table; false when there is none. */
static bool find_cmap(FILE *f, uint32_t *off, uint32_t *len)
{
	uint8_t *head = read_at(f, 0, 12);
	if (!head)
		return false;
	uint32_t ntables = be16(head + 4);
	free(head);
	uint8_t *dir = read_at(f, 12, (size_t)ntables * 16);
	if (!dir)
		return false;
	bool found = false;
	for (uint32_t i = 0; i < ntables && !found; i++) {
		const uint8_t *r = dir + i * 16;
		if (!memcmp(r, "cmap", 4)) {
			*off = be32(r + 8);
			*len = be32(r + 12);
			found = true;
		}
	}
	free(dir);
	return found;
}

/*
 * Marks the code points a format 4 subtable maps to a glyph other than 0,
 * computed as libharu 2.3.0 computes the glyph (the id delta added to a
 * glyph-array entry too), so that "missing" means what it means to the
 * PDF back end.
 */
static bool mark_format4(const uint8_t *t, size_t avail, uint8_t *bits)
{
	if (avail < 14 || be16(t) != 4)
		return false;
	size_t tlen = be16(t + 2);
	if (tlen > avail)
		tlen = avail;
	uint32_t segx2 = be16(t + 6), seg = segx2 / 2;
	size_t ends = 14, starts = ends + segx2 + 2, deltas = starts + segx2,
	       ranges = deltas + segx2, glyphs = ranges + segx2;
	if (!seg || glyphs > tlen)
		return false;
	size_t nglyphs = (tlen - glyphs) / 2;
	for (uint32_t i = 0; i < seg; i++) {
		uint32_t end = be16(t + ends + 2 * i), start = be16(t + starts + 2 * i);
		uint32_t delta = be16(t + deltas + 2 * i), range = be16(t + ranges + 2 * i);
		for (uint32_t c = start; c <= end && c < BMP; c++) {
			uint32_t g;
			if (!range) {
				g = (c + delta) & 0xFFFF;
			} else {
				size_t idx = range / 2 + (c - start) - (seg - i);
				if (idx >= nglyphs)
					continue;
				g = (be16(t + glyphs + 2 * idx) + delta) & 0xFFFF;
			}
			if (g)
				bits[c / 8] |= (uint8_t)(1u << (c % 8));
		}
	}
	return true;
}

/* Reads the Unicode (3,1) format 4 cmap of a TrueType file into bits. */
static bool read_coverage(const char *path, uint8_t *bits)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	uint32_t off, len;
	uint8_t *cmap = NULL;
	bool ok = find_cmap(f, &off, &len) && len >= 4 && (cmap = read_at(f, off, len));
	fclose(f);
	if (!ok)
		return false;
	ok = false;
	uint32_t n = be16(cmap + 2);
	for (uint32_t i = 0; i < n && 4 + (size_t)i * 8 + 8 <= len && !ok; i++) {
		const uint8_t *r = cmap + 4 + i * 8;
		uint32_t sub = be32(r + 4);
		if (be16(r) == 3 && be16(r + 2) == 1 && sub < len)
			ok = mark_format4(cmap + sub, len - sub, bits);
	}
	free(cmap);
	return ok;
}

pc_coverage *pc_coverage_load(const pc_fontmap *map, pc_diags *d)
{
	pc_coverage *c = pc_xcalloc(1, sizeof *c);
	for (int r = 0; r < PC_FONT_ROLES; r++) {
		/* a role without a file is set in the body face, as in the PDF */
		const char *path = map->path[r] ? map->path[r] : map->path[PC_FONT_BODY];
		c->role_face[r] = -1;
		if (!path)
			continue;
		for (int i = 0; i < c->nfaces; i++)
			if (!strcmp(c->faces[i].path, path))
				c->role_face[r] = i;
		if (c->role_face[r] >= 0)
			continue;
		face *f = &c->faces[c->nfaces];
		f->path = path;
		if (!read_coverage(path, f->bits)) {
			char msg[512];
			snprintf(
			    msg, sizeof msg,
			    "フォント「%s」の文字の表（cmap）を読めません。TrueType のフォントを"
			    "指定してください",
			    path);
			pc_diag(d, PC_E_FONT, "", 0, 0, msg);
			pc_coverage_free(c);
			return NULL;
		}
		c->role_face[r] = c->nfaces++;
	}
	memset(c->every, c->nfaces ? 0xFF : 0, sizeof c->every);
	for (int i = 0; i < c->nfaces; i++)
		for (size_t k = 0; k < sizeof c->every; k++)
			c->every[k] &= c->faces[i].bits[k];
	return c;
}

void pc_coverage_free(pc_coverage *c)
{
	free(c);
}

bool pc_coverage_has(const pc_coverage *c, pc_font_role role, uint32_t cp)
{
	if (cp < 0x20)
		return true;
	if (cp >= BMP || (cp >= 0xD800 && cp <= 0xDFFF))
		return false;
	int fi = c->role_face[role];
	return fi < 0 || (c->faces[fi].bits[cp / 8] >> (cp % 8) & 1);
}

/* ---- the check ---- */

/* Characters the PDF sets no glyph for (render/pdf/build.c add_text):
 * controls, zero-width characters, variation selectors, U+2028. */
static bool takes_no_glyph(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
	       cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) ||
	       cp == 0x2028;
}

/*
 * Reports the characters of text the face lacks, at the places the PDF
 * build reports them: the text node's position plus the character's
 * index, or the node's position for text over several lines (code).
 */
/* Whether the face has a glyph for cp (the test of pc_coverage_has
 * without the role look-up, for the loop below). */
static bool face_has(const face *f, uint32_t cp)
{
	if (cp < 0x20)
		return true;
	if (cp >= BMP || (cp >= 0xD800 && cp <= 0xDFFF))
		return false;
	return !f || (f->bits[cp / 8] >> (cp % 8) & 1);
}

static void check_text(const char *text, bool own_place, pc_pos pos, pc_font_role role,
                       const pc_coverage *c, pc_diags *d)
{
	bool one_line = own_place && !strchr(text, '\n');
	const face *f = c->role_face[role] >= 0 ? &c->faces[c->role_face[role]] : NULL;
	size_t len = strlen(text), charno = 0;
	for (size_t i = 0; i < len; charno++) {
		unsigned char b = (unsigned char)text[i];
		uint32_t cp;
		if (b < 0x80) { /* Latin text: no decoding */
			cp = b;
			i++;
		} else if (b >= 0xE0 && b < 0xF0 && i + 2 < len) {
			/* the three bytes of Japanese text (valid UTF-8: the loader
			 * checked it), decoded in place */
			cp = (uint32_t)(b & 0x0F) << 12 | (uint32_t)(text[i + 1] & 0x3F) << 6 |
			     (uint32_t)(text[i + 2] & 0x3F);
			i += 3;
		} else {
			size_t n = pc_utf8_decode(text + i, len - i, &cp);
			i += n ? n : 1;
		}
		/* the common case first: the face has it */
		if (cp < BMP && f && (f->bits[cp / 8] >> (cp % 8) & 1))
			continue;
		if (face_has(f, cp) || takes_no_glyph(cp)) /* controls, TAB, line ends */
			continue;
		char ch[8] = {0};
		pc_utf8_encode(cp, ch);
		pc_diag(d, PC_W_GLYPH_MISSING, pos.file, pos.line,
		        pos.col + (one_line ? (unsigned)charno : 0), ch, (unsigned)cp, "〓");
	}
}

/* The face the PDF sets an inline in (render/pdf/build.c: headings in the
 * heading face, tables and code in the table face with a bold header row,
 * body text in the body face; strong is bold, emphasis in body text the
 * table face). Kept in step with the PDF back end's choices. */
static pc_font_role role_of(const pc_node *n)
{
	bool strong = false, emph = false;
	for (const pc_node *a = n->parent; a; a = a->parent) {
		switch (a->kind) {
		case PC_STRONG:
			strong = true;
			break;
		case PC_EMPH:
			emph = true;
			break;
		case PC_HEADING:
			return PC_FONT_HEADING;
		case PC_CELL:
			return strong || (a->parent && a->parent->parent &&
			                  a->parent == a->parent->parent->first)
			           ? PC_FONT_BOLD
			           : PC_FONT_TABLE;
		default:
			break;
		}
	}
	if (n->kind == PC_CODE || n->kind == PC_CODE_BLOCK)
		return PC_FONT_TABLE;
	return strong ? PC_FONT_BOLD : emph ? PC_FONT_TABLE : PC_FONT_BODY;
}

/* True when every face has every character of text (printable ASCII and
 * the three-byte characters of Japanese text tested in place; anything
 * else goes to the full check). Most text passes here, without the
 * look-up of its face. */
static bool every_face_has(const pc_coverage *c, const char *text)
{
	for (const unsigned char *s = (const unsigned char *)text; *s;) {
		uint32_t cp;
		if (*s >= 0x20 && *s < 0x7F) {
			cp = *s++;
		} else if (*s >= 0xE0 && *s < 0xF0 && s[1] && s[2]) {
			cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
			     (uint32_t)(s[2] & 0x3F);
			s += 3;
		} else {
			return false;
		}
		if (!(c->every[cp / 8] >> (cp % 8) & 1))
			return false;
	}
	return true;
}

static void check_tree(const pc_node *top, const pc_coverage *c, pc_diags *d)
{
	for (const pc_node *n = top->first; n; n = pc_node_walk_next(n, top, true)) {
		if (n->kind == PC_SECTION && n->u.section->heading)
			check_tree(n->u.section->heading, c, d);
		if ((n->kind == PC_TEXT || n->kind == PC_CODE || n->kind == PC_CODE_BLOCK) &&
		    n->literal && !every_face_has(c, n->literal))
			check_text(n->literal, true, n->pos, role_of(n), c, d);
	}
}

void pc_check_glyphs(const pc_doc *doc, const pc_coverage *c, pc_diags *d)
{
	if (!doc->root)
		return;
	/* the front matter prints on the cover; its lines are blanked by the
	 * parser, so the PDF reports its characters at the first line of the
	 * first file */
	const pc_meta *m = &doc->meta;
	pc_pos front = {doc->nsources ? doc->sources[0].name : "", 1, 1};
	const char *fields[] = {m->title, m->subtitle, m->edition, m->city};
	const pc_font_role roles[] = {PC_FONT_HEADING, PC_FONT_HEADING, PC_FONT_TABLE,
	                              PC_FONT_HEADING};
	for (size_t i = 0; i < 4; i++)
		if (fields[i]) /* each character at that one place */
			check_text(fields[i], false, front, roles[i], c, d);
	check_tree(doc->root, c, d);
}
