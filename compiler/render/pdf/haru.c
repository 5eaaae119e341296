/*
 * The PDF device's dependence on libharu 2.3.0's internals (see haru.h).
 * Every function here reads or changes libharu's own records; each says
 * which, so that a new libharu can be checked against this file alone.
 */
#include "haru.h"

#include <hpdf_doc.h>
#include <hpdf_error.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_list.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../util/arena.h"
#include "../../util/buf.h"
#include "../../util/utf8.h"
#include "fontprog.h"

bool pc_haru_version_ok(void)
{
	return !strcmp(HPDF_GetVersion(), PC_HARU_VERSION);
}

/* ---- glyph ids -------------------------------------------------------- */

/*
 * libharu 2.3.0 maps a code point to a glyph id by a linear search over the
 * segments of the font's cmap (format 4), and HPDF_GetFont asks it for all
 * 65,536 BMP code points: with the ~10,000 segments of a Japanese font that
 * is ~100 ms per face, most of the run time of a booklet. libharu calls this
 * exported function through the PLT, so defining it here replaces it for the
 * whole program: the same lookup (same results, same out-of-range rules) with
 * a binary search over the sorted end codes.
 *
 * Relies on: HPDF_TTFontDefAttr_Rec.cmap (HPDF_TTF_CmapRange) as loaded by
 * libharu, and on libharu calling this symbol through the PLT.
 */
HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)fontdef->attr;
	if (attr->cmap.format == 0)
		return attr->cmap.glyph_id_array[unicode & 0xFF];
	HPDF_UINT n = attr->cmap.seg_count_x2 / 2;
	if (n == 0) {
		HPDF_SetError(fontdef->error, HPDF_TTF_INVALID_CMAP, 0);
		return 0;
	}
	/* first segment whose end code is >= unicode (format 4 keeps them
	 * sorted). HPDF_GetFont asks for every code in increasing order: the
	 * segment of the previous question, or the next one, usually answers
	 * without a search. */
	static _Thread_local struct {
		HPDF_FontDef def;
		HPDF_UINT seg;
	} last;
	HPDF_UINT i = last.def == fontdef && last.seg < n ? last.seg : 0;
	const HPDF_UINT16 *end = attr->cmap.end_count;
	if (!(end[i] >= unicode && (i == 0 || end[i - 1] < unicode))) {
		if (i + 1 < n && end[i] < unicode && end[i + 1] >= unicode)
			i++;
		else {
			HPDF_UINT lo = 0, hi = n - 1;
			while (lo < hi) {
				HPDF_UINT mid = lo + (hi - lo) / 2;
				if (end[mid] >= unicode)
					hi = mid;
				else
					lo = mid + 1;
			}
			i = lo;
		}
	}
	last.def = fontdef;
	last.seg = i;
	if (attr->cmap.end_count[i] < unicode || attr->cmap.start_count[i] > unicode)
		return 0;
	if (attr->cmap.id_range_offset[i] == 0)
		return (HPDF_UINT16)(unicode + attr->cmap.id_delta[i]);
	HPDF_UINT idx =
	    attr->cmap.id_range_offset[i] / 2 + (unicode - attr->cmap.start_count[i]) - (n - i);
	if (idx >= attr->cmap.glyph_id_array_count)
		return 0;
	return (HPDF_UINT16)(attr->cmap.glyph_id_array[idx] + attr->cmap.id_delta[i]);
}

/* ---- byte copies -------------------------------------------------------- */

/*
 * libharu 2.3.0 copies and fills memory a byte at a time (hpdf_utils.c),
 * for every dictionary entry, name and stream block it makes. Defined here
 * they replace the library's, as HPDF_TTFontDef_GetGlyphid does: the same
 * results, returning the end of what was written as libharu's do.
 *
 * Relies on: libharu calling these exported symbols through the PLT.
 */
HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	memmove(out, in, n);
	return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}

/* ---- stream bodies ---------------------------------------------------- */

/* A callback stream reading a pc_haru_body (HPDF_Stream_WriteToStream asks
 * for its size, seeks to 0, then reads blocks until HPDF_STREAM_EOF). */
