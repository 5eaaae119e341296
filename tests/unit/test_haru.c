/*
 * What the PDF device relies on in libharu 2.3.0's internals
 * (render/pdf/haru.c). These fail loudly when the installed libharu no
 * longer behaves as that file expects: after a libharu upgrade, check each
 * "Relies on" in haru.c against the new library before trusting any PDF.
 */
#include <criterion/criterion.h>
#include <dlfcn.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_utils.h>
#include <stdlib.h>
#include <string.h>

#include "fonts/fontmap.h"
#include "render/pdf/fontprog.h"
#include "render/pdf/haru.h"
#include "render/pdf/zworker.h"
#include "support.h"
#include "util/buf.h"

#define LOUD                                                                                       \
	"libharu does not behave as the 2.3.0 that render/pdf/haru.c was written for: "            \
	"check every \"Relies on\" there"

static pc_fontmap fonts;
static pc_diags diags;
static HPDF_Doc pdf;

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
	(void)user;
	cr_assert_fail("libharu error 0x%04X (detail %u)", (unsigned)code, (unsigned)detail);
}

static void setup(void)
{
	pc_diags_init(&diags, false);
	cr_assert(pc_fontmap_load(&fonts, PLANCC_SOURCE_DIR "/fonts/fonts.map", &diags),
	          "the fonts of fonts/fonts.map are not installed (scripts/setup)");
	pdf = HPDF_New(on_error, NULL);
	cr_assert(pdf);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
}

static void teardown(void)
{
	HPDF_Free(pdf);
	pc_fontmap_free(&fonts);
	pc_diags_free(&diags);
}

TestSuite(haru, .init = setup, .fini = teardown, .timeout = 60);

static const char *font_name;

static HPDF_Font load_font(void)
{
	font_name = HPDF_LoadTTFontFromFile(pdf, fonts.path[PC_FONT_TABLE], HPDF_TRUE);
	cr_assert(font_name);
	HPDF_Font font = HPDF_GetFont(pdf, font_name, "UTF-8");
	cr_assert(font);
	return font;
}

static bool to_buf(void *ctx, const uint8_t *p, size_t n)
{
	pc_buf_put(ctx, (const char *)p, n);
	return true;
}

static pc_buf save(void)
{
	pc_buf out = {0};
	cr_assert_eq(pc_haru_save(pdf, to_buf, &out), HPDF_OK, LOUD);
	pc_buf_putc(&out, '\0'); /* for strstr; the PDF has no NUL before its streams end */
	out.len--;
	return out;
}

/* Occurrences of needle in the first n bytes of hay. */
static int count_bytes(const char *hay, size_t n, const char *needle)
{
	int k = 0;
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= n; i++)
		if (!memcmp(hay + i, needle, m))
			k++;
	return k;
}

static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (!memcmp(hay + i, needle, m))
			return hay + i;
	return NULL;
}

/* The body of the first stream after from, its length from /Length N 0 R. */
static const char *stream_body(const pc_buf *b, const char *from, size_t *len)
{
	const char *dict = find(from, b->len - (size_t)(from - b->data), "/Length ", 8);
	cr_assert(dict);
	int obj = atoi(dict + 8);
	char head[32];
	snprintf(head, sizeof head, "\n%d 0 obj\n", obj);
	const char *num = find(b->data, b->len, head, strlen(head));
	cr_assert(num, "no object %d", obj);
	*len = (size_t)atol(num + strlen(head));
	const char *s = find(dict, b->len - (size_t)(dict - b->data), "stream\r\n", 8);
	cr_assert(s);
	return s + 8;
}

Test(haru, is_the_version_it_was_written_for)
{
	cr_assert(pc_haru_version_ok(), LOUD " (found %s)", HPDF_GetVersion());
}

