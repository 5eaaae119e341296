/*
 * The structure tree of the tagged booklet (see tags.h): kept as plain
 * records while the pages are drawn, written when the document is saved:
 * the elements as dictionaries whose entries are written here
 * (pc_haru_raw_dict: libharu's own objects cost more than the rest of the
 * document for the tens of thousands of elements of a long plan), the
 * rest through libharu's object functions.
 */
#include "tags.h"

#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../util/arena.h"
#include "../../util/buf.h"
#include "../../util/escape.h"
#include "../../util/utf8.h"
#include "haru.h"

static const char *const names[PC_TAG_COUNT] = {
    [PC_TAG_DOCUMENT] = "Document",
    [PC_TAG_PART] = "Part",
    [PC_TAG_SECT] = "Sect",
    [PC_TAG_DIV] = "Div",
    [PC_TAG_H1] = "H1",
    [PC_TAG_H2] = "H2",
    [PC_TAG_H3] = "H3",
    [PC_TAG_H4] = "H4",
    [PC_TAG_H5] = "H5",
    [PC_TAG_H6] = "H6",
    [PC_TAG_P] = "P",
    [PC_TAG_L] = "L",
    [PC_TAG_LI] = "LI",
    [PC_TAG_LBL] = "Lbl",
    [PC_TAG_LBODY] = "LBody",
    [PC_TAG_TABLE] = "Table",
    [PC_TAG_THEAD] = "THead",
    [PC_TAG_TBODY] = "TBody",
    [PC_TAG_TR] = "TR",
    [PC_TAG_TH] = "TH",
    [PC_TAG_TD] = "TD",
    [PC_TAG_CAPTION] = "Caption",
    [PC_TAG_FIGURE] = "Figure",
    [PC_TAG_TOC] = "TOC",
    [PC_TAG_TOCI] = "TOCI",
    [PC_TAG_INDEX] = "Index",
    [PC_TAG_NOTE] = "Note",
    [PC_TAG_LINK] = "Link",
    [PC_TAG_SPAN] = "Span",
    [PC_TAG_BLOCKQUOTE] = "BlockQuote",
    [PC_TAG_CODE] = "Code",
};

const char *pc_tag_name(int type)
{
	return type >= 0 && type < PC_TAG_COUNT && names[type] ? names[type] : "Span";
}

/* What an element holds, in order: a marked-content sequence, a child
 * element or a link annotation. */
enum { KID_MCID, KID_ELEM, KID_ANNOT };

/* 8 bytes: a long plan's elements hold half a million of them. */
typedef struct kid {
	uint32_t kind : 2;
	uint32_t page : 30; /* MCID, ANNOT */
	int32_t v;          /* the MCID, the element, or the annotation's number in annots */
} kid;

typedef struct elem {
	pc_haru_raw raw; /* first: the write hook finds the element by it */
	const struct pc_tags *tree;
	pc_tag_elem e;
	int first_child, next_sibling; /* the walkers' order */
	int cursor;                    /* first child not yet placed in kids */
	int page;                      /* of the first marked content; -1 */
	bool placed;                   /* in its parent's kids */
	kid *kids;
	uint32_t nkids, capkids;
	void *obj; /* its HPDF_Dict while writing */
} elem;

typedef struct page_marks {
	int *elem; /* the element of each MCID */
	size_t n, cap;
} page_marks;

typedef struct annot_ref {
	void *annot;
	int elem;
	char *contents;
} annot_ref;

struct pc_tags {
	void *const *page_objs; /* HPDF_Page, while writing */
	void *root;             /* the StructTreeRoot, while writing */
	elem *el;
	size_t n, cap;
	page_marks *pages;
	int npages;
	annot_ref *annots;
	size_t nannots, capannots;
};

static void push_kid(elem *e, kid k)
{
	if (e->nkids == e->capkids) {
		e->capkids = e->capkids ? e->capkids * 2 : 4;
		e->kids = pc_xrealloc(e->kids, e->capkids * sizeof *e->kids);
	}
	e->kids[e->nkids++] = k;
}

static int new_elem(pc_tags *t, const pc_tag_elem *src)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->el = pc_xrealloc(t->el, t->cap * sizeof *t->el);
	}
	elem *e = &t->el[t->n];
	memset(e, 0, sizeof *e);
	e->e = *src;
	e->first_child = e->next_sibling = e->cursor = -1;
	e->page = -1;
	return (int)t->n++;
}

