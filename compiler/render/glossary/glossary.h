/*
 * The glossary on its own (plancc glossary): every term in reading order,
 * as CSV, Markdown or a standalone HTML page (the PDF is the PDF back
 * end's appendix alone). A selection picks terms by chapter.
 */
#ifndef PC_RENDER_GLOSSARY_H
#define PC_RENDER_GLOSSARY_H

#include <stdbool.h>

#include "../../index/index.h"
#include "../../plancc.h"
#include "../../util/buf.h"

/*
 * The terms defined in the given chapters (ids, or numbers as printed;
 * NULL-terminated list; NULL or empty: all), as a bool per term index,
 * allocated in the document's arena. *unknown is set to the first chapter
 * named that does not exist, else NULL.
 */
bool *pc_glossary_select(pc_doc *doc, const char *const *chapters, const char **unknown);

void pc_glossary_csv(pc_doc *doc, const pc_index *ix, const bool *sel, pc_buf *out);
void pc_glossary_md(pc_doc *doc, const pc_index *ix, const bool *sel, pc_buf *out);
void pc_glossary_html(pc_doc *doc, const pc_index *ix, const bool *sel, pc_buf *out);

#endif
