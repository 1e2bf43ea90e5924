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
# busybox), and the oracles of the tests (crash, drgn)
DEBIAN_PACKAGES := gcc make pkg-config libc6-dev libkdumpfile-dev libdw-dev \
	libelf-dev binutils file crash python3-drgn qemu-system-x86 \
	busybox-static kexec-tools makedumpfile kmod cpio xz-utils zstd jq time

KDUMP_CFLAGS = $(shell $(PKG_CONFIG) --cflags libkdumpfile 2>/dev/null)
KDUMP_LIBS = $(shell $(PKG_CONFIG) --libs libkdumpfile 2>/dev/null || echo -lkdumpfile)
DW_CFLAGS = $(shell $(PKG_CONFIG) --cflags libdw 2>/dev/null)
DW_LIBS = $(shell $(PKG_CONFIG) --libs libdw libelf 2>/dev/null || echo -ldw -lelf)

ALL_CFLAGS = -std=gnu11 -D_GNU_SOURCE -fPIC -fvisibility=hidden -MMD -MP \
	$(WARNINGS) $(CFLAGS)

# lib/*.c: the analysis (no backend); lib/backend/: libkdumpfile + libdw
# (the standalone command) and the fake target (the unit tests)
CORE_SRCS := $(wildcard lib/*.c)
BACKEND_SRCS := $(filter-out lib/backend/fake.c,$(wildcard lib/backend/*.c))
CLI_SRCS := $(wildcard cli/*.c)
UNIT_SRCS := $(wildcard tests/unit/test-*.c)
# tests/tools/*.c (but kdump-peek, which needs only libkdumpfile): small
# programs on the real backend that the integration tests drive
TOOL_SRCS := $(filter-out tests/tools/kdump-peek.c,$(wildcard tests/tools/*.c))
TOOL_BINS := $(TOOL_SRCS:.c=)
CORE_OBJS := $(CORE_SRCS:.c=.o)
BACKEND_OBJS := $(BACKEND_SRCS:.c=.o)
CLI_OBJS := $(CLI_SRCS:.c=.o)
UNIT_BINS := $(UNIT_SRCS:.c=)
OBJS := $(CORE_OBJS) $(BACKEND_OBJS) $(CLI_OBJS) lib/backend/fake.o

PROGRAMS := tests/tools/kdump-peek $(UNIT_BINS) $(TOOL_BINS)
ifneq ($(CLI_SRCS),)
PROGRAMS += cli/oomscan
endif

all: $(PROGRAMS)

%.o: %.c
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) $(KDUMP_CFLAGS) $(DW_CFLAGS) -c -o $@ $<

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
	$(QUIET_LINK)$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(KDUMP_LIBS) $(DW_LIBS) -lz

tests/unit/test-%: tests/unit/test-%.o lib/backend/fake.o $(BACKEND_OBJS) lib/liboomscan.a
	$(QUIET_LINK)$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(KDUMP_LIBS) $(DW_LIBS) -lz

tests/tools/%: tests/tools/%.o $(BACKEND_OBJS) lib/liboomscan.a
	$(QUIET_LINK)$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(KDUMP_LIBS) $(DW_LIBS) -lz

tests/tools/kdump-peek: tests/tools/kdump-peek.c
	$(QUIET_CC)$(CC) $(CFLAGS) $(WARNINGS) $(KDUMP_CFLAGS) -o $@ $< $(LDFLAGS) $(KDUMP_LIBS)

-include $(OBJS:.o=.d) $(UNIT_SRCS:.c=.d) $(TOOL_SRCS:.c=.d)

deps:
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

demo: deps all
	@sample-dumps/demo

check: deps all
	@tests/run

dumps: deps
	@sample-dumps/generate-matrix

bench: all
	@tests/bench/run

clean:
	$(RM) $(PROGRAMS) cli/oomscan cli/help.h lib/liboomscan.a $(OBJS) $(OBJS:.o=.d) \
		$(UNIT_SRCS:.c=.o) $(UNIT_SRCS:.c=.d) $(TOOL_BINS) \
		$(TOOL_SRCS:.c=.o) $(TOOL_SRCS:.c=.d)

.PHONY: all deps demo check dumps bench clean
.SECONDARY:
