/*
 * Front matter (docs/format.md §2): flat `key: value` lines between two `---`
 * lines at the top of the first file. The block is blanked out of the
 * source (line breaks kept) so that Markdown line numbers stay true.
 */
#include <string.h>

#include "../plancc.h"
#include "../util/utf8.h"
#include "parse.h"

typedef struct line {
	const char *s;
	size_t len;
} line;

static line get_line(const pc_source *src, size_t i)
{
	size_t start = src->lines[i];
	size_t end = i + 1 < src->nlines ? src->lines[i + 1] - 1 : src->len;
	return (line){src->text + start, end - start};
}

static bool is_fence(line l)
{
	while (l.len && (l.s[l.len - 1] == ' ' || l.s[l.len - 1] == '\t'))
		l.len--;
	return l.len == 3 && memcmp(l.s, "---", 3) == 0;
}

/* A trimmed value with one pair of surrounding quotes removed. */
static const char *unquoted(pc_arena *a, const char *s, size_t len)
{
	const char *t = pc_trimmed(a, s, len);
	size_t n = strlen(t);
	if (n >= 2 && ((t[0] == '"' && t[n - 1] == '"') || (t[0] == '\'' && t[n - 1] == '\'')))
		return pc_arena_strndup(a, t + 1, n - 2);
	return t;
}

/* Offset of the key/value separator: ':' or full-width '：'; -1 if none. */
static long find_colon(line l, size_t *seplen)
{
	for (size_t i = 0; i < l.len; i++) {
		if (l.s[i] == ':') {
			*seplen = 1;
			return (long)i;
		}
		if (i + 3 <= l.len && memcmp(l.s + i, "：", 3) == 0) {
			*seplen = 3;
			return (long)i;
		}
	}
	return -1;
}

/* Index of the closing fence, or 0 when the block is not closed. */
static size_t find_close(const pc_source *src)
{
	for (size_t i = 1; i < src->nlines; i++)
		if (is_fence(get_line(src, i)))
			return i;
	return 0;
}

/* A block that looks like front matter: every non-blank line has a key. */
static bool looks_like_front(const pc_source *src, size_t close)
{
	size_t keys = 0;
	for (size_t i = 1; i < close; i++) {
		line l = get_line(src, i);
		size_t sep;
		if (l.len == 0)
			continue;
		if (find_colon(l, &sep) <= 0)
			return false;
		keys++;
	}
	return keys > 0;
}

static bool parse_bool(const char *v, bool *out)
{
	if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "はい")) {
		*out = true;
		return true;
	}
	if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "いいえ")) {
		*out = false;
		return true;
	}
	return false;
}

/* Where a value was written, for its diagnostic. */
typedef struct value_at {
	const pc_source *src;
	unsigned line, col;
	pc_diags *d;
} value_at;

/* The index of val among names (NULL-terminated); -1 after an error at
 * the value that says what may be written (hint). */
static int choice(const value_at *at, const char *key, const char *val, const char *const names[],
                  const char *hint)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp(val, names[i]))
			return i;
	pc_diag(at->d, PC_E_FRONT_BAD_VALUE, at->src->name, at->line, at->col, key, val, hint);
	return -1;
}