static HPDF_STATUS body_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	pc_haru_body *b = s->attr;
	size_t left = b->len - b->pos;
	size_t n = *siz < left ? *siz : left;
	memcpy(ptr, b->data + b->pos, n);
	b->pos += n;
	bool short_read = n < *siz;
	*siz = (HPDF_UINT)n;
	return short_read ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS body_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	pc_haru_body *b = s->attr;
	long long at = mode == HPDF_SEEK_SET   ? pos
	               : mode == HPDF_SEEK_CUR ? (long long)b->pos + pos
	                                       : (long long)b->len - pos;
	if (at < 0 || at > (long long)b->len)
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	b->pos = (size_t)at;
	return HPDF_OK;
}

static HPDF_INT32 body_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((pc_haru_body *)s->attr)->pos;
}

static HPDF_UINT32 body_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((pc_haru_body *)s->attr)->len;
}

/*
 * HPDF_Dict_Write removes a /Filter key from a stream dictionary whose
 * filter is NONE, and compresses the body itself when it is FLATE; the
 * key is therefore written from the dictionary's write hook, which
 * HPDF_Dict_Write calls after the keys and before ">>".
 */
static HPDF_STATUS write_flate_key(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/*
 * Relies on: HPDF_Dict_Rec's stream, filter, filterParams and write_fn,
 * and on HPDF_Dict_Write as described above write_flate_key; the length
 * is that of what the stream reads (HPDF_Dict_Write counts it).
 */
bool pc_haru_set_deflated(HPDF_Dict dict, pc_haru_body *body)
{
	if (dict->write_fn && dict->write_fn != write_flate_key)
		return false; /* a dictionary with a hook of its own is left alone */
	HPDF_Stream s = (HPDF_Stream)HPDF_CallbackReader_New(dict->mmgr, body_read, body_seek,
	                                                     body_tell, body_size, body);
	if (!s)
		return false;
	body->pos = 0;
	HPDF_Stream_Free(dict->stream);
	dict->stream = s;
	dict->filter = HPDF_STREAM_FILTER_NONE;
	dict->write_fn = write_flate_key;
	return true;
}

/* Relies on: the above, HPDF_PageAttr_Rec.contents, and
 * HPDF_PageAttr_Rec.stream being where libharu's page operators write (it
 * now points to the new stream, which has no write function: a stray
 * operator fails instead of writing). */
bool pc_haru_set_page_deflated(HPDF_Page page, pc_haru_body *body)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	if (!pc_haru_set_deflated(attr->contents, body))
		return false;
	attr->stream = attr->contents->stream;
	return true;
}

/* ---- fonts loaded from memory ----------------------------------------- */

/*
 * HPDF_LoadTTFontFromFile reads a font through C stdio, two or four bytes
 * a call (every cmap segment, width and glyph offset): about 17 M
 * instructions per Japanese face, a tenth of a booklet's main thread with
 * two editions. This is the same loading over the mapped file.
 *
 * Relies on: HPDF_TTFontDef_Load, HPDF_Doc_FindFontDef,
 * HPDF_TTFontDef_SetTagName and HPDF_FontDef_Free (exported), on
 * HPDF_Doc_Rec's mmgr, error, fontdef_list and ttfont_tag, and on doing
 * with them what libharu's own LoadTTFontFromStream (hpdf_doc.c) does:
 * refuse a face loaded twice, list the definition, and give an embedded
 * face the next six-letter subset tag. The stream stays the definition's
 * (libharu may read it again while saving); its record comes from the
 * document's memory and the mapping lasts as long as the process.
 */
const char *pc_haru_load_ttf(HPDF_Doc pdf, const char *path)
{
	if (!HPDF_HasDoc(pdf))
		return NULL;
	size_t len = 0;
	const uint8_t *data = pc_fontprog_map(path, &len);
	if (!data) /* libharu reports why it cannot read the file */
		return HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	pc_haru_body *b = HPDF_GetMem(pdf->mmgr, sizeof *b);
	HPDF_Stream s = b ? (HPDF_Stream)HPDF_CallbackReader_New(pdf->mmgr, body_read, body_seek,
	                                                         body_tell, body_size, b)
	                  : NULL;
	if (!s) {
		HPDF_CheckError(&pdf->error);
		return NULL;
	}
	*b = (pc_haru_body){data, len, 0};
	HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE);
	if (!def) {
		HPDF_CheckError(&pdf->error);
		return NULL;
	}
	if (HPDF_Doc_FindFontDef(pdf, def->base_font)) {
		HPDF_FontDef_Free(def);
		HPDF_SetError(&pdf->error, HPDF_FONT_EXISTS, 0);
		HPDF_CheckError(&pdf->error);
		return NULL;
	}
	if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		HPDF_CheckError(&pdf->error);
		return NULL;
	}
	if (pdf->ttfont_tag[0] == 0)
		memcpy(pdf->ttfont_tag, "HPDFAA", 6);
	else
		for (int i = 5; i >= 0; i--) {
			pdf->ttfont_tag[i] += 1;
			if (pdf->ttfont_tag[i] > 'Z')
				pdf->ttfont_tag[i] = 'A';
			else
				break;
		}
	HPDF_TTFontDef_SetTagName(def, (char *)pdf->ttfont_tag);
	return def->base_font;
}