/* The replacement glyph lookup gives what libharu's own gives. */
Test(haru, glyph_ids_are_libharus)
{
	load_font();
	HPDF_FontDef def = HPDF_GetFontDef(pdf, font_name);
	cr_assert(def);
	HPDF_UINT16(*theirs)
	(HPDF_FontDef, HPDF_UINT16) = (HPDF_UINT16(*)(HPDF_FontDef, HPDF_UINT16))dlsym(
	    RTLD_NEXT, "HPDF_TTFontDef_GetGlyphid");
	cr_assert(theirs, "libharu no longer exports HPDF_TTFontDef_GetGlyphid: " LOUD);
	int found = 0;
	for (uint32_t cp = 0; cp <= 0xFFFF; cp++) {
		HPDF_UINT16 a = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
		HPDF_UINT16 b = theirs(def, (HPDF_UINT16)cp);
		cr_assert_eq(a, b, "U+%04X: glyph %u, libharu says %u: " LOUD, cp, a, b);
		found += a != 0;
	}
	cr_assert_gt(found, 7000, "a Japanese font maps thousands of code points");
}

/* The replacement copies and fills give what libharu's own give. */
Test(haru, byte_copies_are_libharus)
{
	HPDF_BYTE *(*cpy)(HPDF_BYTE *, const HPDF_BYTE *, HPDF_UINT) =
	    (HPDF_BYTE * (*)(HPDF_BYTE *, const HPDF_BYTE *, HPDF_UINT))
	        dlsym(RTLD_NEXT, "HPDF_MemCpy");
	void *(*set)(void *, HPDF_BYTE, HPDF_UINT) =
	    (void *(*)(void *, HPDF_BYTE, HPDF_UINT))dlsym(RTLD_NEXT, "HPDF_MemSet");
	cr_assert(cpy && set, "libharu no longer exports HPDF_MemCpy and HPDF_MemSet: " LOUD);
	HPDF_BYTE src[300], a[300], b[300];
	for (int i = 0; i < 300; i++)
		src[i] = (HPDF_BYTE)(i * 7 + 3);
	for (HPDF_UINT n = 0; n < 260; n += 13) {
		memset(a, 0xAA, sizeof a);
		memset(b, 0xAA, sizeof b);
		cr_assert_eq(HPDF_MemCpy(a + 5, src, n) - a, cpy(b + 5, src, n) - b);
		cr_assert_eq(memcmp(a, b, sizeof a), 0);
		cr_assert_eq((HPDF_BYTE *)HPDF_MemSet(a + 3, 0x5C, n) - a,
		             (HPDF_BYTE *)set(b + 3, 0x5C, n) - b);
		cr_assert_eq(memcmp(a, b, sizeof a), 0);
	}
}

/* The same, asked in no order (the look-up starts from the previous
 * answer's segment). */
Test(haru, glyph_ids_in_any_order_are_libharus)
{
	load_font();
	HPDF_FontDef def = HPDF_GetFontDef(pdf, font_name);
	HPDF_UINT16(*theirs)
	(HPDF_FontDef, HPDF_UINT16) = (HPDF_UINT16(*)(HPDF_FontDef, HPDF_UINT16))dlsym(
	    RTLD_NEXT, "HPDF_TTFontDef_GetGlyphid");
	cr_assert(theirs);
	uint32_t x = 12345;
	for (int i = 0; i < 200000; i++) {
		x = x * 1103515245u + 12345u;
		HPDF_UINT16 cp = (HPDF_UINT16)(x >> 8);
		if (i % 3 == 0)
			cp = (HPDF_UINT16)(0x3000 + (x >> 20) % 0x7000); /* kana and kanji */
		cr_assert_eq(HPDF_TTFontDef_GetGlyphid(def, cp), theirs(def, cp), "U+%04X", cp);
	}
}

/* A face loaded from the mapped file is the face libharu loads itself:
 * the same name, subset tag, metrics, widths and glyphs. */
