/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal TAP output for the C unit tests: ok N - what / not ok N - what. */
#ifndef OMS_TAP_H
#define OMS_TAP_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define OK(cond, ...) do {						\
	tap_n++;							\
	if (cond) {							\
		printf("ok %d - ", tap_n);				\
	} else {							\
		tap_failed++;						\
		printf("not ok %d - ", tap_n);				\
	}								\
	printf(__VA_ARGS__);						\
	printf("\n");							\
	if (!(cond))							\
		printf("#   at %s:%d: %s\n", __FILE__, __LINE__, #cond);	\
} while (0)

#define IS_INT(got, want, ...) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	OK(g_ == w_, __VA_ARGS__);					\
	if (g_ != w_)							\
		printf("#   got %lld, want %lld\n", g_, w_);		\
} while (0)

#define IS_STR(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int same_ = g_ && w_ && !strcmp(g_, w_);			\
	OK(same_, __VA_ARGS__);						\
	if (!same_)							\
		printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)",	\
		       w_ ? w_ : "(null)");				\
} while (0)

/* no error; else print it and count a failure */
#define NO_ERR(err, ...) do {						\
	struct oms_error *e_ = (err);					\
	OK(!e_, __VA_ARGS__);						\
	if (e_)								\
		printf("#   error: %s\n", e_->message);			\
	oms_error_destroy(e_);						\
} while (0)

static inline int tap_done(void)
{
	return tap_failed ? 1 : 0;
}

#endif
