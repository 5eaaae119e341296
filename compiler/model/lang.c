/* English runs inside Japanese text (see lang.h for the rule). */
#include "lang.h"

static bool is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_printable_ascii(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

/* A word of prose, not an abbreviation: three letters or more, and fewer
 * capitals than small letters unless it has at most one capital. */
static bool prose_word(const unsigned char *w, size_t n)
{
	size_t upper = 0, letters = 0;
	for (size_t i = 0; i < n; i++)
		if (is_letter(w[i])) {
			letters++;
			upper += is_upper(w[i]);
		}
	if (letters < 3)
		return false;
	return upper < 2 || upper < letters - upper;
}

/* Whether s[b..e) holds a prose word. A word is letters, with an
 * apostrophe between two letters kept inside it. */
static bool has_prose_word(const unsigned char *s, size_t b, size_t e)
{
	size_t i = b;
	while (i < e) {
		if (!is_letter(s[i])) {
			i++;
			continue;
		}
		size_t w = i;
		while (i < e && (is_letter(s[i]) ||
		                 (s[i] == '\'' && i + 1 < e && is_letter(s[i + 1]) && i > w)))
			i++;
		if (prose_word(s + w, i - w))
			return true;
	}
	return false;
}

bool pc_lang_next_english(const char *text, size_t len, size_t from, pc_lang_run *run)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = from;
	while (i < len) {
		if (!is_printable_ascii(s[i])) {
			i++;
			continue;
		}
		/* a stretch of printable ASCII: [i, end) */
		size_t end = i;
		while (end < len && is_printable_ascii(s[end]))
			end++;
		size_t b = i;
		while (b < end && !is_letter(s[b]))
			b++;
		size_t e = end;
		while (e > b && !is_letter(s[e - 1]) && !is_digit(s[e - 1]))
			e--;
		if (b < e && has_prose_word(s, b, e)) {
			run->off = b;
			run->len = e - b;
			return true;
		}
		i = end;
	}
	return false;
}