pc_tags *pc_tags_new(const pc_tag_elem *elems, size_t n, int npages)
{
	pc_tags *t = pc_xcalloc(1, sizeof *t);
	pc_tag_elem root = {PC_TAG_DOCUMENT, PC_SCOPE_NONE, -1, NULL, NULL};
	if (!n) {
		elems = &root;
		n = 1;
	}
	/* drawing adds about a third more (the spans of English and the
	 * links of lines): room for them at once, as a doubling would leave
	 * the array before it resident (9 MB at 2,000 pages) */
	t->cap = n + n / 2 + 16;
	t->el = pc_xmalloc(t->cap * sizeof *t->el);
	for (size_t i = 0; i < n; i++)
		new_elem(t, &elems[i]);
	t->el[0].e.parent = -1;
	t->el[0].placed = true;
	/* children in the walkers' order: linked backwards, so built from
	 * the last element to the first */
	for (size_t i = n; i-- > 1;) {
		int p = t->el[i].e.parent;
		if (p < 0 || (size_t)p >= i)
			p = t->el[i].e.parent = 0; /* a parent opened later cannot be */
		t->el[i].next_sibling = t->el[p].first_child;
		t->el[p].first_child = (int)i;
	}
	for (size_t i = 0; i < n; i++)
		t->el[i].cursor = t->el[i].first_child;
	t->npages = npages > 0 ? npages : 0;
	t->pages = pc_xcalloc((size_t)(t->npages ? t->npages : 1), sizeof *t->pages);
	return t;
}

void pc_tags_free(pc_tags *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->el[i].kids);
	for (int p = 0; p < t->npages; p++)
		free(t->pages[p].elem);
	free(t->pages);
	for (size_t k = 0; k < t->nannots; k++)
		free(t->annots[k].contents);
	free(t->annots);
	free(t->el);
	free(t);
}

int pc_tags_type(const pc_tags *t, int e)
{
	return e >= 0 && (size_t)e < t->n ? t->el[e].e.type : PC_TAG_DOCUMENT;
}

static void place(pc_tags *t, int e);

/* Places in p's kids its children of the walkers' order up to and
 * including upto (-1: all that are left). */
static void place_children(pc_tags *t, int p, int upto)
{
	while (t->el[p].cursor >= 0) {
		int c = t->el[p].cursor;
		t->el[p].cursor = t->el[c].next_sibling;
		if (!t->el[c].placed) {
			t->el[c].placed = true;
			push_kid(&t->el[p], (kid){KID_ELEM, 0, c});
		}
		if (c == upto)
			return;
	}
}

/* Puts e into its parent's kids (and the parent into its own), with the
 * siblings the walkers opened before it. */
static void place(pc_tags *t, int e)
{
	if (t->el[e].placed)
		return;
	int p = t->el[e].e.parent;
	place(t, p);
	if (t->el[e].placed) /* a sibling before it was its parent's cursor */
		return;
	place_children(t, p, e);
	if (!t->el[e].placed) { /* made while drawing: not in the chain */
		t->el[e].placed = true;
		push_kid(&t->el[p], (kid){KID_ELEM, 0, e});
	}
}

int pc_tags_add(pc_tags *t, int type, int parent)
{
	if (parent < 0 || (size_t)parent >= t->n)
		parent = 0;
	pc_tag_elem src = {(uint8_t)type, PC_SCOPE_NONE, parent, NULL, NULL};
	int e = new_elem(t, &src);
	place(t, e);
	return e;
}

void pc_tags_lang(pc_tags *t, int e, const char *lang)
{
	if (e > 0 && (size_t)e < t->n)
		t->el[e].e.lang = lang;
}

int pc_tags_mark(pc_tags *t, int e, int page)
{
	if (e < 0 || (size_t)e >= t->n)
		e = 0;
	if (page < 0 || page >= t->npages)
		return -1;
	place(t, e);
	page_marks *pm = &t->pages[page];
	if (pm->n == pm->cap) {
		pm->cap = pm->cap ? pm->cap * 2 : 32;
		pm->elem = pc_xrealloc(pm->elem, pm->cap * sizeof *pm->elem);
	}
	int mcid = (int)pm->n;
	pm->elem[pm->n++] = e;
	elem *el = &t->el[e];
	if (el->page < 0)
		el->page = page;
	push_kid(el, (kid){KID_MCID, (uint32_t)page, mcid});
	return mcid;
}

