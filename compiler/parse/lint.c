/*
 * Checks over the text of the converted tree for what authors type by habit
 * or copy from an old booklet, which Markdown would print as it stands:
 * page numbers written by hand 「(p55)」「（P.12）」, which are wrong as soon as
 * the pages move, and annotations broken by a space after the scheme
 * 「[](ref: medical)」, which cmark does not read as a link.
 */
#include <string.h>

#include "../util/utf8.h"
#include "parse.h"

/* Position of byte offset off inside a text node (text stays on one line:
 * cmark ends a text node at a line break). */
static pc_pos pos_at(const pc_node *text, size_t off)
{
	pc_pos pos = text->pos;
	pos.col += (unsigned)pc_utf8_count(text->literal, off);
	return pos;
}

/* Code point at s[i] (U+FFFD for a bad byte), its length in *n. */
static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp = 0;
	if (i >= len) {
		*n = 0;
		return 0;
	}
	*n = pc_utf8_decode(s + i, len - i, &cp);
	if (!*n)
		*n = 1;
	return cp;
}

static bool is_digit_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
	size_t n;
	uint32_t cp;
	while ((cp = cp_at(s, len, i, &n)) == ' ' || cp == 0x3000)
		i += n;
	return i;
}

/* Digits, optionally a range (55-56, 55～56): the offset after them, or i. */
static size_t page_digits(const char *s, size_t len, size_t i)
{
	size_t n, start = i;
	while (is_digit_cp(cp_at(s, len, i, &n)))
		i += n;
	if (i == start)
		return start;
	uint32_t cp = cp_at(s, len, i, &n);
	if (cp == '-' || cp == 0xFF5E || cp == 0x301C || cp == '~' || cp == 0x2010 ||
	    cp == 0xFF0D || cp == 0x2013) {
		size_t j = i + n, k = j;
		while (is_digit_cp(cp_at(s, len, k, &n)))
			k += n;
		if (k > j)
			i = k;
	}
	return i;
}

static bool word_at(const char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);
	return len - i >= n && !memcmp(s + i, w, n);
}

/*
 * A page number at s[i] (after an opening bracket, or bare with 参照):
 * p55, P.12, ｐ．３, 55ページ, 12頁, each optionally with 参照 after it.
 * Returns the offset after it, or i when there is none. The caller makes
 * sure s[i] does not continue a word ("Step3", "150").
 */
static size_t page_number(const char *s, size_t len, size_t i, bool bare)
{
	size_t n, j = skip_blanks(s, len, i);
	uint32_t cp = cp_at(s, len, j, &n);
	size_t k;
	if (cp == 'p' || cp == 'P' || cp == 0xFF50 || cp == 0xFF30) {
		j += n;
		cp = cp_at(s, len, j, &n);
		if (cp == '.' || cp == 0xFF0E)
			j += n;
		j = skip_blanks(s, len, j);
		k = page_digits(s, len, j);
		if (k == j)
			return i;
		j = k;
	} else {
		k = page_digits(s, len, j);
		if (k == j)
			return i;
		j = skip_blanks(s, len, k);
		if (word_at(s, len, j, "ページ"))
			j += strlen("ページ");
		else if (word_at(s, len, j, "頁"))
			j += strlen("頁");
		else
			return i;
	}
	j = skip_blanks(s, len, j);
	bool ref = false;
	if (word_at(s, len, j, "参照")) {
		j += strlen("参照");
		ref = true;
	}
	if (bare && !ref)
		return i;
	return j;
}

/* True when s[i] continues a Latin word or number (the 3 of "Step3", the
 * 5 of "150ページ" is not a page number of its own start). */
static bool after_word(const char *s, size_t i)
{
	if (!i)
		return false;
	unsigned char c = (unsigned char)s[i - 1];
	if (c < 0x80)
		return pc_is_ascii_alnum(c) || c == '.' || c == ',';
	/* a full-width digit before: the number started earlier */
	return i >= 3 && (unsigned char)s[i - 3] == 0xEF && (unsigned char)s[i - 2] == 0xBC &&
	       c >= 0x90 && c <= 0x99;
}

/* Whether the byte s[i] may start a page number: '(', 'p', 'P', a digit,
 * or the lead byte EF of （ and of full-width digits. Most text is skipped
 * on this test alone, without decoding. */
static bool may_start_page(unsigned char c)
{
	return c == '(' || c == 'p' || c == 'P' || (c >= '0' && c <= '9') || c == 0xEF;
}

static void hand_page_numbers(pc_doc *doc, const pc_node *t, pc_diags *d)
{
	const char *s = t->literal;
	size_t len = strlen(s), n;
	for (size_t i = 0; i < len; i += n) {
		unsigned char c = (unsigned char)s[i];
		if (!may_start_page(c)) {
			/* a whole character at once: text is valid UTF-8 */
			n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
			if (n > len - i)
				n = len - i;
			continue;
		}
		uint32_t cp = cp_at(s, len, i, &n);
		size_t end;
		if (cp == '(' || cp == 0xFF08) {
			size_t j = page_number(s, len, i + n, false);
			size_t n2;
			uint32_t close = cp_at(s, len, skip_blanks(s, len, j), &n2);
			if (j == i + n || !(close == ')' || close == 0xFF09))
				continue;
			end = skip_blanks(s, len, j) + n2;
		} else if ((cp == 'p' || cp == 'P' || is_digit_cp(cp)) && !after_word(s, i)) {
			end = page_number(s, len, i, true);
			if (end == i)
				continue;
		} else {
			continue;
		}
		pc_pos pos = pos_at(t, i);
		pc_diag(d, PC_W_HAND_PAGE_NUMBER, pos.file, pos.line, pos.col,
		        pc_arena_strndup(doc->arena, s + i, end - i));
		n = end - i;
	}
}

/* "](ref: id)": the scheme with a space after it, so cmark kept the text. */
static void spaced_annotations(pc_doc *doc, const pc_node *t, pc_diags *d)
{
	static const char *const schemes[] = {"ref:", "term:", "index:"};
	const char *s = t->literal;
	for (const char *at = strstr(s, "]("); at; at = strstr(at + 2, "](")) {
		const char *u = at + 2;
		for (size_t k = 0; k < 3; k++) {
			size_t sl = strlen(schemes[k]);
			if (strncmp(u, schemes[k], sl) ||
			    (u[sl] != ' ' && u[sl] != '\t' && strncmp(u + sl, "\u3000", 3)))
				continue;
			const char *v = u + sl;
			while (*v == ' ' || *v == '\t' || !strncmp(v, "\u3000", 3))
				v += *v == ' ' || *v == '\t' ? 1 : 3;
			const char *e = v;
			while (*e && *e != ')' && *e != ' ')
				e++;
			pc_pos pos = pos_at(t, (size_t)(u - s));
			pc_diag(d, PC_E_ANNOTATION_SPACE, pos.file, pos.line, pos.col, schemes[k],
			        schemes[k], pc_arena_strndup(doc->arena, v, (size_t)(e - v)));
		}
	}
}

/* Whether text under n is the author's running text: not code, not a
 * link's or annotation's own text (their brackets are markup). */
static bool is_running_text(const pc_node *n)
{
	for (const pc_node *a = n->parent; a; a = a->parent)
		if (a->kind == PC_LINK || a->kind == PC_XREF || a->kind == PC_TERM_REF ||
		    a->kind == PC_INDEX_ENTRY || a->kind == PC_IMAGE)
			return false;
	return true;
}

void pc_lint_text(pc_doc *doc, pc_diags *d)
{
	if (!doc->root)
		return;
	for (pc_node *n = doc->root->first; n; n = pc_node_walk_next(n, doc->root, true)) {
		if (n->kind == PC_SECTION && n->u.section->heading) {
			/* the heading hangs off the section, not among its children */
			for (pc_node *h = n->u.section->heading->first; h;
			     h = pc_node_walk_next(h, n->u.section->heading, true))
				if (h->kind == PC_TEXT && h->literal && is_running_text(h)) {
					hand_page_numbers(doc, h, d);
					spaced_annotations(doc, h, d);
				}
		}
		if (n->kind != PC_TEXT || !n->literal || !is_running_text(n))
			continue;
		hand_page_numbers(doc, n, d);
		spaced_annotations(doc, n, d);
	}
}