/* Relies on: these three exported functions of hpdf_pages.h, which
 * HPDF_Page_SetFontAndSize, HPDF_Page_SetExtGState and
 * HPDF_Page_ExecuteXObject use to name their operand. */
const char *pc_haru_font_name(HPDF_Page page, HPDF_Font font)
{
	return HPDF_Page_GetLocalFontName(page, font);
}

const char *pc_haru_gstate_name(HPDF_Page page, HPDF_ExtGState gs)
{
	return HPDF_Page_GetExtGStateName(page, gs);
}

const char *pc_haru_image_name(HPDF_Page page, HPDF_Image img)
{
	return HPDF_Page_GetXObjectName(page, img);
}

/* Relies on: HPDF_FontAttr_Rec.fontdef. */
bool pc_haru_has_glyph(HPDF_Font font, uint16_t cp)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	return HPDF_TTFontDef_GetGlyphid(attr->fontdef, cp) != 0;
}

/* Relies on: a destination being an HPDF_Array (hpdf_objects.h). */
void pc_haru_dest_xyz(HPDF_Destination dst, HPDF_Page page, float left, float top)
{
	HPDF_Array_Clear(dst);
	HPDF_Array_Add(dst, page);
	HPDF_Array_AddName(dst, "XYZ");
	HPDF_Array_AddReal(dst, left);
	HPDF_Array_AddReal(dst, top);
	HPDF_Array_Add(dst, HPDF_Null_New(dst->mmgr));
}

/* Relies on: HPDF_Dict_Rec.stream being a memory stream of 4 KB blocks. */
uint8_t *pc_haru_stream_bytes(HPDF_Dict dict, size_t *len)
{
	HPDF_Stream s = dict->stream;
	*len = 0;
	if (!s || s->type != HPDF_STREAM_MEMORY)
		return NULL;
	uint8_t *out = pc_xmalloc(s->size ? s->size : 1);
	HPDF_UINT nblocks = HPDF_MemStream_GetBufCount(s);
	size_t at = 0;
	for (HPDF_UINT i = 0; i < nblocks && at < s->size; i++) {
		HPDF_UINT n = 0;
		HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(s, i, &n);
		if (!p)
			break;
		if (n > s->size - at)
			n = (HPDF_UINT)(s->size - at);
		memcpy(out + at, p, n);
		at += n;
	}
	*len = at;
	return out;
}

/*
 * Relies on: HPDF_Doc_Rec.xref, HPDF_Xref_Rec.entries (HPDF_XrefEntry
 * records whose obj starts with an HPDF_Obj_Header) and the object class
 * bits of hpdf_objects.h.
 */
void pc_haru_each_deflated_stream(HPDF_Doc pdf, void (*fn)(void *ctx, HPDF_Dict dict), void *ctx)
{
	HPDF_List entries = pdf->xref->entries;
	for (HPDF_UINT i = 0; i < entries->count; i++) {
		HPDF_XrefEntry e = HPDF_List_ItemAt(entries, i);
		HPDF_Obj_Header *h = e ? e->obj : NULL;
		if (!h || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
			continue;
		HPDF_Dict dict = e->obj;
		if (dict->stream && dict->stream->type == HPDF_STREAM_MEMORY &&
		    dict->filter == HPDF_STREAM_FILTER_FLATE_DECODE && !dict->filterParams &&
		    !dict->write_fn)
			fn(ctx, dict);
	}
}

/* ---- saving ----------------------------------------------------------- */

typedef struct writer {
	bool (*write)(void *ctx, const uint8_t *p, size_t n);
	void *ctx;
} writer;

static HPDF_STATUS write_out(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
	writer *w = s->attr;
	if (w->write(w->ctx, p, n))
		return HPDF_OK;
	/* libharu stops at the first failed write, and its error is sticky */
	return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, 0);
}

