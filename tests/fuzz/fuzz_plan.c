/*
 * libFuzzer target: the whole load → parse → resolve path and the JSON
 * back end on one chapter given as bytes. The plan folder does not exist,
 * so images are always "missing": nothing is read from the disk.
 */
#include <stddef.h>
#include <stdint.h>

#include "plancc.h"
#include "render/json/json.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pc_diags d;
	pc_diags_init(&d, false);
	pc_doc *doc = pc_compile_memory("/nonexistent-plancc-fuzz", "00.md", (const char *)data,
	                                size, NULL, &d);
	pc_buf out = {0};
	pc_json_render(doc, &out);
	pc_buf_free(&out);
	pc_diags_sort(&d);
	pc_doc_free(doc);
	pc_diags_free(&d);
	return 0;
}