Test(haru, a_font_loaded_from_memory_is_libharus)
{
	const char *path = fonts.path[PC_FONT_TABLE];
	const char *mine = pc_haru_load_ttf(pdf, path);
	cr_assert(mine, LOUD);
	HPDF_Doc other = HPDF_New(on_error, NULL);
	HPDF_UseUTFEncodings(other);
	const char *theirs = HPDF_LoadTTFontFromFile(other, path, HPDF_TRUE);
	cr_assert(theirs);
	cr_assert_str_eq(mine, theirs, LOUD);
	HPDF_Font a = HPDF_GetFont(pdf, mine, "UTF-8"), b = HPDF_GetFont(other, theirs, "UTF-8");
	cr_assert(a && b);
	cr_assert_eq(HPDF_Font_GetAscent(a), HPDF_Font_GetAscent(b));
	cr_assert_eq(HPDF_Font_GetDescent(a), HPDF_Font_GetDescent(b));
	cr_assert_eq(HPDF_Font_GetCapHeight(a), HPDF_Font_GetCapHeight(b));
	HPDF_FontDef da = HPDF_GetFontDef(pdf, mine), db = HPDF_GetFontDef(other, theirs);
	for (uint32_t cp = 0x20; cp <= 0xFFFF; cp++) {
		cr_assert_eq(HPDF_Font_GetUnicodeWidth(a, (HPDF_UNICODE)cp),
		             HPDF_Font_GetUnicodeWidth(b, (HPDF_UNICODE)cp), "U+%04X: " LOUD, cp);
		cr_assert_eq(HPDF_TTFontDef_GetGlyphid(da, (HPDF_UINT16)cp),
		             HPDF_TTFontDef_GetGlyphid(db, (HPDF_UINT16)cp), "U+%04X", cp);
	}
	HPDF_Free(other);
	/* loaded twice into one document: refused, as libharu refuses it */
	HPDF_Doc quiet = HPDF_New(NULL, NULL);
	cr_assert(pc_haru_load_ttf(quiet, path));
	cr_assert_null(pc_haru_load_ttf(quiet, path));
	cr_assert_eq(HPDF_GetError(quiet), HPDF_FONT_EXISTS);
	HPDF_Free(quiet);
}

Test(haru, measuring_marks_the_glyph_for_embedding)
{
	HPDF_Font font = load_font();
	size_t n = 0;
	const uint8_t *used = pc_haru_used_glyphs(font, &n);
	cr_assert(used && n > 1000, LOUD);
	HPDF_FontDef def = HPDF_GetFontDef(pdf, font_name);
	HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, 0x5E02); /* 市 */
	cr_assert(gid > 0 && gid < n);
	cr_assert_eq(used[gid], 0, LOUD);
	cr_assert_gt(HPDF_Font_GetUnicodeWidth(font, 0x5E02), 0);
	used = pc_haru_used_glyphs(font, &n);
	cr_assert_eq(used[gid], 1, "measuring did not mark the glyph: " LOUD);
	cr_assert(pc_haru_has_glyph(font, 0x5E02));
	cr_assert(!pc_haru_has_glyph(font, 0xE000), "a private-use code point has no glyph");
}

/* A page whose content the device compressed: libharu writes the body
 * as it is, once, with one /Filter key. */
Test(haru, a_deflated_page_is_written_with_one_filter)
{
	HPDF_Page page = HPDF_AddPage(pdf);
	const char *ops = "0 0 m\n100 100 l\nS\n";
	uint8_t *z;
	size_t zn;
	pc_zdeflate((const uint8_t *)ops, strlen(ops), 6, &z, &zn);
	pc_haru_body body = {z, zn, 0};
	cr_assert(pc_haru_set_page_deflated(page, &body), LOUD);
	pc_buf out = save();
	cr_assert_eq(count_bytes(out.data, out.len, "/Filter /FlateDecode"), 1, LOUD);
	cr_assert_eq(count_bytes(out.data, out.len, "/Filter ["), 0, LOUD);
	cr_assert_eq(count_bytes(out.data, out.len, "/FlateDecode"), 1, LOUD);
	size_t len;
	const char *b = stream_body(&out, strstr(out.data, "/Filter /FlateDecode") - 64, &len);
	cr_assert_eq(len, zn, "/Length is not the body's: " LOUD);
	cr_assert(!memcmp(b, z, zn), "libharu changed the body: " LOUD);
	char got[64] = {0};
	cr_assert(pc_zinflate((const uint8_t *)b, len, (uint8_t *)got, strlen(ops)));
	cr_assert_str_eq(got, ops);
	free(z);
	pc_buf_free(&out);
}

/* Every stream libharu would compress is found, once: the device then
 * compresses it, and libharu does not compress it again. */
static int streams_found;
static uint8_t *bodies_z[16];
static pc_haru_body bodies[16];

