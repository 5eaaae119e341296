/* The PDF device's compression worker (see zworker.h). */
#include "zworker.h"

#include <libdeflate.h>
#include <pthread.h>
#include <stdlib.h>

#include "../../util/arena.h"

#define MAX_LEVEL 12

struct pc_zworker {
	pthread_mutex_t mu;
	pthread_cond_t work, finished;
	pc_zjob *head, *tail; /* queued, not yet started */
	bool stop, threaded;
	pthread_t thread;
	/* libdeflate compressors by level, used by one thread at a time */
	struct libdeflate_compressor *zc[MAX_LEVEL + 1];
};

static pthread_once_t allocator_once = PTHREAD_ONCE_INIT;

/* libdeflate allocates through the program's out-of-memory policy. */
static void use_our_allocator(void)
{
	libdeflate_set_memory_allocator(pc_xmalloc, free);
}

static int clamp_level(int level)
{
	return level < 0 ? 0 : level > MAX_LEVEL ? MAX_LEVEL : level;
}

static struct libdeflate_compressor *new_compressor(int level)
{
	pthread_once(&allocator_once, use_our_allocator);
	return libdeflate_alloc_compressor(clamp_level(level));
}

static void compress_with(struct libdeflate_compressor *c, const uint8_t *in, size_t n,
                          uint8_t **out, size_t *out_len)
{
	size_t cap = libdeflate_zlib_compress_bound(c, n);
	uint8_t *z = pc_xmalloc(cap);
	/* cannot fail: the output has room for the bound */
	size_t zn = libdeflate_zlib_compress(c, in, n, z, cap);
	*out = pc_xrealloc(z, zn); /* the bound is about the raw size */
	*out_len = zn;
}

void pc_zdeflate(const uint8_t *in, size_t n, int level, uint8_t **out, size_t *out_len)
{
	struct libdeflate_compressor *c = new_compressor(level);
	compress_with(c, in, n, out, out_len);
	libdeflate_free_compressor(c);
}

bool pc_zinflate(const uint8_t *z, size_t n, uint8_t *out, size_t raw_len)
{
	pthread_once(&allocator_once, use_our_allocator);
	struct libdeflate_decompressor *dc = libdeflate_alloc_decompressor();
	size_t got = 0;
	enum libdeflate_result r = libdeflate_zlib_decompress(dc, z, n, out, raw_len, &got);
	libdeflate_free_decompressor(dc);
	return r == LIBDEFLATE_SUCCESS && got == raw_len;
}

/* Runs one job on the calling thread, which owns the compressors now. */
static void run(pc_zworker *w, pc_zjob *job)
{
	if (job->make)
		job->make(job);
	int lv = clamp_level(job->level);
	if (!w->zc[lv])
		w->zc[lv] = new_compressor(lv);
	compress_with(w->zc[lv], job->raw, job->raw_len, &job->z, &job->z_len);
	free(job->raw);
	job->raw = NULL;
}

static void *loop(void *arg)
{
	pc_zworker *w = arg;
	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->head && !w->stop)
			pthread_cond_wait(&w->work, &w->mu);
		if (!w->head)
			break;
		pc_zjob *job = w->head;
		w->head = job->next;
		if (!w->head)
			w->tail = NULL;
		pthread_mutex_unlock(&w->mu);
		run(w, job);
		pthread_mutex_lock(&w->mu);
		job->done = true;
		pthread_cond_broadcast(&w->finished);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

pc_zworker *pc_zworker_new(void)
{
	pc_zworker *w = pc_xcalloc(1, sizeof *w);
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->work, NULL);
	pthread_cond_init(&w->finished, NULL);
	w->threaded = pthread_create(&w->thread, NULL, loop, w) == 0;
	return w;
}

void pc_zworker_free(pc_zworker *w)
{
	if (!w)
		return;
	if (w->threaded) {
		pthread_mutex_lock(&w->mu);
		w->stop = true;
		pthread_cond_signal(&w->work);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->thread, NULL);
	}
	for (int i = 0; i <= MAX_LEVEL; i++)
		if (w->zc[i])
			libdeflate_free_compressor(w->zc[i]);
	pthread_cond_destroy(&w->finished);
	pthread_cond_destroy(&w->work);
	pthread_mutex_destroy(&w->mu);
	free(w);
}

void pc_zworker_give(pc_zworker *w, pc_zjob *job)
{
	job->done = false;
	job->next = NULL;
	if (!w->threaded) {
		run(w, job);
		job->done = true;
		return;
	}
	pthread_mutex_lock(&w->mu);
	if (w->tail)
		w->tail->next = job;
	else
		w->head = job;
	w->tail = job;
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&w->mu);
}

void pc_zworker_wait(pc_zworker *w, pc_zjob *job)
{
	if (!w->threaded)
		return;
	pthread_mutex_lock(&w->mu);
	while (!job->done)
		pthread_cond_wait(&w->finished, &w->mu);
	pthread_mutex_unlock(&w->mu);
}
