/*
 * The PDF device's compression worker: one thread that turns buffers into
 * zlib (FlateDecode) data with libdeflate while the main thread goes on
 * drawing. Jobs run in the order they are given. A job may first make its
 * input on the worker (a font program). Without a thread (it could not be
 * started) jobs run when given. Output is the same either way, so the
 * PDF does not depend on timing.
 */
#ifndef PC_PDF_ZWORKER_H
#define PC_PDF_ZWORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pc_zjob pc_zjob;

struct pc_zjob {
	/* in: raw bytes (malloc'd; the worker frees them) or make, which the
	 * worker calls first to fill raw and raw_len from arg */
	uint8_t *raw;
	size_t raw_len;
	void (*make)(pc_zjob *job);
	void *arg;
	int level; /* libdeflate level, 1..12; 0 stores the bytes (valid zlib data) */
	/* out, once done: malloc'd zlib data */
	uint8_t *z;
	size_t z_len;
	/* the worker's */
	bool done;
	pc_zjob *next;
};

typedef struct pc_zworker pc_zworker;

pc_zworker *pc_zworker_new(void);
/* Waits for every job given, then stops the thread. */
void pc_zworker_free(pc_zworker *w);
/* Queues a job (the caller keeps the record alive until it is done). */
void pc_zworker_give(pc_zworker *w, pc_zjob *job);
/* Returns once the job is done. */
void pc_zworker_wait(pc_zworker *w, pc_zjob *job);

/* Compresses on the calling thread (n bytes; *out malloc'd). Out of
 * memory aborts, as everywhere in the program. */
void pc_zdeflate(const uint8_t *in, size_t n, int level, uint8_t **out, size_t *out_len);
/* Decompresses zlib data of which the raw size is known; false when it is
 * not valid zlib data of exactly that size. */
bool pc_zinflate(const uint8_t *z, size_t n, uint8_t *out, size_t raw_len);

#endif
