/* Helpers for the end-to-end tests: temporary plan folders and running the
 * plancc binary with its output captured. */
#ifndef PC_TEST_SUPPORT_H
#define PC_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "plancc.h"

typedef struct run_result {
	int status; /* exit status, or 128+signal */
	char *out, *err;
} run_result;

/* A fresh empty folder under the system's temporary folder. */
char *tmp_dir(void);
/* Writes a file (creating folders); dir/name. */
void write_file(const char *dir, const char *name, const char *text);
void write_bytes(const char *dir, const char *name, const void *data, size_t len);
/* Reads a whole file; NULL when missing. *len may be NULL. */
char *read_whole(const char *path, size_t *len);
/* Reads from a descriptor up to its end (a new string). */
char *read_fd(int fd);
/* The standard output of a shell command (a new string); *status (may be
 * NULL) its exit status, 128 when it did not exit. */
char *capture(const char *cmd, int *status);
/* Seconds on the monotonic clock. */
double seconds_now(void);
/* Non-overlapping occurrences of needle in s. */
int count_in(const char *s, const char *needle);
/* Runs plancc with the arguments (NULL-terminated), from cwd (NULL = here). */
run_result run_plancc(const char *cwd, const char *const *argv);
/* The same with the arguments given up to a NULL: plancc("check", dir, NULL). */
run_result plancc(const char *arg, ...);
void run_free(run_result *r);
/* Removes a folder tree. */
void remove_tree(const char *dir);
/* True when the text has a line starting with prefix. */
bool has_line(const char *text, const char *prefix);
/* Number of lines containing needle. */
int count_lines(const char *text, const char *needle);

/* Writes first (00.md) and, when not NULL, second (01.md) into a fresh
 * folder (*dir, to free) and compiles it with the library. */
pc_doc *compile_plan(const char *first, const char *second, char **dir, pc_diags *d);
/* Frees what compile_plan made and removes the folder. */
void compile_done(pc_doc *doc, char *dir, pc_diags *d);
/* Compiles md as the plan's only file (00.md), in memory. */
pc_doc *compile_text(const char *md, pc_diags *d);
/* Frees what compile_text made, and ICU's cached objects. */
void compile_text_done(pc_doc *doc, pc_diags *d);

#endif
