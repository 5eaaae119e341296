/*
 * PDF back end, the print edition's body (docs/pdf.md "印刷版"): the
 * booklet's laid-out pages drawn a second time, through a print device, as
 * print/body.pdf — CMYK through one conversion, trim and bleed boxes,
 * rectangles at the edge continued into the bleed, optional Japanese crop
 * marks, a hidden folio where a page shows none, blank pages to the
 * binding's multiple, the colophon last, and PDF/X-4's output intent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../util/escape.h"
#include "layout.h"

#define MM(v) ((float)(v)*72.0f / 25.4f)

/* ---- colour ---------------------------------------------------------- */

/*
 * The one conversion from the design's RGB to print CMYK. The design's
 * colours have fixed values, computed once from sRGB with the output
 * profile (relative colorimetric) and listed in docs/pdf.md, whose table
 * the print checker reads; text black and rules are K only; a grey is K
 * only (K = 1 − its lightness); any other colour (none in the booklet
 * today) by the plain formula K = 1 − max(R,G,B), C = (1 − R − K)/(1 − K) …
 */
static const struct {
	uint32_t rgb;
	uint8_t c, m, y, k; /* percent */
} design[] = {
    {C_TEXT, 0, 0, 0, 100},     /* text black: K only, never four-colour */
    {C_RULE, 0, 0, 0, 40},      /* rules: K only (a hairline in four plates misregisters) */
    {C_ACCENT, 93, 36, 78, 27}, /* the municipal green */
    {C_ACCENT_LIGHT, 10, 1, 9, 0},
    {C_BOX_FILL, 3, 2, 3, 0},
    {C_HEADER_FILL, 13, 2, 11, 0},
    {C_ACTUAL, 24, 84, 100, 22},
    {C_GRID, 12, 5, 11, 0},
    /* the 17 SDG colours */
    {0xE5243Bu, 3, 100, 94, 0},
    {0xDDA63Au, 13, 37, 99, 0},
    {0x4C9F38u, 76, 15, 100, 2},
    {0xC5192Du, 15, 100, 100, 7},
    {0xFF3A21u, 0, 94, 100, 0},
    {0x26BDE2u, 69, 2, 7, 0},
    {0xFCC30Bu, 2, 24, 100, 0},
    {0xA21942u, 24, 100, 73, 21},
    {0xFD6925u, 0, 76, 100, 0},
    {0xDD1367u, 8, 100, 41, 0},
    {0xFD9D24u, 0, 47, 100, 0},
    {0xBF8B2Eu, 24, 47, 100, 5},
    {0x3F7E44u, 82, 29, 100, 17},
    {0x0A97D9u, 80, 29, 0, 0},
    {0x56C02Bu, 69, 0, 100, 0},
    {0x00689Du, 100, 62, 16, 2},
    {0x19486Au, 100, 77, 37, 27},
};

void pdf_print_cmyk(uint32_t rgb, float cmyk[4])
{
	for (size_t i = 0; i < sizeof design / sizeof design[0]; i++)
		if (design[i].rgb == rgb) {
			cmyk[0] = design[i].c / 100.0f;
			cmyk[1] = design[i].m / 100.0f;
			cmyk[2] = design[i].y / 100.0f;
			cmyk[3] = design[i].k / 100.0f;
			return;
		}
	float r = (float)(rgb >> 16 & 255) / 255.0f, g = (float)(rgb >> 8 & 255) / 255.0f,
	      b = (float)(rgb & 255) / 255.0f;
	float max = r > g ? (r > b ? r : b) : (g > b ? g : b);
	float k = 1.0f - max;
	if ((rgb >> 16 & 255) == (rgb >> 8 & 255) && (rgb >> 8 & 255) == (rgb & 255)) {
		cmyk[0] = cmyk[1] = cmyk[2] = 0; /* a grey: K only */
		cmyk[3] = (float)(int)(k * 100.0f + 0.5f) / 100.0f;
		return;
	}
	cmyk[0] = (1.0f - r - k) / (1.0f - k);
	cmyk[1] = (1.0f - g - k) / (1.0f - k);
	cmyk[2] = (1.0f - b - k) / (1.0f - k);
	cmyk[3] = k;
	for (int i = 0; i < 4; i++)
		cmyk[i] = (float)(int)(cmyk[i] * 100.0f + 0.5f) / 100.0f;
}

/* ---- settings ---------------------------------------------------------- */

pdf_print pdf_print_settings(const pc_meta *m)
{
	pdf_print p;
	memset(&p, 0, sizeof p);
	p.bleed = MM(PRINT_BLEED_MM);
	p.crop_marks = m->print.crop_marks;
	p.margin = p.crop_marks ? MM(PRINT_MARKS_MM) : p.bleed;
	p.binding = m->print.binding;
	p.paper_mm = m->print.paper_mm > 0 ? m->print.paper_mm : PRINT_PAPER_MM;
	return p;
}

int pdf_print_padding(pc_binding binding, int pages)
{
	/* saddle: the body and the cover's four pages fill folded sheets of
	 * four; perfect: leaves of two */
	int unit = binding == PC_BIND_SADDLE ? 4 : 2;
	int total = binding == PC_BIND_SADDLE ? pages + 4 : pages;
	return (unit - total % unit) % unit;
}

/* ---- marks ------------------------------------------------------------- */

/*
 * Japanese crop marks (日本式トンボ) around a trim of w × h: at each corner
 * a double L outside the bleed, one line on the trim and one on the bleed
 * for each edge; at the middle of each edge a centre mark (a cross).
 */
void pdf_print_crop_marks(pc_dev *dev, const pdf_print *p, float w, float h)
{
	const float b = p->bleed, len = MM(PRINT_MARK_LEN_MM), lw = 0.25f;
	const float out = b + len;
	for (int cx = 0; cx < 2; cx++)
		for (int cy = 0; cy < 2; cy++) {
			float x = cx ? w : 0, y = cy ? h : 0;
			float sx = cx ? 1 : -1, sy = cy ? 1 : -1; /* outward */
			/* horizontal lines, on the trim and on the bleed */
			pc_dev_mark_line(dev, x + sx * b, y, x + sx * out, y, lw);
			pc_dev_mark_line(dev, x + sx * b, y + sy * b, x + sx * out, y + sy * b, lw);
			/* vertical lines */
			pc_dev_mark_line(dev, x, y + sy * b, x, y + sy * out, lw);
			pc_dev_mark_line(dev, x + sx * b, y + sy * b, x + sx * b, y + sy * out, lw);
		}
	const float half = MM(5);
	/* centre marks: along the axis, and a cross bar across it */
	for (int side = 0; side < 2; side++) {
		float y = side ? h : 0, s = side ? 1 : -1;
		pc_dev_mark_line(dev, w / 2, y + s * b, w / 2, y + s * out, lw);
		pc_dev_mark_line(dev, w / 2 - half, y + s * (b + len / 2), w / 2 + half,
		                 y + s * (b + len / 2), lw);
		float x = side ? w : 0;
		pc_dev_mark_line(dev, x + s * b, h / 2, x + s * out, h / 2, lw);
		pc_dev_mark_line(dev, x + s * (b + len / 2), h / 2 - half, x + s * (b + len / 2),
		                 h / 2 + half, lw);
	}
}

/* ---- the body's pages ----------------------------------------------------- */

/* A hidden folio (隠しノンブル): small, in the gutter near the foot, inside
 * the trim and clear of its 3 mm, where the binding hides it. */
static void hidden_folio(L *l, int page)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%d", page + 1);
	const float size = 6, inset = MM(PRINT_SAFE_MM + 1);
	bool recto = page % 2 == 0; /* odd page numbers are right-hand pages: gutter left */
	float w = 40;
	if (recto)
		pdf_draw_text(l, buf, l->f.table, size, C_TEXT, inset, FOOT_BASE, AL_LEFT, w);
	else
		pdf_draw_text(l, buf, l->f.table, size, C_TEXT, PC_DEV_PAGE_W - inset - w,
		              FOOT_BASE, AL_RIGHT, w);
}

static void page_end(L *l, int page, bool folio)
{
	const pdf_print *p = l->edition->ctx;
	if (!folio)
		hidden_folio(l, page);
	if (p->crop_marks)
		pdf_print_crop_marks(l->dev, p, PC_DEV_PAGE_W, PC_DEV_PAGE_H);
}

/* One line of the colophon: a label and its value. */
static void colophon_line(L *l, const char *label, const char *value, float *y)
{
	if (!value || !*value)
		return;
	const float x = BLOCK_X + BLOCK_W * 0.1f, w = BLOCK_W * 0.8f;
	pdf_draw_text(l, label, l->f.table, 9, C_TEXT, x, *y, AL_LEFT, 60);
	pdf_draw_text(l, value, l->f.table, 9, C_TEXT, x + 60, *y, AL_LEFT, w - 60);
	*y -= 16;
}

/* The colophon (奥付): the plan's title, then who issued it, when, whom to
 * ask and who printed it, in a ruled block low on the last page. */
static void colophon(L *l)
{
	const pc_meta *m = &l->doc->meta;
	const pc_print_meta *pm = &m->print;
	const float x = BLOCK_X + BLOCK_W * 0.1f, w = BLOCK_W * 0.8f;
	float y = 260;
	pdf_draw_text(l, m->title ? m->title : "", l->f.head, 13, C_TEXT, x, y, AL_LEFT, w);
	y -= 18;
	if (m->subtitle) {
		pdf_draw_text(l, m->subtitle, l->f.table, 10, C_TEXT, x, y, AL_LEFT, w);
		y -= 16;
	}
	pc_dev_line(l->dev, x, y + 4, x + w, y + 4, C_TEXT, 0.5f, false);
	y -= 14;
	colophon_line(l, "発行日", pm->issued ? pm->issued : m->edition, &y);
	const char *issuer = m->city;
	if (m->city && pm->issuer)
		issuer = pc_arena_printf(l->doc->arena, "%s %s", m->city, pm->issuer);
	else if (pm->issuer)
		issuer = pm->issuer;
	colophon_line(l, "発行", issuer, &y);
	colophon_line(l, "連絡先", pm->contact, &y);
	colophon_line(l, "印刷", pm->printer, &y);
	pc_dev_line(l->dev, x, y + 6, x + w, y + 6, C_TEXT, 0.5f, false);
}

/*
 * Perfect binding glues the first and the last leaf to the cover along
 * the spine: text or an image within 5 mm of the gutter there is lost.
 */
void pdf_print_check_gutter(L *l, int page)
{
	bool recto = page % 2 == 0;
	float limit = MM(PRINT_GUTTER_MM);
	for (size_t q = 0; q < l->pg.places.n; q++) {
		const place *p = &l->pg.places.v[q];
		if (p->page != page)
			continue;
		const item *it = &l->p.items.v[p->item];
		for (size_t k = it->op0; k < it->op1; k++) {
			const op *o = pdf_op_at(l, k);
			float x0, x1;
			if (o->kind == OP_IMAGE) {
				x0 = o->x + p->dx;
				x1 = x0 + o->w;
			} else if (o->kind == OP_TEXT && o->g1 > o->g0) {
				const pdf_dglyph *a = pdf_dglyph_at(l, o->g0),
				                 *z = pdf_dglyph_at(l, o->g1 - 1);
				x0 = o->x + p->dx + a->x;
				x1 = o->x + p->dx + z->x + z->fw;
			} else
				continue;
			if (recto ? x0 < limit : x1 > PC_DEV_PAGE_W - limit) {
				pc_diag(l->d, PC_W_PRINT_GUTTER, "", 0, 0, page + 1,
				        recto ? "右ページ" : "左ページ");
				return;
			}
		}
	}
}

/* ---- PDF/X ------------------------------------------------------------- */

static uint8_t *read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	pc_buf b = {0};
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		pc_buf_put(&b, chunk, k);
	bool bad = ferror(f);
	fclose(f);
	if (bad || b.len < 128) {
		pc_buf_free(&b);
		return NULL;
	}
	*n = b.len;
	return (uint8_t *)b.data;
}

/* A file identifier from what the file is (FNV-1a over its name, title
 * and date): the same build gives the same bytes. */
static void file_id(const char *what, const char *title, time_t when, uint8_t id[16])
{
	uint64_t h[2] = {0xcbf29ce484222325u, 0x84222325cbf29ce4u};
	const char *parts[2] = {what, title ? title : ""};
	for (int half = 0; half < 2; half++) {
		for (int p = 0; p < 2; p++)
			for (const char *s = parts[p]; *s; s++)
				h[half] = (h[half] ^ (uint8_t)*s) * 0x100000001b3u;
		h[half] = (h[half] ^ (uint64_t)when) * 0x100000001b3u;
	}
	for (int i = 0; i < 16; i++)
		id[i] = (uint8_t)(h[i / 8] >> (8 * (i % 8)));
}