/*
 * HPDF_SaveToStream saves into the document's own stream, made as a
 * memory stream only when there is none; given a callback stream, it
 * writes there (HPDF_MemStream_FreeData leaves other streams alone).
 *
 * Relies on: HPDF_Doc_Rec.stream, and HPDF_SaveToStream as said.
 */
HPDF_STATUS pc_haru_save(HPDF_Doc pdf, bool (*write)(void *ctx, const uint8_t *p, size_t n),
                         void *ctx)
{
	writer w = {write, ctx};
	HPDF_Stream s = HPDF_CallbackWriter_New(pdf->mmgr, write_out, &w);
	if (!s)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Stream own = pdf->stream;
	pdf->stream = s;
	HPDF_STATUS st = HPDF_SaveToStream(pdf);
	pdf->stream = own;
	HPDF_Stream_Free(s);
	return st;
}

/* ---- fonts ------------------------------------------------------------ */

/* Relies on: HPDF_FontAttr_Rec.fontdef, HPDF_TTFontDefAttr_Rec's
 * glyph_tbl.flgs and num_glyphs, where libharu marks each glyph it has
 * measured (and the parts of a composite glyph) for embedding. */
const uint8_t *pc_haru_used_glyphs(HPDF_Font font, size_t *n)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	*n = 0;
	if (attr->type != HPDF_FONT_TYPE0_TT)
		return NULL;
	HPDF_TTFontDefAttr def = (HPDF_TTFontDefAttr)attr->fontdef->attr;
	*n = def->glyph_tbl.flgs ? def->num_glyphs : 0;
	return def->glyph_tbl.flgs;
}

/* Relies on: HPDF_FontAttr_Rec's map_stream and cmap_stream. */
void pc_haru_font_maps(HPDF_Font font, HPDF_Dict *cid_to_gid, HPDF_Dict *to_unicode)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	*cid_to_gid = attr->map_stream;
	*to_unicode = attr->cmap_stream;
}

/*
 * The descriptor is the one CIDFontType2_BeforeWrite_Func (hpdf_font_cid.c)
 * makes, in the same order; that hook then finds it in the font
 * definition and leaves it alone.
 *
 * Relies on: HPDF_FontAttr_Rec's type, fontdef and xref; HPDF_FontDef_Rec's
 * metrics and descriptor; HPDF_TTFontDefAttr_Rec's embedding and base_font
 * (the name with its subset tag).
 */
bool pc_haru_font_embed(HPDF_Font font, pc_haru_body *program, size_t length1)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	if (attr->type != HPDF_FONT_TYPE0_TT)
		return false;
	HPDF_FontDef def = attr->fontdef;
	HPDF_TTFontDefAttr tt = (HPDF_TTFontDefAttr)def->attr;
	if (!tt->embedding)
		return false;
	HPDF_Dict file = NULL;
	if (def->descriptor)
		file = HPDF_Dict_GetItem(def->descriptor, "FontFile2", HPDF_OCLASS_DICT);
	else {
		HPDF_MMgr mm = font->mmgr;
		file = HPDF_DictStream_New(mm, attr->xref);
		HPDF_Dict desc = HPDF_Dict_New(mm);
		if (!file || !desc)
			return false;
		HPDF_STATUS ret = HPDF_Dict_Add(desc, "FontFile2", file);
		ret += HPDF_Dict_AddNumber(file, "Length2", 0);
		ret += HPDF_Dict_AddNumber(file, "Length3", 0);
		ret += HPDF_Xref_Add(attr->xref, desc);
		ret += HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
		ret += HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
		ret += HPDF_Dict_AddNumber(desc, "Descent", def->descent);
		ret += HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)def->flags);
		ret += HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(mm, def->font_bbox));
		ret += HPDF_Dict_AddName(desc, "FontName", tt->base_font);
		ret += HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
		ret += HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
		ret += HPDF_Dict_AddNumber(desc, "XHeight", def->x_height);
		if (ret != HPDF_OK)
			return false;
		def->descriptor = desc;
	}
	return file && HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)length1) == HPDF_OK &&
	       pc_haru_set_deflated(file, program);
}

