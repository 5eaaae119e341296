/* HTML back end: the plan as a static, cross-linked site (docs/html.md). */
#ifndef PC_RENDER_HTML_H
#define PC_RENDER_HTML_H

#include <stdbool.h>

#include "../../plancc.h"
#include "../../util/buf.h"
#include "../../util/output.h"

/*
 * Writes html/ under the output: index.html (cover, contents), a page per
 * chapter, glossary.html, terms.html (the term index), indicators.html,
 * style.css and the plan's images. The tree is not changed; the document
 * is taken non-const only to allocate text in its arena.
 */
bool pc_html_render(pc_doc *doc, pc_output *o, pc_diags *d);

#endif