/* The XMP packet PDF/X-4 asks for, saying what the Info dictionary says. */
static void xmp_packet(pc_buf *b, const char *title, const char *author, time_t when,
                       const uint8_t id[16])
{
	struct tm tm;
	gmtime_r(&when, &tm);
	char date[32];
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	char uuid[40];
	snprintf(uuid, sizeof uuid,
	         "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", id[0],
	         id[1], id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9], id[10], id[11],
	         id[12], id[13], id[14], id[15]);
	pc_buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	               "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	               "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	               "<rdf:Description rdf:about=\"\"\n"
	               " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	               " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	               " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	               " xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n"
	               " xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n"
	               "<dc:format>application/pdf</dc:format>\n"
	               "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	pc_escape_html(b, title ? title : "");
	pc_buf_puts(b, "</rdf:li></rdf:Alt></dc:title>\n");
	if (author && *author) {
		pc_buf_puts(b, "<dc:creator><rdf:Seq><rdf:li>");
		pc_escape_html(b, author);
		pc_buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	pc_buf_printf(b,
	              "<xmp:CreateDate>%s</xmp:CreateDate>\n"
	              "<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
	              "<xmp:MetadataDate>%s</xmp:MetadataDate>\n"
	              "<xmp:CreatorTool>plancc %s</xmp:CreatorTool>\n"
	              "<pdf:Producer>%s</pdf:Producer>\n"
	              "<pdf:Trapped>False</pdf:Trapped>\n"
	              "<xmpMM:DocumentID>uuid:%s</xmpMM:DocumentID>\n"
	              "<xmpMM:InstanceID>uuid:%s</xmpMM:InstanceID>\n"
	              "<xmpMM:VersionID>1</xmpMM:VersionID>\n"
	              "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n"
	              "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n"
	              "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n",
	              date, date, date, PLANCC_VERSION, pc_dev_producer(), uuid, uuid);
	/* room to edit the packet in place, as XMP asks */
	for (int i = 0; i < 20; i++)
		pc_buf_puts(b,
		            "                                                                  \n");
	pc_buf_puts(b, "<?xpacket end=\"w\"?>");
}

bool pdf_print_finish(L *l, pc_dev *dev, const char *file, time_t when)
{
	const pc_meta *m = &l->doc->meta;
	const char *path = getenv("PLANCC_PRINT_PROFILE");
	if (!path || !*path)
		path = PRINT_PROFILE;
	size_t n = 0;
	uint8_t *icc = read_file(path, &n);
	if (!icc) {
		pc_diag(l->d, PC_E_PRINT_PROFILE, "", 0, 0, path);
		return false;
	}
	pc_dev_info(dev, m->title, m->city, m->subtitle ? m->subtitle : m->period, when);
	uint8_t id[16];
	file_id(file, m->title, when, id);
	pc_buf xmp = {0};
	xmp_packet(&xmp, m->title, m->city, when, id);
	bool ok =
	    pc_dev_pdfx(dev, icc, n, PRINT_CONDITION_ID, PRINT_CONDITION, pc_buf_cstr(&xmp), id);
	pc_buf_free(&xmp);
	free(icc); /* libharu copied it into its stream */
	return ok;
}

bool pdf_print_write(L *l, pc_dev *dev, pc_output *o, const char *file)
{
	bool ok = pc_dev_write(dev, o, file);
	if (!ok && pc_dev_error(dev)) /* else the output has reported it */
		pc_diag(l->d, PC_E_OUTPUT, "", 0, 0, pc_dev_error(dev));
	return ok;
}

/* ---- the body ------------------------------------------------------------ */

int pdf_print_body(L *l, const pc_fontmap *fonts, pc_output *o, time_t when)
{
	pdf_print p = pdf_print_settings(&l->doc->meta);
	pc_dev *screen = l->dev;
	pc_dev *dev = pc_dev_new(fonts);
	pc_dev_set_print(dev, pdf_print_cmyk, PC_DEV_PAGE_W, PC_DEV_PAGE_H, p.bleed, p.margin);
	pc_dev_adopt(dev, screen, true);
	pc_dev_set_page_level(dev, PRINT_PAGE_LEVEL);
	for (int i = 0; i < pc_dev_nimages(dev); i++)
		if (pc_dev_image_kept_rgb(dev, i))
			pc_diag(l->d, PC_W_PRINT_RGB_IMAGE, "", 0, 0,
			        pc_dev_image_kept_rgb(dev, i));
	int laid = l->pg.npages;
	int pad = pdf_print_padding(p.binding, laid + 1);
	int total = laid + pad + 1; /* the colophon last */
	if (p.binding == PC_BIND_PERFECT && laid > 0) {
		pdf_print_check_gutter(l, 0);
		pdf_print_check_gutter(l, laid - 1);
	}
	pc_dev_pages(dev, total);
	pdf_edition e = {p.bleed, PC_DEV_PAGE_W, PC_DEV_PAGE_H, page_end, &p};
	l->dev = dev;
	l->edition = &e;
	pdf_draw(l);
	for (int page = laid; page < total; page++) {
		pc_dev_page(dev, page);
		if (page == total - 1)
			colophon(l);
		page_end(l, page, false);
	}
	pc_dev_page(dev, -1);
	bool ok = pdf_print_finish(l, dev, "print/body.pdf", when) &&
	          pdf_print_write(l, dev, o, "print/body.pdf");
	l->dev = screen;
	l->edition = NULL;
	pc_dev_free(dev);
	return ok ? total : -1;
}