static void give(void *ctx, HPDF_Dict dict)
{
	(void)ctx;
	size_t n;
	uint8_t *raw = pc_haru_stream_bytes(dict, &n);
	cr_assert(raw);
	int k = streams_found++;
	cr_assert_lt(k, 16);
	pc_zdeflate(raw, n, 6, &bodies_z[k], &bodies[k].len);
	bodies[k].data = bodies_z[k];
	free(raw);
	cr_assert(pc_haru_set_deflated(dict, &bodies[k]), LOUD);
}

Test(haru, streams_libharu_would_compress_are_handed_over)
{
	HPDF_Page a = HPDF_AddPage(pdf), b = HPDF_AddPage(pdf);
	HPDF_Page_MoveTo(a, 1, 2);
	HPDF_Page_LineTo(a, 3, 4);
	HPDF_Page_Stroke(a);
	HPDF_Page_Rectangle(b, 1, 2, 3, 4);
	HPDF_Page_Fill(b);
	streams_found = 0;
	pc_haru_each_deflated_stream(pdf, give, NULL);
	cr_assert_eq(streams_found, 2, "the two pages' content: " LOUD);
	streams_found = 0;
	pc_haru_each_deflated_stream(pdf, give, NULL);
	cr_assert_eq(streams_found, 0, "a stream was handed over twice: " LOUD);
	pc_buf out = save();
	cr_assert_eq(count_bytes(out.data, out.len, "/FlateDecode"), 2, LOUD);
	cr_assert_eq(count_bytes(out.data, out.len, "/Filter ["), 0, LOUD);
	for (int i = 0; i < 2; i++)
		free(bodies_z[i]);
	pc_buf_free(&out);
}

/* The font program and maps as the device embeds them: one /FontFile2
 * with the right /Length1, text that extracts, fonts that pdffonts calls
 * embedded, and a file qpdf finds clean. */
Test(haru, a_font_embedded_by_the_device_is_whole)
{
	HPDF_Font font = load_font();
	HPDF_Page page = HPDF_AddPage(pdf);
	const uint32_t text[] = {0x5E02, 0x6C11, 0x306E, 0x58F0}; /* 市民の声 */
	for (size_t i = 0; i < 4; i++)
		HPDF_Font_GetUnicodeWidth(font, text[i]);
	size_t nused, plen, zn;
	const uint8_t *used = pc_haru_used_glyphs(font, &nused);
	uint8_t *prog = pc_fontprog_subset_file(fonts.path[PC_FONT_TABLE], used, nused, &plen);
	cr_assert(prog);
	uint8_t *z;
	pc_zdeflate(prog, plen, 6, &z, &zn);
	free(prog);
	pc_haru_body program = {z, zn, 0};
	pc_haru_fix_tounicode(font);
	HPDF_Dict map, to_unicode;
	pc_haru_font_maps(font, &map, &to_unicode);
	cr_assert(map && to_unicode, LOUD);
	streams_found = 0;
	give(NULL, map);
	give(NULL, to_unicode);
	cr_assert(pc_haru_font_embed(font, &program, plen), LOUD);
	cr_assert_null(pc_haru_font_finish(font), "libharu made a second font program: " LOUD);
	const char *name = pc_haru_font_name(page, font);
	cr_assert_str_eq(name, "F1", LOUD);
	char ops[128];
	snprintf(ops, sizeof ops, "BT\n/%s 24 Tf\n1 0 0 1 100 700 Tm <5E026C11306E58F0> Tj\nET\n",
	         name);
	uint8_t *cz;
	size_t czn;
	pc_zdeflate((const uint8_t *)ops, strlen(ops), 6, &cz, &czn);
	pc_haru_body content = {cz, czn, 0};
	cr_assert(pc_haru_set_page_deflated(page, &content));
	HPDF_Destination dst = HPDF_Page_CreateDestination(page);
	pc_haru_dest_xyz(dst, page, 0, 700);
	HPDF_Outline o = HPDF_CreateOutline(pdf, NULL, "x", NULL);
	HPDF_Outline_SetDestination(o, dst);
	pc_buf out = save();
	cr_assert_eq(count_bytes(out.data, out.len, "/FontFile2"), 1, LOUD);
	char want[64];
	snprintf(want, sizeof want, "/Length1 %zu", plen);
	cr_assert_eq(count_bytes(out.data, out.len, want), 1, LOUD);
	cr_assert_eq(count_bytes(out.data, out.len, "/Filter ["), 0, "libharu compressed: " LOUD);
	cr_assert_eq(count_bytes(out.data, out.len, "/XYZ 0 700 null"), 1, LOUD);
	char *dir = tmp_dir();
	write_bytes(dir, "t.pdf", out.data, out.len);
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "pdftotext %s/t.pdf - 2>&1", dir);
	char *txt = capture(cmd, NULL);
	cr_assert(strstr(txt, "市民の声"), "extracted: %s", txt);
	snprintf(cmd, sizeof cmd, "pdffonts %s/t.pdf 2>&1", dir);
	char *pf = capture(cmd, NULL);
	cr_assert(strstr(pf, "CID TrueType") && strstr(pf, "yes yes yes"), "%s", pf);
	snprintf(cmd, sizeof cmd, "qpdf --check %s/t.pdf 2>&1", dir);
	int st;
	char *q = capture(cmd, &st);
	cr_assert(st == 0 && strstr(q, "No syntax or stream encoding errors"), "%s", q);
	free(txt);
	free(pf);
	free(q);
	remove_tree(dir);
	free(dir);
	free(z);
	free(cz);
	for (int i = 0; i < streams_found; i++)
		free(bodies_z[i]);
	pc_buf_free(&out);
}