static void set_key(pc_doc *doc, const pc_source *src, unsigned lineno, unsigned vcol,
                    const char *key, const char *val, pc_diags *d)
{
	pc_meta *m = &doc->meta;
	value_at at = {src, lineno, vcol, d};
	const char **slot = NULL;
	if (pc_front_report_key(doc, src, lineno, vcol, key, val, d) ||
	    pc_front_print_key(doc, src, lineno, vcol, key, val, d))
		return;
	if (!strcmp(key, "title"))
		slot = &m->title;
	else if (!strcmp(key, "subtitle"))
		slot = &m->subtitle;
	else if (!strcmp(key, "city"))
		slot = &m->city;
	else if (!strcmp(key, "period"))
		slot = &m->period;
	else if (!strcmp(key, "edition"))
		slot = &m->edition;
	if (slot) {
		*slot = val;
		return;
	}
	if (!strcmp(key, "draft") || !strcmp(key, "charts")) {
		bool *b = !strcmp(key, "draft") ? &m->draft : &m->charts;
		if (!parse_bool(val, b))
			pc_diag(d, PC_E_FRONT_BAD_VALUE, src->name, lineno, vcol, key, val,
			        "true か false を書いてください");
	} else if (!strcmp(key, "term-mark")) {
		static const char *const names[] = {"※", "※n", "none", NULL};
		static const pc_term_mark marks[] = {PC_MARK_ASTERISK, PC_MARK_NUMBERED,
		                                     PC_MARK_NONE};
		int k = choice(&at, key, val, names, "※、※n、none のどれかを書いてください");
		if (k >= 0)
			m->term_mark = marks[k];
	} else if (!strcmp(key, "chapter-start")) {
		static const char *const names[] = {"any", "right", NULL};
		int k = choice(&at, key, val, names, "right か any を書いてください");
		if (k >= 0)
			m->recto = k == 1;
	} else if (!strcmp(key, "index-order")) {
		static const char *const names[] = {"kana-first", "latin-first", NULL};
		int k = choice(&at, key, val, names, "kana-first か latin-first を書いてください");
		if (k >= 0)
			m->latin_first = k == 1;
	} else {
		pc_diag(d, PC_W_FRONT_UNKNOWN_KEY, src->name, lineno, 1, key);
	}
}

static void blank_lines(pc_source *src, size_t from, size_t to)
{
	char *t = (char *)src->text;
	for (size_t i = from; i <= to && i < src->nlines; i++) {
		line l = get_line(src, i);
		memset(t + (l.s - src->text), ' ', l.len);
	}
}

/* Reads the block's keys into doc->meta. */
static void read_keys(pc_doc *doc, const pc_source *src, size_t close, pc_diags *d)
{
	pc_map seen;
	pc_map_init(&seen, doc->arena);
	for (size_t i = 1; i < close; i++) {
		line l = get_line(src, i);
		if (l.len == 0 || l.s[0] == '#')
			continue;
		size_t seplen;
		long c = find_colon(l, &seplen);
		if (c <= 0) {
			pc_diag(d, PC_E_FRONT_SYNTAX, src->name, (unsigned)i + 1, 1,
			        pc_arena_strndup(doc->arena, l.s, l.len));
			continue;
		}
		const char *key = pc_trimmed(doc->arena, l.s, (size_t)c);
		const char *val =
		    unquoted(doc->arena, l.s + c + seplen, l.len - (size_t)c - seplen);
		/* the column of the value itself, past the blanks after the colon */
		size_t v = (size_t)c + seplen;
		while (v < l.len && (l.s[v] == ' ' || l.s[v] == '\t'))
			v++;
		unsigned vcol = (unsigned)pc_utf8_count(l.s, v) + 1;
		if (pc_map_put(&seen, pc_front_key_canonical(key), (void *)1))
			pc_diag(d, PC_W_FRONT_DUP_KEY, src->name, (unsigned)i + 1, 1, key);
		set_key(doc, src, (unsigned)i + 1, vcol, key, val, d);
	}
}

bool pc_front_parse(pc_doc *doc, pc_source *src, bool first, pc_diags *d)
{
	if (src->nlines < 2 || !is_fence(get_line(src, 0)))
		return false;
	size_t close = find_close(src);
	if (!first) {
		/* A thematic break may open a later file; only a block of keys
		 * closed by a second fence is taken for misplaced front matter. */
		if (close && looks_like_front(src, close)) {
			pc_diag(d, PC_E_FRONT_LATE, src->name, 1, 1, doc->sources[0].name);
			blank_lines(src, 0, close);
		}
		return false;
	}
	if (!close) {
		pc_diag(d, PC_E_FRONT_UNCLOSED, src->name, 1, 1);
		return true;
	}
	read_keys(doc, src, close, d);
	blank_lines(src, 0, close);
	return false;
}
