# exercises/exercises.mk: the exercises made from the chapters (see
# exercises/README.md). Included at the end of the Makefile: it uses its
# B, O, SELECTED, TEST_BINS and the rules for binaries, tests and images.
#
#   make handout [CH=NN-name]   build/handout/NN-name/, a lab tree with that
#                               chapter's exercise regions stubbed, and
#                               build/handout/NN-name.tar.gz; every chapter
#                               without CH
#   make check CH=NN-name       the self-study loop: build the chapter, run
#                               only its tests, show the failing checks'
#                               messages and the hints of their exercises
#   make handout-test [CH=...]  check every handout: it compiles, the earlier
#                               chapters' tests pass against it, each of its
#                               exercises fails a test of its own chapter, and
#                               the solution passes them all; JOBS=N checks
#                               N chapters at once

HANDOUT := $(B)/handout

.PHONY: handout check handout-test

handout:
	$(Q)for ch in $(SELECTED); do \
		scripts/handout $$ch $(HANDOUT)/$$ch && \
		tar -C $(HANDOUT) --owner=0 --group=0 --numeric-owner \
			-czf $(HANDOUT)/$$ch.tar.gz $$ch && \
		echo "handout: $(HANDOUT)/$$ch.tar.gz" || exit 1; \
	done

# The inner loop builds in parallel: the chapter's objects and its test
# program are half of its time from a clean build.
CHECK_JOBS ?= $(shell nproc 2>/dev/null || echo 2)

check: deps
	@test -n "$(CH)" || { echo "usage: make check CH=<chapter>; the chapters are: $(CHAPTERS)" >&2; exit 2; }
	$(Q)$(MAKE) -s -j$(CHECK_JOBS) $(O)/$(CH)/mydocker $(filter $(O)/selftests/$(CH)/%,$(TEST_BINS)) \
		$(B)/images/busybox.tar
	$(Q)exercises/check.sh $(CH) $(O)/$(CH)/mydocker $(B)/images/busybox.tar \
		$(O)/selftests/$(CH)

handout-test: deps
	$(Q)$(MAKE) all $(TEST_BINS) $(B)/images/busybox.tar
	BUILD=$(O) KSELFTEST_DIR=$(dir $(KSELFTEST)) \
		MYDOCKER_IMAGE=$(abspath $(B)/images/busybox.tar) \
		JOBS=$(JOBS) exercises/check-handouts.sh $(SELECTED)