/*
 * libharu makes a font's descriptor and embeds its program in the Type0
 * font's before-write hook (CIDFontType2_BeforeWrite_Func), which also
 * copies the font's own filter into /ToUnicode, /CIDToGIDMap and the new
 * /FontFile2, every time the font is written. Calling the hook now makes
 * those streams exist; a filter of NONE keeps libharu from compressing
 * them, now and when the hook runs again while saving.
 *
 * Relies on: HPDF_FontAttr_Rec.type, HPDF_Dict_Rec's before_write_fn and
 * filter, the hook making the descriptor only once
 * (HPDF_FontDef_Rec.descriptor) and copying the font's filter as said.
 */
HPDF_Dict pc_haru_font_finish(HPDF_Font font)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	if (attr->type != HPDF_FONT_TYPE0_TT)
		return NULL;
	HPDF_FontDef def = attr->fontdef;
	bool made_here = !def->descriptor;
	font->filter = HPDF_STREAM_FILTER_NONE;
	if (!font->before_write_fn || font->before_write_fn(font) != HPDF_OK || !made_here ||
	    !def->descriptor)
		return NULL;
	HPDF_Dict file = HPDF_Dict_GetItem(def->descriptor, "FontFile2", HPDF_OCLASS_DICT);
	return file && file->stream && file->stream->type == HPDF_STREAM_MEMORY ? file : NULL;
}

/*
 * libharu writes the ToUnicode CMap of a CID TrueType font with a
 * begincidrange section, which is invalid there. Our codes are BMP code
 * points (Identity-H over the UTF-8 encoder), so the correct map is the
 * identity: 256 bfranges <XX00> <XXFF> <XX00>, at most 100 per block.
 *
 * Relies on: HPDF_FontAttr_Rec.cmap_stream, a stream dictionary whose
 * memory stream libharu filled when the font was made.
 */
