/*
 * What the PDF device relies on in libharu 2.3.0 beyond its documented
 * API, kept in one place: the structures of hpdf_objects.h, hpdf_pages.h,
 * hpdf_font.h, hpdf_fontdef.h and hpdf_doc.h, and how HPDF_Dict_Write
 * writes a stream. haru.c says, function by function, what it depends on;
 * tests/unit/test_haru.c fails when an installed libharu no longer
 * behaves so.
 */
#ifndef PC_PDF_HARU_H
#define PC_PDF_HARU_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pc_buf;

/* The version these functions were written against. */
#define PC_HARU_VERSION "2.3.0"

/* Bytes that libharu reads as the body of a stream when it saves; the
 * caller keeps them (and this record) alive until the document is saved
 * or freed. */
typedef struct pc_haru_body {
	const uint8_t *data;
	size_t len, pos;
} pc_haru_body;

/* HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE), reading the mapped file
 * instead of through stdio (the same font definition, the same name). */
const char *pc_haru_load_ttf(HPDF_Doc pdf, const char *path);

/* True when the loaded libharu is the version above. */
bool pc_haru_version_ok(void);

/*
 * Makes body, zlib (FlateDecode) data, the stream of dict: libharu writes
 * it as it is, with /Filter /FlateDecode in the dictionary, instead of
 * compressing the stream's own bytes. False when libharu is out of memory.
 */
bool pc_haru_set_deflated(HPDF_Dict dict, pc_haru_body *body);

/* The same for a page's content, which then has no stream libharu's
 * page operators could write to. */
bool pc_haru_set_page_deflated(HPDF_Page page, pc_haru_body *body);

/* The names by which a page's content refers to a font, an extended
 * graphics state and an image, registered in the page's resources on
 * first use; NULL when libharu is out of memory. */
const char *pc_haru_font_name(HPDF_Page page, HPDF_Font font);
const char *pc_haru_gstate_name(HPDF_Page page, HPDF_ExtGState gs);
const char *pc_haru_image_name(HPDF_Page page, HPDF_Image img);

/* True when the font's cmap maps cp to a glyph other than .notdef. */
bool pc_haru_has_glyph(HPDF_Font font, uint16_t cp);

/* Makes dst [page /XYZ left top null]: HPDF_Destination_SetXYZ refuses a
 * zoom of 0, which is how PDF says "keep the reader's zoom". */
void pc_haru_dest_xyz(HPDF_Destination dst, HPDF_Page page, float left, float top);

/* The bytes written so far into a stream dictionary's memory stream, as
 * one block (malloc'd, *len bytes), or NULL when it has none. */
uint8_t *pc_haru_stream_bytes(HPDF_Dict dict, size_t *len);

/* Calls fn for every stream of the document that libharu would compress
 * itself when saving (its filter is FlateDecode). */
void pc_haru_each_deflated_stream(HPDF_Doc pdf, void (*fn)(void *ctx, HPDF_Dict dict), void *ctx);

/* The glyphs of a font marked as used so far (one byte per glyph id,
 * non-zero when used), *n entries; NULL when the font has none. */
const uint8_t *pc_haru_used_glyphs(HPDF_Font font, size_t *n);

/* The /CIDToGIDMap and /ToUnicode streams of a font (NULL when it has
 * none), whose content is fixed once the font is made. */
void pc_haru_font_maps(HPDF_Font font, HPDF_Dict *cid_to_gid, HPDF_Dict *to_unicode);

/*
 * Embeds program, the zlib data of a TrueType font program of length1
 * bytes, as the font's /FontFile2, with the descriptor libharu would
 * make. Called again, it replaces the program. False when the font is not
 * an embedded CID TrueType font, or libharu is out of memory.
 */
bool pc_haru_font_embed(HPDF_Font font, pc_haru_body *program, size_t length1);

/*
 * Has libharu make now the objects it would make for a font while saving
 * (its descriptor and program unless pc_haru_font_embed made them), with
 * the filter of every stream it makes or touches set to NONE: the device
 * compresses them. Returns the /FontFile2 stream when libharu made it
 * (its bytes are then still to be compressed), else NULL.
 */
HPDF_Dict pc_haru_font_finish(HPDF_Font font);

/*
 * Saves the document through write (called with the file's bytes in
 * order, in pieces; returning false stops the save), instead of into
 * libharu's memory stream. Returns libharu's status.
 */
HPDF_STATUS pc_haru_save(HPDF_Doc pdf, bool (*write)(void *ctx, const uint8_t *p, size_t n),
                         void *ctx);

