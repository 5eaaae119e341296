/*
 * The tree back end (plancc dump): the presented tree as text, one node a
 * line with its place in the sources and what the presentation pass
 * decided for it — the golden files of tests/dump/ pin those decisions
 * without any renderer in between.
 */
#ifndef PC_RENDER_TREE_H
#define PC_RENDER_TREE_H

#include "../../plancc.h"
#include "../../util/buf.h"

void pc_tree_render(const pc_doc *doc, pc_buf *out);

#endif