void pc_haru_fix_tounicode(HPDF_Font font)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	HPDF_Dict cmap = attr->cmap_stream;
	if (!cmap || !cmap->stream || cmap->stream->type != HPDF_STREAM_MEMORY)
		return;
	HPDF_MemStream_FreeData(cmap->stream);
	HPDF_Dict_RemoveElement(cmap, "CMapName");
	HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cmap, "WMode");
	HPDF_Dict_RemoveElement(cmap, "Type");
	HPDF_Stream s = cmap->stream;
	HPDF_Stream_WriteStr(
	    s, "/CIDInit /ProcSet findresource begin\n"
	       "12 dict begin\n"
	       "begincmap\n"
	       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	       "/CMapName /Adobe-Identity-UCS def\n"
	       "/CMapType 2 def\n"
	       "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	char line[64];
	for (int blk = 0; blk < 256; blk += 100) {
		int m = 256 - blk < 100 ? 256 - blk : 100;
		snprintf(line, sizeof line, "%d beginbfrange\n", m);
		HPDF_Stream_WriteStr(s, line);
		for (int k = blk; k < blk + m; k++) {
			snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", k, k, k);
			HPDF_Stream_WriteStr(s, line);
		}
		HPDF_Stream_WriteStr(s, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(s, "endcmap\n"
	                        "CMapName currentdict /CMap defineresource pop\n"
	                        "end\nend\n");
}

/* ---- the print edition ------------------------------------------------ */

/*
 * Relies on: HPDF_Page_SetBoxValue (hpdf_pages.h) changing the page's own
 * /MediaBox array made by HPDF_AddPage, and the page being an HPDF_Dict
 * whose mmgr makes its objects.
 */
bool pc_haru_page_boxes(HPDF_Page page, float w, float h, float bleed, float margin)
{
	float media[4] = {-margin, -margin, w + margin, h + margin};
	for (HPDF_UINT i = 0; i < 4; i++)
		if (HPDF_Page_SetBoxValue(page, "MediaBox", i, media[i]) != HPDF_OK)
			return false;
	HPDF_Box trim = {0, 0, w, h};
	HPDF_Box bleedbox = {-bleed, -bleed, w + bleed, h + bleed};
	HPDF_Array t = HPDF_Box_Array_New(page->mmgr, trim);
	HPDF_Array b = HPDF_Box_Array_New(page->mmgr, bleedbox);
	return t && b && HPDF_Dict_Add(page, "TrimBox", t) == HPDF_OK &&
	       HPDF_Dict_Add(page, "BleedBox", b) == HPDF_OK;
}

/* A stream object of the document holding n bytes. */
static HPDF_Dict new_stream(HPDF_Doc pdf, const void *data, size_t n)
{
	HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (s && HPDF_Stream_Write(s->stream, data, (HPDF_UINT)n) != HPDF_OK)
		return NULL;
	return s;
}

static bool add_string(HPDF_Doc pdf, HPDF_Dict dict, const char *key, const char *value)
{
	HPDF_String s = HPDF_String_New(pdf->mmgr, value, NULL);
	return s && HPDF_Dict_Add(dict, key, s) == HPDF_OK;
}

/* The output intent: /GTS_PDFX with the profile. */
static HPDF_Dict output_intent(HPDF_Doc pdf, const pc_haru_pdfx *x)
{
	HPDF_Dict icc = new_stream(pdf, x->icc, x->icc_len);
	if (!icc || HPDF_Dict_AddNumber(icc, "N", 4) != HPDF_OK)
		return NULL;
	/* stored as it is: compressing 190 KB at the device's level for data
	 * cost more than the print edition's hidden folios, colophon and marks
	 * together, for a file a print shop does not weigh */
	icc->filter = HPDF_STREAM_FILTER_NONE;
	HPDF_Dict oi = HPDF_Dict_New(pdf->mmgr);
	if (!oi || HPDF_Xref_Add(pdf->xref, oi) != HPDF_OK)
		return NULL;
	bool ok = HPDF_Dict_AddName(oi, "Type", "OutputIntent") == HPDF_OK &&
	          HPDF_Dict_AddName(oi, "S", "GTS_PDFX") == HPDF_OK &&
	          add_string(pdf, oi, "OutputConditionIdentifier", x->condition_id) &&
	          add_string(pdf, oi, "OutputCondition", x->condition) &&
	          add_string(pdf, oi, "Info", x->condition) &&
	          add_string(pdf, oi, "RegistryName", "http://www.color.org") &&
	          HPDF_Dict_Add(oi, "DestOutputProfile", icc) == HPDF_OK;
	return ok ? oi : NULL;
}

/*
 * Relies on: HPDF_Doc_Rec.catalog, .info (made by HPDF_SetInfoAttr),
 * .trailer (written as the file's trailer dictionary: libharu adds /Root,
 * /Info and /Size to it and keeps other keys), .pdf_version (the header),
 * .mmgr and .xref; and a stream whose filter is NONE being written as it is.
 */
bool pc_haru_pdfx_add(HPDF_Doc pdf, const pc_haru_pdfx *x)
{
	if (!pdf->info)
		return false;
	HPDF_Dict oi = output_intent(pdf, x);
	HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
	if (!oi || !intents || HPDF_Array_Add(intents, oi) != HPDF_OK ||
	    HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents) != HPDF_OK)
		return false;
	HPDF_Dict meta = new_stream(pdf, x->xmp, strlen(x->xmp));
	if (!meta || HPDF_Dict_AddName(meta, "Type", "Metadata") != HPDF_OK ||
	    HPDF_Dict_AddName(meta, "Subtype", "XML") != HPDF_OK ||
	    HPDF_Dict_Add(pdf->catalog, "Metadata", meta) != HPDF_OK)
		return false;
	meta->filter = HPDF_STREAM_FILTER_NONE;
	if (!add_string(pdf, pdf->info, "GTS_PDFXVersion", "PDF/X-4") ||
	    HPDF_Dict_AddName(pdf->info, "Trapped", "False") != HPDF_OK)
		return false;
	HPDF_Array id = HPDF_Array_New(pdf->mmgr);
	if (!id || HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)x->id, 16)) ||
	    HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)x->id, 16)) ||
	    HPDF_Dict_Add(pdf->trailer, "ID", id) != HPDF_OK)
		return false;
	pdf->pdf_version = HPDF_VER_16;
	return true;
}

const char *pc_haru_producer(void)
{
	return "Haru Free PDF Library " PC_HARU_VERSION;
}

/* ---- dictionaries written by the caller -------------------------------- */

/* Relies on: HPDF_Dict_Write calling write_fn after the keys (none here)
 * and before ">>" (as write_flate_key), HPDF_Dict_Rec.attr being the
 * caller's (HPDF_Dict_Free does not free it). */
