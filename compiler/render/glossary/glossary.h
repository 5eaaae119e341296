/*
 * The glossary on its own (plancc glossary): every selected term in
 * reading order, as CSV, Markdown or a standalone HTML page (the PDF is
 * the PDF back end's appendix alone). The listing is the shared glossary
 * model (model/glossary.h); selection by chapter is made there too.
 */
#ifndef PC_RENDER_GLOSSARY_H
#define PC_RENDER_GLOSSARY_H

#include "../../model/glossary.h"
#include "../../plancc.h"
#include "../../util/buf.h"

void pc_glossary_csv(pc_doc *doc, const pc_glossary *g, pc_buf *out);
void pc_glossary_md(pc_doc *doc, const pc_glossary *g, pc_buf *out);
void pc_glossary_html(pc_doc *doc, const pc_glossary *g, pc_buf *out);

#endif
