# oomscan: GNU make.  `make demo` and `make check` are the README's two
# commands; `make dumps` generates the whole matrix of real vmcores.
#
#   make [V=1] [DEVELOPER=1] [SANITIZE=address,undefined]
#   make deps     install the Debian packages oomscan needs (as root), or
#                 print the apt-get line that would
#   make demo     deps, build, and show the bundled 6.1 dump's OOM report
#   make check    deps, build, and run the test suite (tests/run)
#   make dumps    generate every dump in sample-dumps/matrix (cached)
#   make bench    oomscan against crash and a drgn script, time and memory
#   make fuzz     build the libFuzzer targets with clang and run each for
#                 FUZZ_SECONDS (60), or only FUZZ=fuzz-analyze (tests/fuzz/run)
#   make install  cli/oomscan, the man page, oomscan.so for crash and the
#                 apport hook (PREFIX, DESTDIR, CRASH_EXTDIR)
#   make crash-arm64  crash 8.0.2 for arm64 dumps and oomscan.so for it, in
#                 the cache (tests/tools/crash-arm64; CRASH_SRC: crash's source)

PREFIX ?= /usr/local
CC ?= gcc
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
WARNINGS := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ifdef DEVELOPER
WARNINGS += -Werror
endif
ifdef SANITIZE
CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif
ifndef V
QUIET_CC = @echo '  CC      $@';
QUIET_AR = @echo '  AR      $@';
QUIET_LINK = @echo '  LINK    $@';
endif

# Debian 12 packages: build, dump generation (QEMU, kexec, makedumpfile,
# busybox), the oracles of the tests (crash, drgn), and the fuzz targets
# (clang; libFuzzer is libclang-rt-dev's, which clang only recommends),
# the HTML report's browser test (chromium, chromium-driver) and the
# Debian package (debhelper, fakeroot, lintian, bash-completion)
DEBIAN_PACKAGES := gcc make pkg-config libc6-dev libkdumpfile-dev libdw-dev \
	libelf-dev libdebuginfod-dev debuginfod binutils file crash python3-drgn qemu-system-x86 \
	busybox-static kexec-tools makedumpfile kmod cpio xz-utils zstd lz4 bzip2 jq time strace \
	zlib1g-dev libsnappy-dev libzstd-dev clang libclang-rt-dev libbpf-dev \
	qemu-system-arm qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
	chromium chromium-driver debhelper fakeroot lintian bash-completion

KDUMP_CFLAGS = $(shell $(PKG_CONFIG) --cflags libkdumpfile 2>/dev/null)
KDUMP_LIBS = $(shell $(PKG_CONFIG) --libs libkdumpfile 2>/dev/null || echo -lkdumpfile)
DW_CFLAGS = $(shell $(PKG_CONFIG) --cflags libdw 2>/dev/null)
DW_LIBS = $(shell $(PKG_CONFIG) --libs libdw libelf libdebuginfod 2>/dev/null || echo -ldw -lelf -ldebuginfod)
# libbpf: the kernel's BTF (lib/backend/debuginfo/btf.c)
BPF_CFLAGS = $(shell $(PKG_CONFIG) --cflags libbpf 2>/dev/null)
BPF_LIBS = $(shell $(PKG_CONFIG) --libs libbpf 2>/dev/null || echo -lbpf)

# the fuzz targets (tests/fuzz/): clang's libFuzzer, ASan and UBSan, lib/
# and the backend's file decoders (and its BTF and kallsyms readers, with
# the fake target) built again in their own folder
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_DIR := tests/fuzz/build
FUZZ_TARGETS := fuzz-analyze fuzz-kreport fuzz-apport fuzz-flat fuzz-btf \
	fuzz-kallsyms
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
FUZZ_CFLAGS = -std=gnu11 -D_GNU_SOURCE -MMD -MP -g -O1 $(WARNINGS) \
	$(FUZZ_SAN) -fsanitize=fuzzer-no-link

ALL_CFLAGS = -std=gnu11 -D_GNU_SOURCE -fPIC -fvisibility=hidden -MMD -MP \
	$(WARNINGS) $(CFLAGS)

