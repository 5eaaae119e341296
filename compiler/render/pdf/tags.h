/*
 * The structure tree of the tagged booklet (PDF/UA-1, ISO 14289-1): the
 * elements the walkers open (type, parent, alternative text, language,
 * header scope), their content as the pages are drawn (marked-content
 * ids per page, link annotations), and, when the document is saved, the
 * StructTreeRoot, the elements, the ParentTree, the catalog entries and
 * the XMP metadata a tagged PDF needs, written through libharu's objects.
 * libharu 2.3.0 has no tagging of its own.
 */
#ifndef PC_PDF_TAGS_H
#define PC_PDF_TAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Standard structure types (ISO 32000-1, 14.8.4): no RoleMap is needed. */
typedef enum pc_tag_type {
	PC_TAG_DOCUMENT,
	PC_TAG_PART,
	PC_TAG_SECT,
	PC_TAG_DIV,
	PC_TAG_H1,
	PC_TAG_H2,
	PC_TAG_H3,
	PC_TAG_H4,
	PC_TAG_H5,
	PC_TAG_H6,
	PC_TAG_P,
	PC_TAG_L,
	PC_TAG_LI,
	PC_TAG_LBL,
	PC_TAG_LBODY,
	PC_TAG_TABLE,
	PC_TAG_THEAD,
	PC_TAG_TBODY,
	PC_TAG_TR,
	PC_TAG_TH,
	PC_TAG_TD,
	PC_TAG_CAPTION,
	PC_TAG_FIGURE,
	PC_TAG_TOC,
	PC_TAG_TOCI,
	PC_TAG_INDEX,
	PC_TAG_NOTE,
	PC_TAG_LINK,
	PC_TAG_SPAN,
	PC_TAG_BLOCKQUOTE,
	PC_TAG_CODE,
	PC_TAG_COUNT
} pc_tag_type;

/* The /Scope of a header cell. */
enum { PC_SCOPE_NONE, PC_SCOPE_ROW, PC_SCOPE_COLUMN };

/* An element as the walkers open it; the strings outlive the tree. */
typedef struct pc_tag_elem {
	uint8_t type;  /* pc_tag_type */
	uint8_t scope; /* PC_SCOPE_* */
	int parent;    /* -1 for the root (element 0, the Document) */
	const char *alt;
	const char *lang; /* BCP 47, NULL: the document's */
} pc_tag_elem;

/* The name of a structure type (/P, /H2 …). */
const char *pc_tag_name(int type);

typedef struct pc_tags pc_tags;

/* A tree of the n elements (element 0 the root), copied, for a document
 * of npages pages. */
pc_tags *pc_tags_new(const pc_tag_elem *elems, size_t n, int npages);
void pc_tags_free(pc_tags *t);
/* The type of element e. */
int pc_tags_type(const pc_tags *t, int e);
/* A new element under parent, made while drawing (a link); placed after
 * what parent holds so far. */
int pc_tags_add(pc_tags *t, int type, int parent);
/* The language of element e (BCP 47, a string that outlives the tree). */
void pc_tags_lang(pc_tags *t, int e, const char *lang);
/* Opens a marked-content sequence of e's content on page: returns its
 * MCID. Elements enter their parent in the order their content is drawn
 * (the logical order); elements without content keep the walkers' order. */
int pc_tags_mark(pc_tags *t, int e, int page);
/* A link annotation (an HPDF_Annotation) on page, the content of e,
 * described by contents (UTF-8, copied; its /Contents). */
void pc_tags_annot(pc_tags *t, int e, int page, void *annot, const char *contents);

/*
 * Writes the tree into the document (an HPDF_Doc whose npages pages are
 * pages, HPDF_Page each): the structure elements, the ParentTree, /StructParents and /Tabs /S
 * on the pages, /StructParent on the annotations, and in the catalog
 * /StructTreeRoot, /MarkInfo, /Lang, /ViewerPreferences /DisplayDocTitle
 * and XMP metadata with title (UTF-8) and the PDF/UA identifier. False
 * when libharu failed (its error handler has the reason).
 */
bool pc_tags_write(pc_tags *t, void *pdf, void *const *pages, int npages, const char *title);

#endif