static HPDF_STATUS write_raw(HPDF_Dict dict, HPDF_Stream out)
{
	static _Thread_local pc_buf b;
	const pc_haru_raw *raw = dict->attr;
	pc_buf_clear(&b);
	raw->write(raw, &b);
	pc_buf_putc(&b, '\n');
	return HPDF_Stream_Write(out, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
}

HPDF_Dict pc_haru_raw_dict(HPDF_Doc pdf, const pc_haru_raw *raw)
{
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	if (!d || HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
		return NULL;
	d->attr = (void *)raw;
	d->write_fn = write_raw;
	return d;
}

/* ---- link annotations ------------------------------------------------- */

typedef struct raw_link {
	pc_haru_raw raw; /* first: the write hook finds the link by it */
	float rect[4];
	HPDF_Page page;
	pc_haru_dest dest; /* page NULL: to uri */
	const char *uri;
	const char *contents; /* UTF-8; NULL none */
	int struct_parent;    /* -1 none */
} raw_link;

/* A number with up to three decimals, no trailing zeros (a rectangle's
 * corner): digits, not printf, as there are four a link. */
static void put_real(pc_buf *b, float v)
{
	char tmp[24], *e = tmp + sizeof tmp, *p = e;
	long m = (long)(v * 1000.0f + (v < 0 ? -0.5f : 0.5f));
	bool neg = m < 0;
	unsigned long u = neg ? (unsigned long)-m : (unsigned long)m;
	unsigned long frac = u % 1000, whole = u / 1000;
	if (frac) {
		int digits = 3;
		while (frac % 10 == 0) {
			frac /= 10;
			digits--;
		}
		for (int i = 0; i < digits; i++, frac /= 10)
			*--p = (char)('0' + frac % 10);
		*--p = '.';
	}
	do
		*--p = (char)('0' + whole % 10);
	while (whole /= 10);
	if (neg && u)
		*--p = '-';
	pc_buf_put(b, p, (size_t)(e - p));
}

static void put_ref(pc_buf *b, const char *key, const void *obj)
{
	char tmp[16], *e = tmp + sizeof tmp, *p = e;
	unsigned id = pc_haru_obj_id(obj);
	do
		*--p = (char)('0' + id % 10);
	while (id /= 10);
	pc_buf_puts(b, key);
	pc_buf_put(b, p, (size_t)(e - p));
	pc_buf_puts(b, " 0 R");
}

/* A URI as a literal string: ( ) and \\ escaped; bytes outside
 * printable ASCII (a Japanese path, a space) percent-encoded, as a URI
 * must be (RFC 3986) and as viewers expect. */
static void put_uri(pc_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	pc_buf_putc(b, '(');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '(' || *p == ')' || *p == '\\') {
			pc_buf_putc(b, '\\');
			pc_buf_putc(b, (char)*p);
		} else if (*p <= 0x20 || *p > 0x7E) {
			pc_buf_putc(b, '%');
			pc_buf_putc(b, hex[*p >> 4]);
			pc_buf_putc(b, hex[*p & 15]);
		} else
			pc_buf_putc(b, (char)*p);
	}
	pc_buf_putc(b, ')');
}

void pc_haru_put_text_string(pc_buf *b, const char *s)
{
	pc_buf_puts(b, "<FEFF");
	size_t len = strlen(s);
	b->len += pc_utf16be_hex_str(s, len, pc_buf_room(b, 4 * len));
	pc_buf_putc(b, '>');
}

static void write_link(const pc_haru_raw *raw, pc_buf *b)
{
	const raw_link *k = (const raw_link *)raw;
	pc_buf_puts(b, "/Type /Annot /Subtype /Link /Rect [");
	for (int i = 0; i < 4; i++) {
		pc_buf_putc(b, ' ');
		put_real(b, k->rect[i]);
	}
	put_ref(b, " ] /P ", k->page);
	pc_buf_puts(b, " /Border [ 0 0 0 ]");
	if (k->dest.page) {
		put_ref(b, " /Dest [ ", k->dest.page);
		pc_buf_puts(b, " /XYZ ");
		put_real(b, k->dest.left);
		pc_buf_putc(b, ' ');
		put_real(b, k->dest.top);
		pc_buf_puts(b, " null ]");
	} else {
		pc_buf_puts(b, " /A << /Type /Action /S /URI /URI ");
		put_uri(b, k->uri);
		pc_buf_puts(b, " >>");
	}
	if (k->struct_parent >= 0)
		pc_buf_printf(b, " /StructParent %d", k->struct_parent);
	if (k->contents) {
		pc_buf_puts(b, " /Contents ");
		pc_haru_put_text_string(b, k->contents);
	}
}

