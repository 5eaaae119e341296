/*
 * The PDF drawing device: the only code of the back end that knows
 * libharu. The layout core asks it for glyph widths and image sizes, then
 * draws pages through it in PDF coordinates (points, origin bottom left).
 *
 * Fonts are fetched lazily (HPDF_GetFont costs ~57 ms and embeds the face
 * even when unused); widths are cached in a 64K table per face. Errors are
 * sticky in libharu: the device records the first one and every later call
 * becomes a no-op; pc_dev_save reports it.
 *
 * From pc_dev_prepare_fonts or pc_dev_pages on, a worker thread of the
 * device builds the embedded font programs and compresses each finished
 * page while the next pages are drawn; pc_dev_free waits for it. A
 * device is used by one thread.
 */
#ifndef PC_PDF_DEVICE_H
#define PC_PDF_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../../fonts/fontmap.h"
#include "../../util/buf.h"
#include "../../util/output.h"

#define PC_DEV_PAGE_W 595.276f /* A4 portrait, points */
#define PC_DEV_PAGE_H 841.890f
#define PC_DEV_NONE   0xFFFFFFFFu /* "no colour" for fill or stroke */

typedef struct pc_dev pc_dev;

/* A device over the faces of the map; nothing is loaded yet. */
pc_dev *pc_dev_new(const pc_fontmap *map);
void pc_dev_free(pc_dev *d);
/*
 * For a process that ends right after its build (the command line's
 * build, also as the preview server's child): pc_dev_free then leaves
 * libharu's document to the end of the process, which releases it at once,
 * instead of taking it apart object by object. Off by default, so that a
 * process that goes on (the tests) frees everything; always off with
 * AddressSanitizer, whose leak check must stay clean.
 */
void pc_dev_set_one_shot(bool one_shot);
/* The first libharu error as text, or NULL. */
const char *pc_dev_error(const pc_dev *d);

/* The face serving a role (faces of the same file are shared); the latin
 * role falls back to body when the map leaves it out. */
int pc_dev_face(pc_dev *d, pc_font_role role);
/* Advance of cp in 1/1000 em; -1 when the face has no glyph for it (or it
 * lies outside the BMP, which libharu cannot encode). Measuring a glyph
 * also marks it for embedding. */
int pc_dev_width(pc_dev *d, int face, uint32_t cp);

/* Loads a PNG or JPEG once; returns its handle (-1 on failure) and its
 * size in pixels. */
int pc_dev_image(pc_dev *d, const char *path, float *w, float *h);

/* The text is as good as measured (the first layout pass is done): the
 * worker starts building the programs of the faces used so far, while the
 * layout settles. A glyph measured after is still embedded: its face's
 * program is built again (pc_dev_pages, the last page, saving). */
void pc_dev_prepare_fonts(pc_dev *d);
/* Output: creates n A4 pages (once), then draws into any of them. */
void pc_dev_pages(pc_dev *d, int n);
void pc_dev_page(pc_dev *d, int i);
/* Text at baseline (x, y); gap is added after every glyph (Tc). The
 * glyphs must have been measured with pc_dev_width. */
void pc_dev_text(pc_dev *d, int face, float size, float x, float y, float gap, const uint32_t *cps,
                 size_t n, uint32_t rgb);
/* Marked content whose extracted text is actual (UTF-8; "" hides it). */
void pc_dev_span_begin(pc_dev *d, const char *actual);
void pc_dev_span_end(pc_dev *d);
/*
 * Tagging (tags.h). The device writes the tree t (and frees it) when the
 * document is saved. Marked content: an element's content with its MCID,
 * or an artifact (running heads, folios, decoration); they do not nest.
 * actual (UTF-8, may be NULL): what the content reads as (ActualText),
 * in the same sequence, as readers of the tree take a nested span's end
 * for the end of the element's content.
 * pc_dev_tag_link makes the link annotation made last the content of
 * element elem (a Link), described by contents (UTF-8).
 */
struct pc_tags;
void pc_dev_set_tags(pc_dev *d, struct pc_tags *t);
void pc_dev_mark_begin(pc_dev *d, const char *tag, int mcid, const char *actual);
void pc_dev_artifact_begin(pc_dev *d);
void pc_dev_mark_end(pc_dev *d);
void pc_dev_tag_link(pc_dev *d, int elem, const char *contents);
/* Drawing between these multiplies with what lies below (a watermark laid
 * over the page darkens nothing that is already darker). */
void pc_dev_multiply_begin(pc_dev *d);
void pc_dev_multiply_end(pc_dev *d);
void pc_dev_rect(pc_dev *d, float x, float y, float w, float h, uint32_t fill, uint32_t stroke,
                 float lw);
void pc_dev_line(pc_dev *d, float x1, float y1, float x2, float y2, uint32_t rgb, float lw,
                 bool dotted);
/* A circle of radius r around (x, y). */
void pc_dev_circle(pc_dev *d, float x, float y, float r, uint32_t fill, uint32_t stroke, float lw);
void pc_dev_draw_image(pc_dev *d, int img, float x, float y, float w, float h);

/* Destinations: a place (page, top y) that links and outline entries
 * point to. Create them after pc_dev_pages. */
int pc_dev_dest(pc_dev *d, int page, float top);
void pc_dev_link(pc_dev *d, float x, float y, float w, float h, int dest);
void pc_dev_uri(pc_dev *d, float x, float y, float w, float h, const char *uri);
/* An outline entry under parent (-1: top level); returns its handle. */
int pc_dev_outline(pc_dev *d, int parent, const char *title, int dest, bool open);

/* Title, author, subject (UTF-8, may be NULL) and the fixed dates. */
void pc_dev_info(pc_dev *d, const char *title, const char *author, const char *subject,
                 time_t when);
/* ---- the print edition (docs/pdf.md "印刷版") ---- */

/* The one conversion of the print edition: a design colour 0xRRGGBB to
 * CMYK, each 0..1. */
typedef void (*pc_dev_cmyk_fn)(uint32_t rgb, float cmyk[4]);

/*
 * Makes d a print device, before pc_dev_pages: every colour it writes
 * goes through cmyk (k/K operators; no RGB operator is written), PNG images
 * are converted to CMYK pixels through it, and links, destinations and
 * the outline are left out. Its pages have a trim of w × h points (the
 * drawing's coordinates, origin at the trim's corner), a bleed outside it
 * and a MediaBox margin outside the trim (room for crop marks).
 */
void pc_dev_set_print(pc_dev *d, pc_dev_cmyk_fn cmyk, float w, float h, float bleed, float margin);
/* The libdeflate level of the pages' content (default 1; 0 stores it). */
void pc_dev_set_page_level(pc_dev *d, int level);
/* A line in registration colour (on every plate: 1 1 1 1 K), for crop
 * marks. */
void pc_dev_mark_line(pc_dev *d, float x1, float y1, float x2, float y2, float lw);
/* Makes a new device d serve src's faces under the same handles and,
 * when all, know what src measured (glyph widths: the glyphs it will
 * embed) and loaded (images, under the same handles), so that pages laid
 * out with src can be drawn through d; src's font programs then serve d
 * where d embeds the same glyphs (src must outlive d's drawing and save). */
void pc_dev_adopt(pc_dev *d, const pc_dev *src, bool all);
/* The path of image i when a print device had to keep it in RGB (not a
 * PNG); NULL otherwise. n: how many images the device has. */
const char *pc_dev_image_kept_rgb(const pc_dev *d, int i);
int pc_dev_nimages(const pc_dev *d);
/*
 * Makes the document PDF/X-4 (after pc_dev_info): the output intent with
 * the CMYK profile icc, the XMP packet xmp, /GTS_PDFXVersion, /Trapped and
 * the file identifier (id: 16 bytes). condition_id / condition name the
 * printing condition. False on a libharu error.
 */
bool pc_dev_pdfx(pc_dev *d, const uint8_t *icc, size_t icc_len, const char *condition_id,
                 const char *condition, const char *xmp, const uint8_t id[16]);
/* The Producer libharu writes into the Info dictionary. */
const char *pc_dev_producer(void);

/* Writes the finished PDF into out; false on a libharu error. */
bool pc_dev_save(pc_dev *d, pc_buf *out);
/* Writes it straight into the output transaction as rel. False on a
 * libharu error (pc_dev_error says which) or a write error (the output
 * has recorded its diagnostic; pc_dev_error is then NULL). */
bool pc_dev_write(pc_dev *d, pc_output *o, const char *rel);

#endif