static bool refuse(void *ctx, const uint8_t *p, size_t n)
{
	(void)p;
	(void)n;
	return ++*(int *)ctx < 3;
}

static void quiet(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
	*(HPDF_STATUS *)user = code;
	(void)detail;
}

Test(haru, a_failed_write_stops_the_save)
{
	HPDF_STATUS seen = 0;
	HPDF_Doc doc = HPDF_New(quiet, &seen);
	HPDF_AddPage(doc);
	int calls = 0;
	cr_assert_neq(pc_haru_save(doc, refuse, &calls), HPDF_OK, LOUD);
	cr_assert_eq(calls, 3, "libharu went on writing after a failed write: " LOUD);
	cr_assert_eq(seen, HPDF_FILE_IO_ERROR);
	HPDF_Free(doc);
}

/* A dictionary written by its owner (the structure tree's elements): its
 * entries come out between << and >> of an object of its own, which a
 * dictionary of libharu refers to by its number. */
typedef struct raw_elem {
	pc_haru_raw raw;
	const char *entries;
} raw_elem;

static void write_entries(const pc_haru_raw *raw, pc_buf *out)
{
	pc_buf_puts(out, ((const raw_elem *)raw)->entries);
}

Test(haru, a_dictionary_written_by_its_owner)
{
	HPDF_AddPage(pdf);
	raw_elem e = {{write_entries}, "/Type /StructElem /S /P /K [0 1]"};
	HPDF_Dict d = pc_haru_raw_dict(pdf, &e.raw);
	cr_assert(d, LOUD);
	unsigned id = pc_haru_obj_id(d);
	cr_assert_gt(id, 0, LOUD);
	cr_assert_eq(HPDF_Dict_Add(pc_haru_catalog(pdf), "StructTreeRoot", d), HPDF_OK, LOUD);
	cr_assert(pc_haru_mmgr(pdf) && pc_haru_xref(pdf), LOUD);
	pc_buf out = save();
	char ref[48], obj[64];
	snprintf(ref, sizeof ref, "/StructTreeRoot %u 0 R", id);
	snprintf(obj, sizeof obj, "\n%u 0 obj\n<<\n/Type /StructElem /S /P /K [0 1]\n>>", id);
	cr_assert_eq(count_bytes(out.data, out.len, ref), 1, LOUD);
	cr_assert_eq(count_bytes(out.data, out.len, obj), 1, LOUD);
	pc_buf_free(&out);
}

/* Room made at once for the structure tree's objects and the values of
 * its arrays: adding them then moves nothing, and the document saves
 * them all. */
