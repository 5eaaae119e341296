/* Helpers for the end-to-end tests: temporary plan folders and running the
 * plancc binary with its output captured. */
#ifndef PC_TEST_SUPPORT_H
#define PC_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

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
/* Runs plancc with the arguments (NULL-terminated), from cwd (NULL = here). */
run_result run_plancc(const char *cwd, const char *const *argv);
void run_free(run_result *r);
/* Removes a folder tree. */
void remove_tree(const char *dir);
/* True when the text has a line starting with prefix. */
bool has_line(const char *text, const char *prefix);
/* Number of lines containing needle. */
int count_lines(const char *text, const char *needle);

#endif
