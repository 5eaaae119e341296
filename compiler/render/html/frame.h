/*
 * HTML back end: the frame every page of the site has — head, skip link,
 * the site header with the plan's title (and the draft note inside it),
 * crumbs, main; then the pager and the footer. The plan's pages and the
 * yearly report's pages share it, so an accessibility fix reaches both.
 */
#ifndef PC_RENDER_HTML_FRAME_H
#define PC_RENDER_HTML_FRAME_H

#include "../../plancc.h"
#include "../../util/buf.h"

/* A step of the crumbs: href NULL for the page itself. */
typedef struct pc_html_crumb {
	const char *href, *text;
} pc_html_crumb;

/* Text as an element's content: escaped, English runs in <span
 * lang="en"> (model/lang.h). */
void pc_html_prose(pc_buf *b, const char *s);

/*
 * Begins a page: title (NULL: the plan's front page) before the plan's
 * title; css, extra style sheets after style.css (NULL-terminated; may be
 * NULL); draft, the note in the header (NULL: none); crumbs after 目次
 * (none on the front page).
 */
void pc_html_frame_begin(pc_buf *b, const pc_meta *m, const char *title, const char *const *css,
                         const char *draft, const pc_html_crumb *crumbs, size_t ncrumbs);
/* Ends a page: the pager (prev/next NULL for none) and the footer. */
void pc_html_frame_end(pc_buf *b, const pc_meta *m, const char *prev, const char *prev_title,
                       const char *next, const char *next_title);

#endif