Test(haru, room_for_objects_and_values_made_at_once)
{
	HPDF_AddPage(pdf);
	HPDF_Xref xref = pc_haru_xref(pdf);
	HPDF_UINT before = xref->entries->count;
	cr_assert(pc_haru_reserve_objects(pdf, 5000), LOUD);
	void **block = xref->entries->obj;
	cr_assert_geq(xref->entries->block_siz, before + 5000, LOUD);
	HPDF_Dict first = NULL, last = NULL;
	for (int i = 0; i < 5000; i++) {
		HPDF_Dict d = HPDF_Dict_New(pc_haru_mmgr(pdf));
		cr_assert(d && HPDF_Xref_Add(xref, d) == HPDF_OK, LOUD);
		cr_assert(HPDF_Dict_AddNumber(d, "N", i) == HPDF_OK, LOUD);
		first = first ? first : d;
		last = d;
	}
	cr_expect_eq(xref->entries->obj, block, "the document's objects moved: " LOUD);
	cr_expect_eq(xref->entries->count, before + 5000, LOUD);

	HPDF_Array arr = HPDF_Array_New(pc_haru_mmgr(pdf));
	cr_assert(arr && pc_haru_reserve_values(arr, 300), LOUD);
	void **values = arr->list->obj;
	for (int i = 0; i < 300; i++)
		cr_assert(HPDF_Array_AddNumber(arr, i) == HPDF_OK, LOUD);
	cr_expect_eq(arr->list->obj, values, "the array's values moved: " LOUD);
	cr_assert(HPDF_Array_Add(arr, first) == HPDF_OK && HPDF_Array_Add(arr, last) == HPDF_OK);
	cr_assert(HPDF_Dict_Add(pc_haru_catalog(pdf), "Test", arr) == HPDF_OK);
	pc_buf out = save();
	char obj[64];
	snprintf(obj, sizeof obj, "\n%u 0 obj\n<<\n/N 4999\n>>", pc_haru_obj_id(last));
	cr_expect_eq(count_bytes(out.data, out.len, obj), 1, LOUD);
	cr_expect_eq(count_bytes(out.data, out.len, " 298 299 "), 1, LOUD);
	pc_buf_free(&out);
}

/* A link annotation the device writes itself: in the page's /Annots, to a
 * place in the document (written into the link) or a URI
 * (percent-encoded), with what the structure tree gives it. */
Test(haru, a_link_written_by_the_device)
{
	HPDF_Page page = HPDF_AddPage(pdf);
	HPDF_Page there = HPDF_AddPage(pdf);
	pc_haru_dest dest = {there, 0, 700.5f};
	float r[4] = {10, 20, 110.5f, 32.25f};
	HPDF_Dict to_dest = pc_haru_link(pdf, page, r, &dest, NULL);
	pc_haru_dest nowhere = {NULL, 0, 0};
	cr_assert_null(pc_haru_link(pdf, page, r, &nowhere, NULL), "a link to no page is none");
	HPDF_Dict to_uri = pc_haru_link(pdf, page, r, NULL, "https://example.jp/a (b)/日");
	cr_assert(to_dest && to_uri, LOUD);
	cr_assert(pc_haru_link_tag(to_dest, 7, "はじめに"));
	cr_assert_not(pc_haru_link_tag(pc_haru_catalog(pdf), 1, NULL), "only links take tags");
	pc_buf out = save();
	char annots[64], link[256], uri[160];
	snprintf(annots, sizeof annots, "/Annots [ %u 0 R %u 0 R ]", pc_haru_obj_id(to_dest),
	         pc_haru_obj_id(to_uri));
	snprintf(link, sizeof link,
	         "/Type /Annot /Subtype /Link /Rect [ 10 20 110.5 32.25 ] /P %u 0 R "
	         "/Border [ 0 0 0 ] /Dest [ %u 0 R /XYZ 0 700.5 null ] /StructParent 7 "
	         "/Contents <FEFF306F30583081306B>",
	         pc_haru_obj_id(page), pc_haru_obj_id(there));
	snprintf(
	    uri, sizeof uri,
	    "/A << /Type /Action /S /URI /URI (https://example.jp/a%%20\\(b\\)/%%E6%%97%%A5) >>");
	cr_assert_eq(count_bytes(out.data, out.len, annots), 1, "%s", annots);
	cr_assert_eq(count_bytes(out.data, out.len, link), 1, "%s", link);
	cr_assert_eq(count_bytes(out.data, out.len, uri), 1, "%s", uri);
	pc_buf_free(&out);
}
