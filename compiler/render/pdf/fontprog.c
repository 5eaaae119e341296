/* Embedded TrueType font programs cut down to the used glyphs (see fontprog.h). */
#include "fontprog.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../util/arena.h"

/* The tables libharu embeds, in the sorted order a font directory needs. */
static const char TAGS[][5] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                               "hmtx", "loca", "maxp", "name", "post", "prep"};
#define NTAGS (sizeof TAGS / sizeof TAGS[0])
enum { T_GLYF = 4, T_HEAD = 5, T_LOCA = 8, T_MAXP = 9 };

#define HEAD_ADJUST  8  /* head.checkSumAdjustment */
#define HEAD_LOCFMT  50 /* head.indexToLocFormat */
#define MAXP_NGLYPHS 4  /* maxp.numGlyphs */
#define SFNT_MAGIC   0xB1B0AFBAu

typedef struct table {
	const uint8_t *data; /* in the source file; NULL when absent */
	uint32_t len;
	uint32_t out_off, out_len; /* in the program */
} table;

static uint32_t be16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t pad4(uint32_t n)
{
	return (n + 3) & ~3u;
}

/* The TrueType checksum: the sum of big-endian words, zero-padded. */
static uint32_t checksum(const uint8_t *p, uint32_t len)
{
	uint32_t sum = 0, i = 0;
	for (; i + 4 <= len; i += 4)
		sum += be32(p + i);
	if (i < len) {
		uint8_t last[4] = {0};
		memcpy(last, p + i, len - i);
		sum += be32(last);
	}
	return sum;
}

/* Finds the tables of the directory; false when the file is not a plain
 * TrueType font or a record points outside it. */
static bool read_directory(const uint8_t *ttf, size_t len, table *t)
{
	if (len < 12)
		return false;
	uint32_t version = be32(ttf);
	if (version != 0x00010000u && version != 0x74727565u) /* 1.0 or 'true' */
		return false;
	uint32_t n = be16(ttf + 4);
	if (12 + 16 * (size_t)n > len)
		return false;
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *rec = ttf + 12 + 16 * i;
		uint32_t off = be32(rec + 8), tlen = be32(rec + 12);
		if (off > len || tlen > len - off)
			return false;
		for (size_t k = 0; k < NTAGS; k++)
			if (!memcmp(rec, TAGS[k], 4)) {
				t[k].data = ttf + off;
				t[k].len = tlen;
			}
	}
	return t[T_GLYF].data && t[T_LOCA].data && t[T_HEAD].data && t[T_HEAD].len >= 54 &&
	       t[T_MAXP].data && t[T_MAXP].len >= 6;
}

/* Offset of glyph i in glyf, from loca in either format. */
static uint32_t loca_at(const table *loca, bool long_fmt, uint32_t i)
{
	return long_fmt ? be32(loca->data + 4 * i) : 2 * be16(loca->data + 2 * i);
}

static bool keep(const uint8_t *used, size_t nused, uint32_t gid)
{
	return gid == 0 || (gid < nused && used[gid]); /* .notdef is always kept */
}

