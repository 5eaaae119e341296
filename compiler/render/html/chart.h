/* HTML back end: indicator charts as inline SVG (docs/html.md). */
#ifndef PC_RENDER_HTML_CHART_H
#define PC_RENDER_HTML_CHART_H

#include "../../plancc.h"
#include "../../util/buf.h"

/* Appends the charts of an indicators table's indicators (those that can
 * be drawn), with their key; nothing when none can. SVG title ids are
 * chart.N, N counted from *next_id on the page. */
void pc_html_charts(pc_buf *b, const pc_node *table, unsigned *next_id);

#endif