static const char *doc_strdup(HPDF_Doc pdf, const char *s)
{
	size_t n = strlen(s) + 1;
	char *c = HPDF_GetMem(pdf->mmgr, (HPDF_UINT)n);
	if (c)
		memcpy(c, s, n);
	return c;
}

/* Relies on: HPDF_Page being an HPDF_Dict whose /Annots array is read as
 * libharu's own link annotations add to it; HPDF_Doc_Rec.mmgr (memory
 * freed with the document). */
HPDF_Dict pc_haru_link(HPDF_Doc pdf, HPDF_Page page, const float rect[4], const pc_haru_dest *dest,
                       const char *uri)
{
	if (dest && !dest->page)
		dest = NULL;
	if (!dest && !uri)
		return NULL;
	raw_link *k = HPDF_GetMem(pdf->mmgr, sizeof *k);
	if (!k)
		return NULL;
	memset(k, 0, sizeof *k);
	k->raw.write = write_link;
	memcpy(k->rect, rect, sizeof k->rect);
	k->page = page;
	if (dest)
		k->dest = *dest;
	k->uri = dest ? NULL : doc_strdup(pdf, uri);
	k->struct_parent = -1;
	if (!dest && !k->uri)
		return NULL;
	HPDF_Dict d = pc_haru_raw_dict(pdf, &k->raw);
	if (!d)
		return NULL;
	HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
	if (!annots) {
		annots = HPDF_Array_New(page->mmgr);
		if (!annots || HPDF_Dict_Add(page, "Annots", annots) != HPDF_OK)
			return NULL;
	}
	return HPDF_Array_Add(annots, d) == HPDF_OK ? d : NULL;
}

/* Relies on: the link's dictionary's attr being its raw_link
 * (pc_haru_raw_dict). */
bool pc_haru_link_tag(HPDF_Dict link, int struct_parent, const char *contents)
{
	raw_link *k = link ? link->attr : NULL;
	if (!k || k->raw.write != write_link)
		return false;
	k->struct_parent = struct_parent;
	if (contents && *contents) {
		char *c = HPDF_GetMem(link->mmgr, (HPDF_UINT)(strlen(contents) + 1));
		if (!c)
			return false;
		strcpy(c, contents);
		k->contents = c;
	}
	return true;
}

/* Relies on: HPDF_Obj_Header.obj_id, the object number in its low 24
 * bits and HPDF_OTYPE_INDIRECT for an object of the xref. */
unsigned pc_haru_obj_id(const void *obj)
{
	const HPDF_Obj_Header *h = obj;
	return h && (h->obj_id & HPDF_OTYPE_INDIRECT) ? (unsigned)(h->obj_id & 0x00FFFFFF) : 0;
}

/* Relies on: HPDF_Doc_Rec.catalog, .mmgr and .xref. */
HPDF_Dict pc_haru_catalog(HPDF_Doc pdf)
{
	return pdf->catalog;
}

/* Relies on: HPDF_List_Rec (hpdf_list.h) and how HPDF_List_Add grows it:
 * a new block of block_siz + items_per_block pointers from the list's
 * memory manager, the old one copied and freed; doing that now, to the
 * size needed, leaves HPDF_List_Add nothing to grow. */
static bool reserve_list(HPDF_List list, size_t n)
{
	if (!list)
		return false;
	if (list->count + n <= list->block_siz)
		return true;
	HPDF_UINT size = (HPDF_UINT)(list->count + n);
	void **obj = HPDF_GetMem(list->mmgr, size * sizeof *obj);
	if (!obj)
		return false;
	if (list->obj) {
		memcpy(obj, list->obj, list->count * sizeof *obj);
		HPDF_FreeMem(list->mmgr, list->obj);
	}
	list->obj = obj;
	list->block_siz = size;
	return true;
}

/* Relies on: HPDF_Xref_Rec.entries, the list of the document's objects. */
bool pc_haru_reserve_objects(HPDF_Doc pdf, size_t n)
{
	return reserve_list(pdf->xref->entries, n);
}

/* Relies on: HPDF_Array_Rec.list, its values. */
bool pc_haru_reserve_values(HPDF_Array array, size_t n)
{
	return reserve_list(array->list, n);
}

HPDF_MMgr pc_haru_mmgr(HPDF_Doc pdf)
{
	return pdf->mmgr;
}

HPDF_Xref pc_haru_xref(HPDF_Doc pdf)
{
	return pdf->xref;
}
