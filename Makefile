# mydocker-lab: every chapter under chapters/ builds a complete runtime,
# build/<chapter>/mydocker, from its own files plus the newest earlier
# version of each file it does not change (scripts/chapter-tree).

CHAPTERS := $(sort $(notdir $(wildcard chapters/[0-9][0-9]-*)))
NEWEST := $(lastword $(CHAPTERS))
# CH=NN-name narrows build, test and bench to one chapter.
SELECTED := $(if $(CH),$(CH),$(CHAPTERS))
# B holds what every build shares (images, kselftest headers); O the
# objects, binaries and test programs: a SAN=1 build has its own, so that
# switching does not rebuild the other.
B := build
O := $(B)$(if $(filter 1,$(SAN)),/san)

ifneq ($(filter-out $(CHAPTERS),$(SELECTED)),)
$(error CH=$(CH) is not a chapter; the chapters are: $(CHAPTERS))
endif

CC ?= gcc
CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -g
LDFLAGS :=
LDLIBS := -ljansson -lm
ifeq ($(SAN),1)
CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all \
	  -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif

MAKEFLAGS += --no-print-directory

# make V=1 shows the full commands.
ifneq ($(V),1)
Q := @
quiet = @printf '  %-6s %s\n' $(1) $(2);
endif

# Objects depend on the flags, so that SAN=1 and back rebuilds everything.
FLAGS_FILE := $(O)/.flags
$(shell mkdir -p $(O) && echo '$(CC) $(CFLAGS) $(LDFLAGS)' | \
	cmp -s - $(FLAGS_FILE) || echo '$(CC) $(CFLAGS) $(LDFLAGS)' > $(FLAGS_FILE))

# mydocker --version: this and the chapter.
VERSION := 1.0

COMMON_SRCS := $(wildcard common/*.c)
COMMON_OBJS := $(COMMON_SRCS:common/%.c=$(O)/common/%.o)

.PHONY: all deps rootfs test demo bench bench-monitor probe diff try try-test clean headers
all: $(SELECTED:%=$(O)/%/mydocker)

$(O)/common/%.o: common/%.c $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(CFLAGS) -Icommon -MMD -MP -c -o $@ $<

# One set of rules per chapter; $(O)/<ch>/src is its tree of symlinks.
define chapter_rules
$(1)_SRCS := $$(shell scripts/chapter-tree $(1) $(O)/$(1)/src)
# shim.c (from 09-monitor on) is a program of its own, mydocker-shim,
# built beside mydocker whenever mydocker is.
$(1)_SHIM := $$(if $$(filter %/shim.c,$$($(1)_SRCS)),$(O)/$(1)/mydocker-shim)
$(1)_OBJS := $$(patsubst $(O)/$(1)/src/%.c,$(O)/$(1)/obj/%.o,$$(filter-out %/shim.c,$$($(1)_SRCS))) \
	     $(O)/$(1)/obj/gen/commands.o
# The command table: rewritten only when the tree's commands change.
$$(shell mkdir -p $(O)/$(1)/gen && scripts/command-table $(O)/$(1)/src | \
	cmp -s - $(O)/$(1)/gen/commands.c || \
	scripts/command-table $(O)/$(1)/src > $(O)/$(1)/gen/commands.c)

# A chapter whose tree has seccomp.c (10-harden on) links libseccomp.
$(1)_LDLIBS := $$(if $$(filter %/seccomp.c,$$($(1)_SRCS)),-lseccomp)

$(O)/$(1)/mydocker: $$($(1)_OBJS) $(COMMON_OBJS) $$($(1)_SHIM)
	$$(call quiet,LD,$$@)$$(CC) $$(LDFLAGS) -o $$@ $$(filter %.o,$$^) $$(LDLIBS) $$($(1)_LDLIBS)

$(O)/$(1)/mydocker-shim: $(O)/$(1)/obj/shim.o
	$$(call quiet,LD,$$@)$$(CC) $$(LDFLAGS) -o $$@ $$^

$(O)/$(1)/obj/%.o: $(O)/$(1)/src/%.c $(FLAGS_FILE)
	@mkdir -p $$(@D)
	$$(call quiet,CC,$$@)$$(CC) $$(CFLAGS) $$(CHAPTER_FLAGS) -I$(O)/$(1)/src -Icommon -MMD -MP -c -o $$@ $$<
$(O)/$(1)/obj/gen/%.o: $(O)/$(1)/gen/%.c $(FLAGS_FILE)
	@mkdir -p $$(@D)
	$$(call quiet,CC,$$@)$$(CC) $$(CFLAGS) -Icommon -MMD -MP -c -o $$@ $$<
$(O)/$(1)/obj/%.o: CHAPTER_FLAGS := -DMYDOCKER_CHAPTER='"$(1)"' \
	-DMYDOCKER_VERSION='"$(VERSION)"'

-include $$($(1)_OBJS:.o=.d)
endef
$(foreach ch,$(CHAPTERS),$(eval $(call chapter_rules,$(ch))))
-include $(COMMON_OBJS:.o=.d)

# ---- set-up: packages, the kselftest harness, the images ----

deps:
	@scripts/deps.sh

KSELFTEST := $(B)/kselftest/kselftest_harness.h
headers: $(KSELFTEST)
$(KSELFTEST):
	scripts/kselftest-headers.sh $(B)/kselftest

IMAGE ?= busybox
rootfs: $(B)/images/$(IMAGE).tar
$(B)/images/busybox.tar: rootfs/busybox.sh
	rootfs/busybox.sh $@
$(B)/images/debian.tar: rootfs/debian.sh
	rootfs/debian.sh $@

# ---- selftests: one program per chapter, run against later chapters ----

include selftests/selftests.mk

# A *_probe.c is a helper that a chapter's tests bind into a container:
# static, since an image has no C library, and built with its tests.
PROBE_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -static
TEST_PROBES := $(patsubst selftests/%.c,$(O)/selftests/%,$(wildcard selftests/[0-9]*/*_probe.c))
$(O)/selftests/%_probe: selftests/%_probe.c $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(PROBE_CFLAGS) -o $@ $<
$(foreach p,$(TEST_PROBES),$(eval $(filter $(dir $(p))%,$(TEST_BINS)): | $(p)))
TEST_BINS += $(TEST_PROBES)


# The tests of chapter N run against every chapter >= N; REAP=now runs
# them under selftests/tools/reap-now.
test: deps
	$(MAKE) all $(TEST_BINS) $(TEST_TOOLS) $(B)/images/busybox.tar
	BUILD=$(O) MYDOCKER_IMAGE=$(abspath $(B)/images/busybox.tar) $(TEST_ENV) \
		selftests/run.sh $(SELECTED)

# ---- for readers ----

demo: deps
	$(MAKE) $(O)/$(NEWEST)/mydocker $(B)/images/busybox.tar
	scripts/demo.sh $(O)/$(NEWEST)/mydocker $(B)/images/busybox.tar

# Times run in every chapter (CH= narrows) and the newest one's other
# commands, each against its floor or peer (bench/bench.sh);
# BENCH_RUNS=3 is a quick smoke run.
bench: deps
	$(MAKE) all $(B)/images/busybox.tar
	bench/bench.sh $(O) $(B)/images/busybox.tar $(SELECTED)

# 10-harden's probe table: CH's binary (default 08-env and 10-harden) beside runc's.
probe: deps
	$(MAKE) $(if $(CH),$(O)/$(CH)/mydocker,$(O)/08-env/mydocker $(O)/10-harden/mydocker) \
		$(TEST_PROBES) $(B)/images/busybox.tar
	BUILD=$(O) chapters/10-harden/probe.sh $(CH)

# A shell with fresh roots holding the image, for a chapter README's
# "Try it" block; try-test runs every chapter's block (scripts/try).
try: deps
	@test -n "$(CH)" || { echo "usage: make try CH=<chapter>" >&2; exit 2; }
	$(MAKE) $(O)/$(CH)/mydocker $(B)/images/busybox.tar
	BUILD=$(O) MYDOCKER_IMAGE=$(abspath $(B)/images/busybox.tar) scripts/try $(CH)

try-test: deps
	$(MAKE) all $(B)/images/busybox.tar
	BUILD=$(O) MYDOCKER_IMAGE=$(abspath $(B)/images/busybox.tar) scripts/try --test $(SELECTED)

# 09-monitor's run -d against 08-env's, and its monitor's memory.
bench-monitor: deps
	$(MAKE) $(O)/09-monitor/mydocker $(O)/08-env/mydocker $(B)/images/busybox.tar
	bench/monitor.sh $(O)/09-monitor/mydocker $(O)/08-env/mydocker $(B)/images/busybox.tar

diff:
	@test -n "$(CH)" || { echo "usage: make diff CH=<chapter>" >&2; exit 2; }
	@scripts/chapter-diff $(CH)

clean:
	rm -rf $(B)

include slides/slides.mk
include vm/vm.mk
include exercises/exercises.mk
include mutants/mutants.mk
include vm/autograder/autograder.mk
include stress/stress.mk