uint8_t *pc_fontprog_subset(const uint8_t *ttf, size_t len, const uint8_t *used, size_t nused,
                            size_t *out_len)
{
	table t[NTAGS];
	memset(t, 0, sizeof t);
	if (!read_directory(ttf, len, t))
		return NULL;
	int fmt = (int16_t)be16(t[T_HEAD].data + HEAD_LOCFMT);
	if (fmt != 0 && fmt != 1)
		return NULL;
	bool long_fmt = fmt == 1;
	uint32_t nglyphs = be16(t[T_MAXP].data + MAXP_NGLYPHS);
	uint32_t entry = long_fmt ? 4 : 2;
	if ((uint64_t)(nglyphs + 1) * entry > t[T_LOCA].len)
		return NULL;
	/* the kept outlines and their size, checking every offset */
	uint64_t glyf_len = 0;
	for (uint32_t g = 0; g < nglyphs; g++) {
		uint32_t a = loca_at(&t[T_LOCA], long_fmt, g),
		         b = loca_at(&t[T_LOCA], long_fmt, g + 1);
		if (a > b || b > t[T_GLYF].len)
			return NULL;
		if (keep(used, nused, g))
			glyf_len += b - a;
	}
	/* the program's layout: directory, then each table on a 4-byte boundary */
	uint32_t ntab = 0;
	for (size_t k = 0; k < NTAGS; k++)
		ntab += t[k].data != NULL;
	uint64_t at = 12 + 16 * (uint64_t)ntab;
	for (size_t k = 0; k < NTAGS; k++) {
		if (!t[k].data)
			continue;
		uint64_t n = k == T_GLYF   ? glyf_len
		             : k == T_LOCA ? (uint64_t)(nglyphs + 1) * entry
		                           : t[k].len;
		if (at + n > 0xFFFFFFF0u)
			return NULL;
		t[k].out_off = (uint32_t)at;
		t[k].out_len = (uint32_t)n;
		at += pad4((uint32_t)n);
	}
	uint8_t *out = pc_xcalloc(1, (size_t)at);
	/* glyf and loca together: kept outlines packed, the others empty */
	uint8_t *glyf = out + t[T_GLYF].out_off, *loca = out + t[T_LOCA].out_off;
	uint32_t pos = 0;
	for (uint32_t g = 0; g < nglyphs; g++) {
		if (long_fmt)
			put32(loca + 4 * g, pos);
		else
			put16(loca + 2 * g, pos / 2);
		if (!keep(used, nused, g))
			continue;
		uint32_t a = loca_at(&t[T_LOCA], long_fmt, g),
		         b = loca_at(&t[T_LOCA], long_fmt, g + 1);
		memcpy(glyf + pos, t[T_GLYF].data + a, b - a);
		pos += b - a;
	}
	if (long_fmt)
		put32(loca + 4 * nglyphs, pos);
	else
		put16(loca + 2 * nglyphs, pos / 2);
	for (size_t k = 0; k < NTAGS; k++)
		if (t[k].data && k != T_GLYF && k != T_LOCA)
			memcpy(out + t[k].out_off, t[k].data, t[k].len);
	put32(out + t[T_HEAD].out_off + HEAD_ADJUST, 0);
	/* the directory */
	uint32_t pow2 = 1, log2 = 0;
	while (pow2 * 2 <= ntab) {
		pow2 *= 2;
		log2++;
	}
	put32(out, 0x00010000u);
	put16(out + 4, ntab);
	put16(out + 6, pow2 * 16);
	put16(out + 8, log2);
	put16(out + 10, ntab * 16 - pow2 * 16);
	uint8_t *rec = out + 12;
	for (size_t k = 0; k < NTAGS; k++) {
		if (!t[k].data)
			continue;
		memcpy(rec, TAGS[k], 4);
		put32(rec + 4, checksum(out + t[k].out_off, t[k].out_len));
		put32(rec + 8, t[k].out_off);
		put32(rec + 12, t[k].out_len);
		rec += 16;
	}
	put32(out + t[T_HEAD].out_off + HEAD_ADJUST, SFNT_MAGIC - checksum(out, (uint32_t)at));
	*out_len = (size_t)at;
	return out;
}

/* Font files mapped once for the whole process: every document of a run
 * (the booklet, the print edition) reads the same few faces. */
static struct {
	char *path;
	const uint8_t *data;
	size_t len;
} mapped[16];
static int nmapped;
static pthread_mutex_t mapped_lock = PTHREAD_MUTEX_INITIALIZER;

const uint8_t *pc_fontprog_map(const char *path, size_t *len)
{
	const uint8_t *data = NULL;
	pthread_mutex_lock(&mapped_lock);
	for (int i = 0; i < nmapped && !data; i++)
		if (!strcmp(mapped[i].path, path)) {
			data = mapped[i].data;
			*len = mapped[i].len;
		}
	if (!data && nmapped < (int)(sizeof mapped / sizeof *mapped)) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		struct stat st;
		if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
			void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
			if (m != MAP_FAILED) {
				mapped[nmapped].path = pc_xstrdup(path);
				data = mapped[nmapped].data = m;
				*len = mapped[nmapped].len = (size_t)st.st_size;
				nmapped++;
			}
		}
		if (fd >= 0)
			close(fd);
	}
	pthread_mutex_unlock(&mapped_lock);
	return data;
}

uint8_t *pc_fontprog_subset_file(const char *path, const uint8_t *used, size_t nused,
                                 size_t *out_len)
{
	size_t len = 0;
	const uint8_t *ttf = pc_fontprog_map(path, &len);
	return ttf ? pc_fontprog_subset(ttf, len, used, nused, out_len) : NULL;
}
