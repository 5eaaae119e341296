/*
 * Output transactions: every file of a build is first written beside its
 * destination under a temporary name, and only when all are written are
 * they renamed into place. A failed build leaves the previous outputs.
 */
#ifndef PC_OUTPUT_H
#define PC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "../diag/diag.h"

typedef struct pc_output pc_output;

/* Starts a transaction writing under dir (created when missing). */
pc_output *pc_output_begin(const char *dir, pc_diags *d);
/* Writes rel (a path under dir; its folders are created) to a temporary
 * file. Returns false (and records a diagnostic) on failure. */
bool pc_output_write(pc_output *o, const char *rel, const void *data, size_t len);
/*
 * The same in pieces, for output written as it is made (the PDF): open
 * creates the temporary file, append adds to it, close ends it (it is then
 * one of the transaction's files) and cancel removes it. Each returns false
 * (open NULL) and records a diagnostic on failure; after a failed append,
 * only cancel is left to call.
 */
typedef struct pc_output_file pc_output_file;
pc_output_file *pc_output_open(pc_output *o, const char *rel);
bool pc_output_append(pc_output_file *f, const void *data, size_t len);
bool pc_output_close(pc_output_file *f);
void pc_output_cancel(pc_output_file *f);
/* Renames every temporary file into place; false on failure. */
bool pc_output_commit(pc_output *o);
/* Removes the temporary files; the previous outputs stay. */
void pc_output_abort(pc_output *o);
const char *pc_output_dir(const pc_output *o);

/*
 * Several threads may write files of one transaction at once (begin,
 * commit and abort stay with the thread that began it). A thread other
 * than that one names the diagnostics its failures go to; NULL returns to
 * the transaction's own.
 */
void pc_output_report_to(pc_diags *d);

#endif