# lib/: the pipeline (analyze.c, target.c, error.c) and its rooms, model/,
# collect/, analysis/, report/ and front/ (docs/design.md); lib/backend/:
# dump/ (libkdumpfile) and debuginfo/ (libdw, libbpf) for the standalone
# command, and fake.c, the unit tests' target
CORE_SRCS := $(wildcard lib/*.c lib/model/*.c lib/collect/*.c lib/analysis/*.c \
	lib/report/*.c lib/front/*.c)
BACKEND_SRCS := $(wildcard lib/backend/dump/*.c lib/backend/debuginfo/*.c)
CLI_SRCS := $(wildcard cli/*.c)
UNIT_SRCS := $(wildcard tests/unit/test-*.c)
# tests/tools/*.c (but kdump-peek, which needs only libkdumpfile, and
# recompress, which needs only zlib, snappy and zstd): small programs on the
# real backend that the integration tests drive
STANDALONE_TOOLS := tests/tools/kdump-peek tests/tools/recompress
TOOL_SRCS := $(filter-out $(STANDALONE_TOOLS:=.c),$(wildcard tests/tools/*.c))
TOOL_BINS := $(TOOL_SRCS:.c=)
# tests/fuzz/snapshot: records what an analysis of a real dump asks, for
# the replay target (tests/fuzz/replay.c) that the fuzz targets run on
FUZZ_TOOL_OBJS := tests/fuzz/snapshot.o tests/fuzz/replay.o
# tests/fuzz/ablate: page ablation on a snapshot (tests/ablation.test); the
# collectors, and the calls inside them that tell shared data from a
# process's own, are wrapped at link time so that it knows which part of
# the model each read is for (ablate.c)
ABLATE_OBJS := tests/fuzz/ablate.o tests/fuzz/replay.o
ABLATE_WRAP := oms_sysctl_collect oms_meminfo_collect oms_zones_collect \
	oms_current_collect oms_tasks_collect oms_allocation_collect \
	oms_slab_collect \
	oms_printk_read oms_online_nodes \
	oms_percpu_init oms_memcg_reader_create oms_memcg_of_task \
	oms_pid_leaders
CORE_OBJS := $(CORE_SRCS:.c=.o)
BACKEND_OBJS := $(BACKEND_SRCS:.c=.o)
CLI_OBJS := $(CLI_SRCS:.c=.o)
UNIT_BINS := $(UNIT_SRCS:.c=)
OBJS := $(CORE_OBJS) $(BACKEND_OBJS) $(CLI_OBJS) lib/backend/fake.o

PROGRAMS := $(STANDALONE_TOOLS) $(UNIT_BINS) $(TOOL_BINS) tests/fuzz/snapshot \
	tests/fuzz/ablate
ifneq ($(CLI_SRCS),)
PROGRAMS += cli/oomscan
endif

# extension/oomscan.so, crash's `oomscan` command: lib/'s objects with crash as
# the target (no lib/backend/), built against crash's defs.h, which needs
# the -D of crash's TARGET.  Looked for when make reads this file: `make
# demo` and `make check` build in a second make after `make deps`, so that
# the defs.h that deps installs is found (CRASH_SYSDIR: where the crash
# package puts it)
CRASH_SYSDIR ?= /usr/include/crash
CRASH_DEFS := $(firstword $(wildcard $(addsuffix /defs.h,$(CRASH_DIR) $(CRASH_SYSDIR))))
CRASH_TARGET ?= $(shell uname -m | sed -e 's/^x86_64$$/X86_64/' -e 's/^aarch64$$/ARM64/' \
	-e 's/^i[3-6]86$$/X86/' -e 's/^ppc64.*/PPC64/' -e 's/^s390x$$/S390X/' -e 's/^riscv64$$/RISCV64/')
CRASH_EXTDIR ?= /usr/lib/crash/extensions
EXT_SRCS := $(wildcard extension/*.c)
EXT_OBJS := $(EXT_SRCS:.c=.o)
ifneq ($(CRASH_DEFS),)
PROGRAMS += extension/oomscan.so
endif

all: $(PROGRAMS)
ifeq ($(CRASH_DEFS),)
all: extension-skipped
extension-skipped:
	@echo '  SKIP    extension/oomscan.so: no defs.h in CRASH_DIR or $(CRASH_SYSDIR) (Debian: crash)'
endif

%.o: %.c
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) $(KDUMP_CFLAGS) $(DW_CFLAGS) $(BPF_CFLAGS) -c -o $@ $<

lib/liboomscan.a: $(CORE_OBJS)
	@$(RM) $@
	$(QUIET_AR)$(AR) rcs $@ $^

# the help text comes from the man page, the single source
cli/help.h: docs/oomscan.1 docs/man2help
	@echo '  GEN     $@'
	@{ echo '/* generated from docs/oomscan.1 by docs/man2help */'; \
	   echo 'static const char *const oms_help_lines[] = {'; \
	   awk -v c=1 -f docs/man2help docs/oomscan.1; echo '};'; } > $@.tmp && mv $@.tmp $@

cli/oomscan.o: cli/help.h

cli/oomscan: $(CLI_OBJS) $(BACKEND_OBJS) lib/liboomscan.a
	$(QUIET_LINK)$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(KDUMP_LIBS) $(DW_LIBS) $(BPF_LIBS) -lz

tests/unit/test-%: tests/unit/test-%.o lib/backend/fake.o $(BACKEND_OBJS) lib/liboomscan.a
	$(QUIET_LINK)$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(KDUMP_LIBS) $(DW_LIBS) $(BPF_LIBS) -lz

tests/tools/%: tests/tools/%.o $(BACKEND_OBJS) lib/liboomscan.a
	$(QUIET_LINK)$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(KDUMP_LIBS) $(DW_LIBS) $(BPF_LIBS) -lz

tests/fuzz/snapshot: $(FUZZ_TOOL_OBJS) $(BACKEND_OBJS) lib/liboomscan.a
	$(QUIET_LINK)$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(KDUMP_LIBS) $(DW_LIBS) $(BPF_LIBS) -lz

tests/fuzz/ablate: $(ABLATE_OBJS) lib/liboomscan.a
	$(QUIET_LINK)$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(ABLATE_WRAP:%=-Wl,--wrap=%) -lz

tests/tools/kdump-peek: tests/tools/kdump-peek.c
	$(QUIET_CC)$(CC) $(CFLAGS) $(WARNINGS) $(KDUMP_CFLAGS) -o $@ $< $(LDFLAGS) $(KDUMP_LIBS)

# a kdump-compressed dump with its pages compressed another way (the tests
# of snappy and zstd pages, which Debian 12's makedumpfile cannot write)
tests/tools/recompress: tests/tools/recompress.c
	$(QUIET_CC)$(CC) -std=gnu11 -D_GNU_SOURCE $(CFLAGS) $(WARNINGS) -o $@ $< $(LDFLAGS) -lz -lsnappy -lzstd

# make fuzz: clang with libFuzzer, or a clear word and an error
fuzz-build:
	@printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' | \
		$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -x c -o $(FUZZ_DIR).probe - \
		> /dev/null 2>&1 || { rm -f $(FUZZ_DIR).probe; \
		echo "make fuzz: needs clang with libFuzzer ('$(FUZZ_CC) -fsanitize=fuzzer' fails; Debian: clang libclang-rt-dev, see make deps)"; \
		exit 1; }
	@rm -f $(FUZZ_DIR).probe
	@$(MAKE) --no-print-directory $(if $(V),,-s) $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)

fuzz: all fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run $(FUZZ)

FUZZ_LIB_OBJS := $(patsubst %.c,$(FUZZ_DIR)/%.o,$(CORE_SRCS) \
	lib/backend/dump/apport.c lib/backend/dump/flat.c \
	lib/backend/debuginfo/btf.c lib/backend/debuginfo/kallsyms.c \
	lib/backend/debuginfo/spelling.c lib/backend/fake.c)
FUZZ_OBJS := $(FUZZ_LIB_OBJS) $(FUZZ_TARGETS:%=$(FUZZ_DIR)/tests/fuzz/%.o) \
	$(FUZZ_DIR)/tests/fuzz/replay.o

$(FUZZ_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/liboomscan.a: $(FUZZ_LIB_OBJS)
	@$(RM) $@
	$(QUIET_AR)$(AR) rcs $@ $^

$(FUZZ_DIR)/fuzz-analyze: $(FUZZ_DIR)/tests/fuzz/replay.o
$(FUZZ_DIR)/fuzz-%: $(FUZZ_DIR)/tests/fuzz/fuzz-%.o $(FUZZ_DIR)/liboomscan.a
	$(QUIET_LINK)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(BPF_LIBS) -lz

extension/%.o: extension/%.c
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -D$(CRASH_TARGET) -isystem $(dir $(CRASH_DEFS)) -c -o $@ $<

# `crash> help oomscan` is the man page too
extension/help.h: docs/oomscan.1 docs/man2help extension/help.awk
	@echo '  GEN     $@'
	@awk -f docs/man2help docs/oomscan.1 | awk -f extension/help.awk > $@.tmp && mv $@.tmp $@

extension/oomscan.o: extension/help.h

extension/oomscan.so: $(EXT_OBJS) lib/liboomscan.a
	$(QUIET_LINK)$(CC) $(CFLAGS) -shared -o $@ $^ $(LDFLAGS)

# oomscan.so for a crash of another TARGET (make EXT_OUT=DIR CRASH_DIR=...
# CRASH_TARGET=ARM64 DIR/oomscan.so, as tests/tools/crash-arm64 does): the
# same sources, their objects in EXT_OUT, lib/ as it is (it includes no
# defs.h)
ifdef EXT_OUT
$(EXT_OUT)/%.o: extension/%.c extension/help.h
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -D$(CRASH_TARGET) -isystem $(dir $(CRASH_DEFS)) -c -o $@ $<

$(EXT_OUT)/oomscan.so: $(EXT_SRCS:extension/%.c=$(EXT_OUT)/%.o) lib/liboomscan.a
	$(QUIET_LINK)$(CC) $(CFLAGS) -shared -o $@ $^ $(LDFLAGS)

-include $(EXT_SRCS:extension/%.c=$(EXT_OUT)/%.d)
endif

# crash for arm64 dumps on this host, and oomscan.so for it, in the cache
crash-arm64:
	@tests/tools/crash-arm64

-include $(OBJS:.o=.d) $(UNIT_SRCS:.c=.d) $(TOOL_SRCS:.c=.d) $(EXT_SRCS:.c=.d) \
	$(FUZZ_TOOL_OBJS:.o=.d) $(ABLATE_OBJS:.o=.d) $(wildcard $(FUZZ_OBJS:.o=.d))

# deps also makes apt know arm64 packages (dpkg --add-architecture): the
# arm64 dumps' kernels and guest userland are downloaded from them
deps:
	@if ! dpkg --print-foreign-architectures | grep -qx arm64; then \
		if [ "$$(id -u)" != 0 ]; then \
			echo "the arm64 dumps need apt to know arm64 packages; as root run:"; \
			echo "  dpkg --add-architecture arm64 && apt-get update"; \
		else \
			echo "adding the arm64 architecture to apt (the arm64 dumps' packages)"; \
			dpkg --add-architecture arm64 && apt-get update -q > /dev/null || exit 1; \
		fi; \
	fi
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f '$${db:Status-Abbrev}' $$p 2>/dev/null | grep -q '^ii' || echo $$p; \
	done | tr '\n' ' '); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
		echo "oomscan needs these Debian packages; as root run:"; \
		echo "  apt-get update && apt-get install -y $$missing"; \
		exit 1; \
	fi; \
	echo "installing $$missing"; \
	apt-get update -q && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing

# after deps, in a new make: this one looked for defs.h before deps ran
# (and with -j, all would build beside deps, not after it)
demo: deps
	@$(MAKE) --no-print-directory all
	@sample-dumps/demo

check: deps
	@$(MAKE) --no-print-directory all
	@tests/run

dumps: deps
	@sample-dumps/generate-matrix

bench: all
	@tests/bench/run

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 cli/oomscan $(DESTDIR)$(PREFIX)/bin/oomscan
	install -m 644 docs/oomscan.1 $(DESTDIR)$(PREFIX)/share/man/man1/oomscan.1
	install -d $(DESTDIR)/usr/share/apport/general-hooks
	install -m 644 cli/apport/oomscan.py $(DESTDIR)/usr/share/apport/general-hooks/oomscan.py
ifneq ($(CRASH_DEFS),)
	install -d $(DESTDIR)$(CRASH_EXTDIR)
	install -m 644 extension/oomscan.so $(DESTDIR)$(CRASH_EXTDIR)/oomscan.so
endif

clean:
	$(RM) $(PROGRAMS) cli/oomscan cli/help.h lib/liboomscan.a $(OBJS) $(OBJS:.o=.d) \
		$(UNIT_SRCS:.c=.o) $(UNIT_SRCS:.c=.d) $(TOOL_BINS) \
		$(TOOL_SRCS:.c=.o) $(TOOL_SRCS:.c=.d) \
		$(FUZZ_TOOL_OBJS) $(FUZZ_TOOL_OBJS:.o=.d) $(ABLATE_OBJS) $(ABLATE_OBJS:.o=.d) \
		extension/oomscan.so extension/help.h $(EXT_OBJS) $(EXT_OBJS:.o=.d)
	$(RM) -r $(FUZZ_DIR)

.PHONY: all deps demo check dumps bench install clean extension-skipped \
	fuzz fuzz-build crash-arm64
.SECONDARY:
