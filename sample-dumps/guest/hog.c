// SPDX-License-Identifier: GPL-2.0
/*
 * hog: a small static memory hog for the oomscan dump generator.
 *
 * It names itself, sets its own oom_score_adj, maps and touches the
 * anonymous (and optionally shmem) memory it was asked for, starts idle
 * threads if asked, prints one "hog: ready" line and then sleeps forever.
 * With -g it keeps growing by 1 MiB steps until the kernel runs out of
 * memory, which is how the scenarios trigger the OOM.  With -b NODELIST it
 * first binds its memory policy to those NUMA nodes (set_mempolicy
 * MPOL_BIND, the raw system call: the hog is static, without libnuma), so
 * that every page it touches, and every page the kernel allocates on its
 * behalf, comes from them.
 *
 * Two options make an OOM of a higher order.  -F FREE_MIB locks its memory
 * (mlockall) and grows until MemFree is below FREE_MIB, then gives back
 * all of its pages but one in every aligned block of four page frames
 * (the frames read from /proc/self/pagemap): most memory is free again,
 * but in blocks of order 0 and 1 that compaction cannot merge while
 * vm.compact_unevictable_allowed=0 forbids it to move locked pages.  -p
 * then opens pipes and sets each to 1 MiB (F_SETPIPE_SZ), which makes the
 * kernel kcalloc 256 pipe_buffers, 10 KiB, an order-2 kmalloc_large() of
 * GFP_KERNEL_ACCOUNT that retries (order <= PAGE_ALLOC_COSTLY_ORDER)
 * until the OOM killer is called.
 *
 * Three options fill memory with what no LRU holds.  -S sends messages to
 * a SysV message queue (msgsnd) that nobody reads, its msg_qbytes raised
 * past msgmnb (CAP_SYS_RESOURCE): each message of 4048 bytes is one
 * msg_msg of 4 KiB kmalloc'd with GFP_KERNEL_ACCOUNT (ipc/msgutil.c
 * alloc_msg), unreclaimable slab, until the kernel runs out of memory.
 * -P GIB maps GIB GiB of anonymous memory (MAP_NORESERVE, MADV_NOHUGEPAGE)
 * and writes one byte in every GiB of it: each byte costs a data page, a
 * PTE page and a PMD page, two thirds page tables; -G does the same after
 * "hog: ready" until the kernel runs out of memory.  -W opens pipes
 * (64 KiB each, the default size) and fills each without reading it: the
 * pipe's pages are alloc_page(GFP_HIGHUSER | __GFP_ACCOUNT), counted by no
 * vmstat counter, until the kernel runs out of memory.
 *
 * Pages are filled with a per-process byte so that makedumpfile's zero-page
 * filter does not drop them and zram's same-page detection still applies.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <linux/mempolicy.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MIB (1024UL * 1024UL)

static void usage(void)
{
	fprintf(stderr,
		"usage: hog [-n NAME] [-a OOM_SCORE_ADJ] [-m ANON_MIB] [-s SHMEM_MIB]\n"
		"           [-t THREADS] [-b NODELIST] [-F FREE_MIB] [-p] [-g] [-d DELAY_MS]\n"
		"           [-S] [-P GIB] [-G] [-W]\n"
		"  -b  bind the memory policy to NODELIST (\"0\", \"0,1\", \"0-1\")\n"
		"  -F  lock and take memory until MemFree < FREE_MIB, then free all\n"
		"      but one page in every aligned block of 4 page frames\n"
		"  -p  open 1 MiB pipes (order-2 kmallocs) until the kernel runs out\n"
		"  -g  grow by 1 MiB steps until the kernel runs out of memory\n"
		"  -S  queue 4 KiB SysV messages (unreclaimable slab) until the\n"
		"      kernel runs out\n"
		"  -P  map GIB GiB and write one byte per GiB (page tables)\n"
		"  -G  write one byte per GiB of new maps until the kernel runs out\n"
		"  -W  fill 64 KiB pipes nobody reads until the kernel runs out\n");
	exit(2);
}

static int set_oom_score_adj(const char *adj)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);
	ssize_t len = (ssize_t)strlen(adj);

	if (fd < 0)
		return -1;
	if (write(fd, adj, (size_t)len) != len) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* "0", "1,3", "0-2": a node mask of at most 64 nodes; 0 when malformed */
static unsigned long parse_nodelist(const char *list)
{
	unsigned long mask = 0, lo, hi;
	const char *p = list;
	char *end;

	for (;;) {
		lo = strtoul(p, &end, 10);
		if (end == p)
			return 0;
		hi = lo;
		if (*end == '-') {
			p = end + 1;
			hi = strtoul(p, &end, 10);
			if (end == p || hi < lo)
				return 0;
		}
		if (hi >= 64)
			return 0;
		for (; lo <= hi; lo++)
			mask |= 1UL << lo;
		if (*end == '\0')
			return mask;
		if (*end != ',')
			return 0;
		p = end + 1;
	}
}

/*
 * set_mempolicy(2) counts maxnode bits, of which the kernel reads one
 * fewer (mm/mempolicy.c get_nodes()); 63 nodes are more than enough.
 */
static int bind_nodes(unsigned long mask)
{
	return (int)syscall(SYS_set_mempolicy, MPOL_BIND, &mask,
			    sizeof(mask) * 8);
}

static void fill(char *p, size_t len, unsigned char byte)
{
	size_t i;

	for (i = 0; i < len; i += 4096)
		memset(p + i, byte, len - i < 4096 ? len - i : 4096);
}

static char *map_anon(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static char *map_shmem(size_t len)
{
	int fd = memfd_create("hog-shmem", 0);
	void *p;

	if (fd < 0 || ftruncate(fd, (off_t)len) < 0)
		return NULL;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

/* MemFree of /proc/meminfo in MiB, or 0 when it cannot be read */
static unsigned long mem_free_mib(void)
{
	char line[128];
	unsigned long kb = 0;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemFree: %lu kB", &kb) == 1)
			break;
	fclose(f);
	return kb / 1024;
}

#define PM_PRESENT (1ULL << 63)
#define PM_PFN_MASK ((1ULL << 55) - 1)
#define FRAG_MAX_PFN (1UL << 22)	/* 16 GiB of 4 KiB pages */

/*
 * Keep the first page of each aligned 4-frame block met in [p, p + len)
 * (by /proc/self/pagemap, which shows frames to CAP_SYS_ADMIN), unmap the
 * others; counts into *kept and *freed.
 */
static int fragment(char *p, size_t len, unsigned char *blocks,
		    unsigned long *kept, unsigned long *freed)
{
	size_t npages = len / 4096, i, run = 0;
	off_t first = (off_t)((unsigned long)p / 4096 * sizeof(uint64_t));
	uint64_t ent;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0)
		return -1;
	for (i = 0; i <= npages; i++) {
		int keep = 0;

		if (i < npages) {
			unsigned long pfn;

			if (pread(fd, &ent, sizeof(ent),
				  first + (off_t)(i * sizeof(ent))) != sizeof(ent) ||
			    !(ent & PM_PRESENT) || !(ent & PM_PFN_MASK)) {
				close(fd);
				errno = EIO;
				return -1;
			}
			pfn = (unsigned long)(ent & PM_PFN_MASK);
			if (pfn >= FRAG_MAX_PFN) {
				close(fd);
				errno = ERANGE;
				return -1;
			}
			if (!(blocks[pfn / 4 / 8] & (1 << (pfn / 4 % 8)))) {
				blocks[pfn / 4 / 8] |= (unsigned char)(1 << (pfn / 4 % 8));
				keep = 1;
			}
		}
		if (i < npages && !keep) {
			run++;
			continue;
		}
		/* a kept page (or the end) closes the run of pages to free */
		if (run && munmap(p + (i - run) * 4096, run * 4096) < 0) {
			close(fd);
			return -1;
		}
		*freed += run;
		run = 0;
		if (i < npages)
			(*kept)++;
	}
	close(fd);
	return 0;
}

/*
 * -F: lock all memory, take it in 1 MiB steps until MemFree < FREE_MIB,
 * then fragment it
 */
static int take_and_fragment(const char *name, unsigned long free_mib,
			     unsigned char byte)
{
	static unsigned char blocks[FRAG_MAX_PFN / 4 / 8];
	static char *chunks[1 << 16];
	unsigned long n = 0, i, kept = 0, freed = 0;

	if (mlockall(MCL_CURRENT | MCL_FUTURE) < 0) {
		fprintf(stderr, "hog %s: cannot mlockall: %s\n",
			name, strerror(errno));
		return -1;
	}
	while (n < sizeof(chunks) / sizeof(chunks[0]) &&
	       mem_free_mib() >= free_mib) {
		chunks[n] = map_anon(MIB);
		if (!chunks[n])
			break;
		fill(chunks[n++], MIB, byte);
	}
	for (i = 0; i < n; i++)
		if (fragment(chunks[i], MIB, blocks, &kept, &freed) < 0) {
			fprintf(stderr, "hog %s: cannot fragment: %s\n",
				name, strerror(errno));
			return -1;
		}
	printf("hog: took %lu MiB, kept %lu pages, freed %lu; MemFree %lu MiB\n",
	       n, kept, freed, mem_free_mib());
	return 0;
}

/* pipes of 1 MiB until the kernel runs out of memory (or of files) */
static void open_pipes(const char *name)
{
	struct rlimit rl = { 1 << 20, 1 << 20 };
	unsigned long n = 0;
	int fds[2];

	if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
		rl.rlim_cur = rl.rlim_max = 65536;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	for (;;) {
		if (pipe(fds) < 0) {
			fprintf(stderr, "hog %s: %lu pipes, then: %s\n",
				name, n, strerror(errno));
			return;
		}
		if (fcntl(fds[0], F_SETPIPE_SZ, 1 << 20) < 0) {
			/* an order-2 kmalloc fails only for an OOM victim */
			close(fds[0]);
			close(fds[1]);
			usleep(1000);
			continue;
		}
		n++;
	}
}

/* -S: 4 KiB msg_msgs on an unread SysV message queue, forever */
static void queue_messages(const char *name)
{
	static struct { long mtype; char mtext[4096 - 48]; } msg;
	struct msqid_ds ds;
	unsigned long n = 0;
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);

	if (id < 0 || msgctl(id, IPC_STAT, &ds) < 0) {
		fprintf(stderr, "hog %s: no message queue: %s\n",
			name, strerror(errno));
		return;
	}
	ds.msg_qbytes = 0x7fffffffUL;	/* 2^40 read back as 0 */
	if (msgctl(id, IPC_SET, &ds) < 0) {
		fprintf(stderr, "hog %s: cannot raise msg_qbytes: %s\n",
			name, strerror(errno));
		return;
	}
	msg.mtype = 1;
	memset(msg.mtext, 0x5a, sizeof(msg.mtext));
	for (;;) {
		if (msgsnd(id, &msg, sizeof(msg.mtext), IPC_NOWAIT) < 0) {
			/* ENOMEM for an OOM victim, EAGAIN never */
			usleep(1000);
			continue;
		}
		n++;
	}
}

#define GIB (1024UL * MIB)
#define SPARSE_GIB 65536UL	/* one map of 64 TiB (of 128) at a time */

/*
 * -P/-G: a byte in each GiB of anonymous maps: a data page, a PTE page
 * and a PMD page each; GIB of them, or (0) more until the OOM
 */
static int touch_sparse(const char *name, unsigned long gib, unsigned char byte)
{
	unsigned long len, i, done = 0;
	char *p;

	for (;;) {
		len = gib ? gib - done : SPARSE_GIB;
		if (len > SPARSE_GIB)
			len = SPARSE_GIB;
		if (gib && !len)
			return 0;
		p = mmap(NULL, len * GIB, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p == MAP_FAILED) {
			if (!gib) {	/* the address space is used up */
				for (;;)
					pause();
			}
			fprintf(stderr, "hog %s: cannot map %lu GiB: %s\n",
				name, len, strerror(errno));
			return -1;
		}
		madvise(p, len * GIB, MADV_NOHUGEPAGE);
		for (i = 0; i < len; i++)
			p[i * GIB] = (char)byte;
		done += len;
	}
}

/* -W: 64 KiB pipes, each filled and never read, until the OOM */
static void fill_pipes(const char *name)
{
	static char buf[65536];
	struct rlimit rl = { 1 << 20, 1 << 20 };
	int fds[2];

	memset(buf, 0xa5, sizeof(buf));
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
		rl.rlim_cur = rl.rlim_max = 65536;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	for (;;) {
		size_t off = 0;

		if (pipe2(fds, O_NONBLOCK) < 0) {
			/* out of files, or ENOMEM for an OOM victim */
			usleep(1000);
			continue;
		}
		while (off < sizeof(buf)) {
			ssize_t w = write(fds[1], buf + off, sizeof(buf) - off);

			if (w > 0)
				off += (size_t)w;
			else if (w < 0 && errno == EAGAIN)
				break;	/* full */
			else
				usleep(1000);
		}
	}
}

static void *idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int main(int argc, char **argv)
{
	const char *name = "hog", *adj = NULL, *nodes = NULL;
	unsigned long anon = 0, shmem = 0, threads = 0, delay_ms = 0;
	unsigned char byte = (unsigned char)(getpid() | 1);
	int grow = 0, pipes = 0, opt;
	int msgs = 0, sparse_grow = 0, fill_pipe = 0;
	unsigned long sparse = 0;
	unsigned long nodemask = 0, frag_free = 0;
	unsigned long i, grown = 0;
	char *p;

	while ((opt = getopt(argc, argv, "n:a:m:s:t:b:F:pgd:SP:GW")) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 'a': adj = optarg; break;
		case 'm': anon = strtoul(optarg, NULL, 0); break;
		case 's': shmem = strtoul(optarg, NULL, 0); break;
		case 't': threads = strtoul(optarg, NULL, 0); break;
		case 'b': nodes = optarg; break;
		case 'F': frag_free = strtoul(optarg, NULL, 0); break;
		case 'p': pipes = 1; break;
		case 'g': grow = 1; break;
		case 'd': delay_ms = strtoul(optarg, NULL, 0); break;
		case 'S': msgs = 1; break;
		case 'P': sparse = strtoul(optarg, NULL, 0); break;
		case 'G': sparse_grow = 1; break;
		case 'W': fill_pipe = 1; break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();

	prctl(PR_SET_NAME, name, 0, 0, 0);
	if (adj && set_oom_score_adj(adj) < 0) {
		fprintf(stderr, "hog %s: cannot set oom_score_adj %s: %s\n",
			name, adj, strerror(errno));
		return 1;
	}
	if (nodes) {
		nodemask = parse_nodelist(nodes);
		if (!nodemask) {
			fprintf(stderr, "hog %s: cannot parse node list '%s'\n",
				name, nodes);
			return 1;
		}
		if (bind_nodes(nodemask) < 0) {
			fprintf(stderr, "hog %s: cannot bind to nodes %s: %s\n",
				name, nodes, strerror(errno));
			return 1;
		}
	}
	if (anon) {
		p = map_anon(anon * MIB);
		if (!p) {
			fprintf(stderr, "hog %s: cannot map %lu MiB: %s\n",
				name, anon, strerror(errno));
			return 1;
		}
		fill(p, anon * MIB, byte);
	}
	if (shmem) {
		p = map_shmem(shmem * MIB);
		if (!p) {
			fprintf(stderr, "hog %s: cannot map %lu MiB shmem: %s\n",
				name, shmem, strerror(errno));
			return 1;
		}
		fill(p, shmem * MIB, byte);
	}
	if (frag_free && take_and_fragment(name, frag_free, byte) < 0)
		return 1;
	if (sparse && touch_sparse(name, sparse, byte) < 0)
		return 1;
	for (i = 0; i < threads; i++) {
		pthread_t t;

		if (pthread_create(&t, NULL, idle_thread, NULL)) {
			fprintf(stderr, "hog %s: cannot start thread\n", name);
			return 1;
		}
	}
	printf("hog: ready name=%s pid=%d adj=%s anon=%lu shmem=%lu threads=%lu nodes=%s\n",
	       name, getpid(), adj ? adj : "-", anon, shmem, threads,
	       nodes ? nodes : "-");
	fflush(stdout);

	if (pipes)
		open_pipes(name);
	if (msgs)
		queue_messages(name);
	if (sparse_grow)
		touch_sparse(name, 0, byte);
	if (fill_pipe)
		fill_pipes(name);
	while (grow) {
		p = map_anon(MIB);
		if (!p) {
			/* overcommit refused: keep trying, the OOM comes */
			usleep(1000);
			continue;
		}
		fill(p, MIB, byte);
		grown++;
		if (delay_ms)
			usleep((useconds_t)(delay_ms * 1000));
	}
	for (;;)
		pause();
	return 0;
}