/*
 * A dictionary whose entries the caller writes itself when the document
 * is saved: raw->write appends them (PDF syntax, "/Key value" pairs) to
 * out. For the tens of thousands of small objects of a structure tree,
 * where libharu's own objects cost more to make and to write than the
 * rest of the document. raw must live until the document is saved.
 * Returns the dictionary, made indirect (an object of the document), or
 * NULL when libharu is out of memory.
 */
typedef struct pc_haru_raw {
	void (*write)(const struct pc_haru_raw *raw, struct pc_buf *out);
} pc_haru_raw;
HPDF_Dict pc_haru_raw_dict(HPDF_Doc pdf, const pc_haru_raw *raw);
/* Where a link goes in the document: [page /XYZ left top null], the
 * view's top left corner there, the reader's zoom kept. */
typedef struct pc_haru_dest {
	HPDF_Page page;
	float left, top;
} pc_haru_dest;
/*
 * A link annotation on page, written by the caller's code rather than
 * made of libharu's objects: theirs are a dozen objects a link (the
 * rectangle, the border and their numbers, names, dictionary entries of
 * 140 bytes each), about two kilobytes, where this is a record of 72
 * bytes and one dictionary. To dest, written into the link (a libharu
 * destination is an array of five objects, some 900 bytes, for each
 * place linked to), else to uri. Added to the page's /Annots. NULL when
 * libharu is out of memory.
 */
HPDF_Dict pc_haru_link(HPDF_Doc pdf, HPDF_Page page, const float rect[4], const pc_haru_dest *dest,
                       const char *uri);
/* The link's /StructParent and /Contents (a text string; NULL none), for
 * the structure tree. */
bool pc_haru_link_tag(HPDF_Dict link, int struct_parent, const char *contents);
/* A text string into out: UTF-16BE in hex with its byte order mark,
 * <FEFF…>, for what the device writes itself. */
void pc_haru_put_text_string(struct pc_buf *out, const char *s);
/*
 * Room for n more objects in the document, and for n more values in an
 * array, made at once. libharu grows a list by a fixed step (1,024 objects,
 * 8 values), copying it whole each time: the 100,000 elements of a
 * 2,000-page structure tree would copy the cross-reference list a hundred
 * times over (90 MB of copies), and the parent tree's arrays likewise.
 * False when libharu is out of memory.
 */
bool pc_haru_reserve_objects(HPDF_Doc pdf, size_t n);
bool pc_haru_reserve_values(HPDF_Array array, size_t n);
/* The object number of an indirect object (0 when it is not one). */
unsigned pc_haru_obj_id(const void *obj);
/* The document's catalog, memory manager and cross-reference table. */
HPDF_Dict pc_haru_catalog(HPDF_Doc pdf);
HPDF_MMgr pc_haru_mmgr(HPDF_Doc pdf);
HPDF_Xref pc_haru_xref(HPDF_Doc pdf);

/* Rewrites the /ToUnicode CMap of a font (see haru.c). */
void pc_haru_fix_tounicode(HPDF_Font font);

#endif

/* ---- the print edition ------------------------------------------------ */

/*
 * The boxes of a print page: TrimBox [0 0 w h], BleedBox bleed outside
 * it, MediaBox margin outside it (margin >= bleed; room for crop marks).
 * The page keeps its coordinates: the trim's corner stays at the origin,
 * so content drawn for an A4 page lands on the trim. False when libharu
 * is out of memory.
 */
bool pc_haru_page_boxes(HPDF_Page page, float w, float h, float bleed, float margin);

/* What makes a file PDF/X-4 beyond its pages (docs/pdf.md "印刷版"). */
typedef struct pc_haru_pdfx {
	const uint8_t *icc; /* the output condition's CMYK ICC profile */
	size_t icc_len;
	const char *condition_id; /* /OutputConditionIdentifier, e.g. CGATS TR 001 */
	const char *condition;    /* /OutputCondition and /Info: what the profile is */
	const char *xmp;          /* the XMP packet, written uncompressed */
	uint8_t id[16];           /* the file identifier, both halves of /ID */
} pc_haru_pdfx;

/*
 * Adds to the document: an output intent /GTS_PDFX with the profile
 * embedded as its /DestOutputProfile (uncompressed), the XMP packet as the
 * catalogue's /Metadata, /GTS_PDFXVersion (PDF/X-4) and /Trapped /False in
 * the Info dictionary (made by HPDF_SetInfoAttr before), the trailer's /ID,
 * and PDF version 1.6. False when libharu is out of memory or the Info
 * dictionary is missing.
 */
bool pc_haru_pdfx_add(HPDF_Doc pdf, const pc_haru_pdfx *x);

/* libharu's producer text in the Info dictionary (for the XMP packet). */
const char *pc_haru_producer(void);
