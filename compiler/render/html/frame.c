/* The frame of every page of the site (see frame.h). */
#include "frame.h"

#include <string.h>

#include "../../model/lang.h"
#include "../../util/escape.h"

void pc_html_prose(pc_buf *b, const char *s)
{
	if (!s)
		return;
	size_t len = strlen(s), at = 0;
	pc_lang_run r;
	while (pc_lang_next_english(s, len, at, &r)) {
		pc_escape_html_n(b, s + at, r.off - at);
		pc_buf_puts(b, "<span lang=\"en\">");
		pc_escape_html_n(b, s + r.off, r.len);
		pc_buf_puts(b, "</span>");
		at = r.off + r.len;
	}
	pc_escape_html_n(b, s + at, len - at);
}

void pc_html_frame_begin(pc_buf *b, const pc_meta *m, const char *title, const char *const *css,
                         const char *draft, const pc_html_crumb *crumbs, size_t ncrumbs)
{
	pc_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
	               "<meta name=\"viewport\" content=\"width=device-width, "
	               "initial-scale=1\">\n<title>");
	if (title) {
		pc_escape_html(b, title);
		pc_buf_puts(b, " | ");
	}
	pc_escape_html(b, m->title);
	pc_buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n");
	for (const char *const *c = css; c && *c; c++) {
		pc_buf_puts(b, "<link rel=\"stylesheet\" href=\"");
		pc_escape_html(b, *c);
		pc_buf_puts(b, "\">\n");
	}
	pc_buf_puts(b,
	            "<script src=\"site.js\" defer></script>\n</head>\n<body>\n"
	            "<a class=\"skip\" href=\"#pc.main\">本文へ移動</a>\n<header class=\"site\"><p "
	            "class=\"title\"><a href=\"index.html\">");
	pc_html_prose(b, m->title);
	pc_buf_puts(b, "</a>");
	if (m->subtitle) {
		pc_buf_puts(b, " <span class=\"sub\">");
		pc_html_prose(b, m->subtitle);
		pc_buf_puts(b, "</span>");
	}
	pc_buf_puts(b, "</p>");
	/* inside the banner landmark, where a screen reader finds it first */
	if (draft) {
		pc_buf_puts(b, "<p class=\"draft\" role=\"note\">");
		pc_escape_html(b, draft);
		pc_buf_puts(b, "</p>");
	}
	pc_buf_puts(b, "</header>\n");
	if (title) {
		pc_buf_puts(b, "<nav class=\"crumbs\" aria-label=\"現在地\"><ol><li><a "
		               "href=\"index.html\">目次</a></li>");
		for (size_t i = 0; i < ncrumbs; i++) {
			if (crumbs[i].href) {
				pc_buf_puts(b, "<li><a href=\"");
				pc_escape_html(b, crumbs[i].href);
				pc_buf_puts(b, "\">");
			} else {
				pc_buf_puts(b, "<li aria-current=\"page\">");
			}
			pc_html_prose(b, crumbs[i].text);
			pc_buf_puts(b, crumbs[i].href ? "</a></li>" : "</li>");
		}
		pc_buf_puts(b, "</ol></nav>\n");
	}
	pc_buf_puts(b, "<main id=\"pc.main\">\n");
}

static void pager_link(pc_buf *b, const char *rel, const char *href, const char *word,
                       const char *title)
{
	pc_buf_printf(b, "<a rel=\"%s\" href=\"", rel);
	pc_escape_html(b, href);
	pc_buf_printf(b, "\">%s：", word);
	pc_html_prose(b, title);
	pc_buf_puts(b, "</a>");
}

void pc_html_frame_end(pc_buf *b, const pc_meta *m, const char *prev, const char *prev_title,
                       const char *next, const char *next_title)
{
	pc_buf_puts(b, "\n</main>\n");
	if (prev || next) {
		pc_buf_puts(b, "<nav class=\"pager\" aria-label=\"前後のページ\">");
		if (prev)
			pager_link(b, "prev", prev, "前へ", prev_title);
		if (next)
			pager_link(b, "next", next, "次へ", next_title);
		pc_buf_puts(b, "</nav>\n");
	}
	pc_buf_puts(b, "<footer class=\"site\"><p>");
	pc_html_prose(b, m->city ? m->city : m->title);
	if (m->edition) {
		pc_buf_puts(b, " ");
		pc_html_prose(b, m->edition);
	}
	pc_buf_puts(b, "</p></footer>\n</body>\n</html>\n");
}
