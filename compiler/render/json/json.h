/* JSON back end: the resolved plan as data (docs/json.md) and the
 * indicators alone (docs/indicators.md). */
#ifndef PC_RENDER_JSON_H
#define PC_RENDER_JSON_H

#include "../../plancc.h"
#include "../../util/buf.h"

/* Writes the whole plan as one JSON document. The tree is not changed;
 * the document is taken non-const only to allocate text in its arena. */
void pc_json_render(pc_doc *doc, pc_buf *out);
/* The indicators alone (indicators.json, plancc indicators): the same
 * objects as plan.json's indicators[] (docs/indicators.md). */
void pc_json_render_indicators(pc_doc *doc, pc_buf *out);

#endif