void pc_tags_annot(pc_tags *t, int e, int page, void *annot, const char *contents)
{
	if (!annot || e < 0 || (size_t)e >= t->n || page < 0 || page >= t->npages)
		return;
	place(t, e);
	push_kid(&t->el[e], (kid){KID_ANNOT, (uint32_t)page, (int32_t)t->nannots});
	if (t->el[e].page < 0)
		t->el[e].page = page;
	if (t->nannots == t->capannots) {
		t->capannots = t->capannots ? t->capannots * 2 : 64;
		t->annots = pc_xrealloc(t->annots, t->capannots * sizeof *t->annots);
	}
	t->annots[t->nannots++] =
	    (annot_ref){annot, e, contents && *contents ? pc_xstrdup(contents) : NULL};
}

/* ---- writing ------------------------------------------------------------ */

typedef struct writer {
	HPDF_Doc pdf;
	HPDF_MMgr mm;
	HPDF_Xref xref;
	HPDF_Encoder utf8;
	HPDF_Page const *pages;
	int npages;
	bool ok;
} writer;

static void check(writer *w, HPDF_STATUS st)
{
	if (st != HPDF_OK)
		w->ok = false;
}

/* An indirect dictionary of the document. */
static HPDF_Dict indirect_dict(writer *w)
{
	HPDF_Dict d = HPDF_Dict_New(w->mm);
	if (!d || HPDF_Xref_Add(w->xref, d) != HPDF_OK) {
		w->ok = false;
		return NULL;
	}
	return d;
}

static void add_text(writer *w, HPDF_Dict d, const char *key, const char *s)
{
	bool ascii = true;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p >= 0x80)
			ascii = false;
	HPDF_String str = HPDF_String_New(w->mm, s, ascii ? NULL : w->utf8);
	if (!str)
		w->ok = false;
	else
		check(w, HPDF_Dict_Add(d, key, str));
}

static void add_bool(writer *w, HPDF_Dict d, const char *key)
{
	HPDF_Boolean b = HPDF_Boolean_New(w->mm, HPDF_TRUE);
	if (!b)
		w->ok = false;
	else
		check(w, HPDF_Dict_Add(d, key, b));
}

static void put_uint(pc_buf *b, unsigned v)
{
	char tmp[12], *p = tmp + sizeof tmp;
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	pc_buf_put(b, p, (size_t)(tmp + sizeof tmp - p));
}

static void put_ref(pc_buf *b, const void *obj)
{
	pc_buf_putc(b, ' ');
	put_uint(b, pc_haru_obj_id(obj));
	pc_buf_puts(b, " 0 R");
}

/* The entries of a structure element, as the document is saved. */
static void write_elem(const pc_haru_raw *raw, pc_buf *b)
{
	const elem *e = (const elem *)raw;
	const pc_tags *t = e->tree;
	pc_buf_puts(b, "/Type /StructElem /S /");
	pc_buf_puts(b, pc_tag_name(e->e.type));
	pc_buf_puts(b, " /P");
	put_ref(b, e->e.parent >= 0 ? t->el[e->e.parent].obj : t->root);
	if (e->page >= 0) {
		pc_buf_puts(b, " /Pg");
		put_ref(b, t->page_objs[e->page]);
	}
	if (e->e.type == PC_TAG_NOTE) { /* PDF/UA-1 7.9: a note has a unique /ID */
		pc_buf_puts(b, " /ID (note-");
		put_uint(b, (unsigned)(e - t->el));
		pc_buf_putc(b, ')');
	}
	if (e->e.alt && *e->e.alt) {
		pc_buf_puts(b, " /Alt");
		pc_buf_putc(b, ' ');
		pc_haru_put_text_string(b, e->e.alt);
	}
	if (e->e.lang && *e->e.lang) {
		pc_buf_puts(b, " /Lang");
		pc_buf_putc(b, ' ');
		pc_haru_put_text_string(b, e->e.lang);
	}
	if (e->e.scope != PC_SCOPE_NONE)
		pc_buf_puts(b, e->e.scope == PC_SCOPE_ROW ? " /A <</O /Table /Scope /Row>>"
		                                          : " /A <</O /Table /Scope /Column>>");
	if (!e->nkids)
		return;
	pc_buf_puts(b, " /K [");
	for (uint32_t k = 0; k < e->nkids; k++) {
		const kid *c = &e->kids[k];
		if (c->kind == KID_ELEM)
			put_ref(b, t->el[c->v].obj);
		else if (c->kind == KID_MCID && c->page == e->page) {
			pc_buf_putc(b, ' ');
			put_uint(b, (unsigned)c->v);
		} else if (c->kind == KID_MCID) {
			pc_buf_puts(b, " <</Type /MCR /Pg");
			put_ref(b, t->page_objs[c->page]);
			pc_buf_puts(b, " /MCID ");
			put_uint(b, (unsigned)c->v);
			pc_buf_puts(b, ">>");
		} else {
			pc_buf_puts(b, " <</Type /OBJR /Obj");
			put_ref(b, t->annots[c->v].annot);
			pc_buf_puts(b, " /Pg");
			put_ref(b, t->page_objs[c->page]);
			pc_buf_puts(b, ">>");
		}
	}
	pc_buf_puts(b, " ]");
}

/* Pairs of a ParentTree leaf: libharu grows an array by copying it
 * whole, so that one /Nums array of every page and link would cost time
 * quadratic in their number. */
#define LEAF_PAIRS 64

typedef struct num_tree {
	HPDF_Array kids;
	HPDF_Array nums; /* the leaf being filled */
	int first, last, n;
} num_tree;

static void leaf_close(writer *w, num_tree *nt)
{
	if (!nt->nums)
		return;
	HPDF_Dict leaf = indirect_dict(w);
	HPDF_Array limits = HPDF_Array_New(w->mm);
	if (!leaf || !limits) {
		w->ok = false;
		return;
	}
	check(w, HPDF_Array_AddNumber(limits, nt->first));
	check(w, HPDF_Array_AddNumber(limits, nt->last));
	check(w, HPDF_Dict_Add(leaf, "Limits", limits));
	check(w, HPDF_Dict_Add(leaf, "Nums", nt->nums));
	check(w, HPDF_Array_Add(nt->kids, leaf));
	nt->nums = NULL;
}

/* Adds key → value (keys in increasing order). */
static void num_put(writer *w, num_tree *nt, int key, void *value)
{
	if (nt->nums && nt->n == LEAF_PAIRS)
		leaf_close(w, nt);
	if (!nt->nums) {
		nt->nums = HPDF_Array_New(w->mm);
		if (!nt->nums) {
			w->ok = false;
			return;
		}
		if (!pc_haru_reserve_values(nt->nums, 2 * LEAF_PAIRS))
			w->ok = false;
		nt->first = key;
		nt->n = 0;
	}
	check(w, HPDF_Array_AddNumber(nt->nums, key));
	check(w, HPDF_Array_Add(nt->nums, value));
	nt->last = key;
	nt->n++;
}

/* The ParentTree: for every page, the elements of its MCIDs; for every
 * annotation, its element. Keys: pages 0…n-1, then the annotations. */
static HPDF_Dict parent_tree(writer *w, pc_tags *t)
{
	HPDF_Dict tree = indirect_dict(w);
	num_tree nt = {HPDF_Array_New(w->mm), NULL, 0, 0, 0};
	if (!tree || !nt.kids) {
		w->ok = false;
		return NULL;
	}
	for (int p = 0; p < w->npages && w->ok; p++) {
		const page_marks *pm = &t->pages[p];
		HPDF_Array arr = HPDF_Array_New(w->mm);
		if (!arr || !pc_haru_reserve_values(arr, pm->n) ||
		    HPDF_Xref_Add(w->xref, arr) != HPDF_OK) {
			w->ok = false;
			return NULL;
		}
		for (size_t m = 0; m < pm->n; m++)
			check(w, HPDF_Array_Add(arr, t->el[pm->elem[m]].obj));
		num_put(w, &nt, p, arr);
		check(w, HPDF_Dict_AddNumber(w->pages[p], "StructParents", p));
		check(w, HPDF_Dict_AddName(w->pages[p], "Tabs", "S"));
	}
	for (size_t k = 0; k < t->nannots && w->ok; k++) {
		int key = w->npages + (int)k;
		num_put(w, &nt, key, t->el[t->annots[k].elem].obj);
		if (!pc_haru_link_tag(t->annots[k].annot, key, t->annots[k].contents))
			w->ok = false;
	}
	leaf_close(w, &nt);
	check(w, HPDF_Dict_Add(tree, "Kids", nt.kids));
	return tree;
}

/* The XMP packet: the title and the PDF/UA-1 identifier (uncompressed,
 * so that tools read it without inflating). */
static void metadata(writer *w, const char *title)
{
	pc_buf x = {0};
	pc_buf_puts(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	                "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	                "<rdf:Description rdf:about=\"\" "
	                "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	                "<dc:format>application/pdf</dc:format>\n"
	                "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	pc_escape_html(&x, title ? title : "");
	pc_buf_puts(&x, "</rdf:li></rdf:Alt></dc:title>\n"
	                "</rdf:Description>\n"
	                "<rdf:Description rdf:about=\"\" "
	                "xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	                "<pdfuaid:part>1</pdfuaid:part>\n"
	                "</rdf:Description>\n"
	                "</rdf:RDF>\n"
	                "</x:xmpmeta>\n"
	                "<?xpacket end=\"w\"?>");
	HPDF_Dict m = HPDF_DictStream_New(w->mm, w->xref);
	if (!m) {
		w->ok = false;
		pc_buf_free(&x);
		return;
	}
	m->filter = HPDF_STREAM_FILTER_NONE;
	check(w, HPDF_Dict_AddName(m, "Type", "Metadata"));
	check(w, HPDF_Dict_AddName(m, "Subtype", "XML"));
	check(w, HPDF_Stream_Write(m->stream, (const HPDF_BYTE *)x.data, (HPDF_UINT)x.len));
	check(w, HPDF_Dict_Add(pc_haru_catalog(w->pdf), "Metadata", m));
	pc_buf_free(&x);
}

/* /Lang, /MarkInfo, /ViewerPreferences of the catalog. */
static void catalog_entries(writer *w)
{
	HPDF_Dict cat = pc_haru_catalog(w->pdf);
	add_text(w, cat, "Lang", "ja-JP");
	HPDF_Dict mark = HPDF_Dict_New(w->mm);
	HPDF_Dict vp = HPDF_Dict_New(w->mm);
	if (!mark || !vp) {
		w->ok = false;
		return;
	}
	add_bool(w, mark, "Marked");
	check(w, HPDF_Dict_Add(cat, "MarkInfo", mark));
	/* libharu's own viewer preferences are not used by the booklet */
	add_bool(w, vp, "DisplayDocTitle");
	check(w, HPDF_Dict_Add(cat, "ViewerPreferences", vp));
}

bool pc_tags_write(pc_tags *t, void *pdf, void *const *pages, int npages, const char *title)
{
	writer w = {pdf, NULL, NULL, NULL, (HPDF_Page const *)pages, npages, true};
	if (!w.pdf || npages > t->npages)
		return false;
	w.mm = pc_haru_mmgr(w.pdf);
	w.xref = pc_haru_xref(w.pdf);
	w.utf8 = HPDF_GetEncoder(w.pdf, "UTF-8");
	/* elements opened but never drawn keep their place, after the rest */
	for (size_t i = 1; i < t->n; i++)
		place(t, (int)i);
	for (size_t i = 0; i < t->n; i++)
		place_children(t, (int)i, -1);
	/* the objects made here: the elements, an array of each page's
	 * elements, the parent tree's leaves and root, the tree's root and
	 * the metadata */
	size_t leaves = ((size_t)npages + t->nannots) / LEAF_PAIRS + 1;
	if (!pc_haru_reserve_objects(w.pdf, t->n + (size_t)npages + leaves + 4))
		return false;
	HPDF_Dict root = indirect_dict(&w);
	t->root = root;
	t->page_objs = pages;
	for (size_t i = 0; i < t->n && w.ok; i++) {
		elem *e = &t->el[i];
		e->raw.write = write_elem;
		e->tree = t;
		e->obj = pc_haru_raw_dict(w.pdf, &e->raw);
		if (!e->obj)
			w.ok = false;
	}
	if (!w.ok)
		return false;
	HPDF_Dict tree = parent_tree(&w, t);
	if (!w.ok)
		return false;
	check(&w, HPDF_Dict_AddName(root, "Type", "StructTreeRoot"));
	check(&w, HPDF_Dict_Add(root, "K", t->el[0].obj));
	check(&w, HPDF_Dict_Add(root, "ParentTree", tree));
	check(&w, HPDF_Dict_AddNumber(root, "ParentTreeNextKey", npages + (int)t->nannots));
	check(&w, HPDF_Dict_Add(pc_haru_catalog(w.pdf), "StructTreeRoot", root));
	catalog_entries(&w);
	metadata(&w, title);
	return w.ok;
}
