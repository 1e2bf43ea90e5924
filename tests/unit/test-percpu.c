// SPDX-License-Identifier: GPL-2.0
/*
 * nr_cpu_ids on the fake target: the variable where it exists; else, as
 * on a CONFIG_FORCE_NR_CPUS (or NR_CPUS 1) kernel where nr_cpu_ids is the
 * constant NR_CPUS and has no symbol, what setup_nr_cpu_ids() computes:
 * find_last_bit(cpu_possible_mask) + 1.  The expected values are the bits
 * set here.
 */
#include <stdlib.h>

#include "../../lib/backend/fake.h"
#include "../../lib/collect/percpu.h"
#include "tap.h"

/* a fake kernel with the possible mask of words[] (n words), and
 * nr_cpu_ids = nr unless nr < 0 */
static struct oms_fake *fake(const uint64_t *words, int n, bool has_type,
			     int nr)
{
	struct oms_fake *f = oms_fake_create();
	uint64_t addr;
	int i;

	addr = oms_fake_alloc(f, 8 * (size_t)n);
	for (i = 0; i < n; i++)
		oms_fake_poke_u64(f, addr + 8 * (uint64_t)i, words[i]);
	oms_fake_add_symbol(f, "__cpu_possible_mask", addr);
	if (has_type)
		oms_fake_add_type(f, "struct cpumask", 8 * (uint64_t)n);
	if (nr >= 0) {
		addr = oms_fake_alloc(f, 4);
		oms_fake_poke_u32(f, addr, (uint32_t)nr);
		oms_fake_add_symbol(f, "nr_cpu_ids", addr);
	}
	return f;
}

static void expect(const uint64_t *words, int n, bool has_type, int nr,
		   int want, const char *what)
{
	struct oms_fake *f = fake(words, n, has_type, nr);
	struct oms_error *err;
	int got = -1;

	err = oms_nr_cpu_ids(oms_fake_target(f), &got);
	OK(!err, "%s: no error%s%s", what, err ? ": " : "",
	   err ? err->message : "");
	IS_INT(got, want, "%s: nr_cpu_ids %d", what, want);
	oms_error_destroy(err);
	oms_fake_destroy(f);
}

int main(void)
{
	static const uint64_t one[] = { 0xb };		/* cpus 0, 1, 3 */
	static const uint64_t two[] = { 0x3, 0x20 };	/* 0, 1 and 69 */
	static const uint64_t none[] = { 0, 0 };
	struct oms_fake *f;
	struct oms_error *err;
	int got = -1;

	expect(one, 1, true, 2, 2, "the variable, not the mask");
	expect(one, 1, true, -1, 4, "no variable: highest possible cpu 3 + 1");
	expect(one, 1, false, -1, 4, "no variable, no struct cpumask type: one word");
	expect(two, 2, true, -1, 70, "no variable: cpu 69 in the mask's second word");

	f = fake(none, 2, true, -1);
	err = oms_nr_cpu_ids(oms_fake_target(f), &got);
	OK(err && strstr(err->message, "empty"),
	   "no variable and an empty mask: an error, %s",
	   err ? err->message : "none");
	oms_error_destroy(err);
	oms_fake_destroy(f);

	f = fake(one, 1, true, 0);
	err = oms_nr_cpu_ids(oms_fake_target(f), &got);
	OK(err && strstr(err->message, "'nr_cpu_ids' is 0"),
	   "nr_cpu_ids 0: corrupt, %s", err ? err->message : "none");
	oms_error_destroy(err);
	oms_fake_destroy(f);

	return tap_done();
}
