# The selftests: one or more kselftest programs per chapter
# (selftests/NN-name/*_test.c), each linked with selftests/lib, run by
# selftests/run.sh against every later chapter. Included by the Makefile,
# which gives B, O, CC, CFLAGS, LDFLAGS, LDLIBS, FLAGS_FILE and KSELFTEST.
# vm/vm.mk and exercises/exercises.mk use TEST_BINS.

TEST_LIB := $(wildcard selftests/lib/*.c)
TEST_HDRS := $(wildcard selftests/lib/*.h)
TEST_SRCS := $(wildcard selftests/[0-9]*/*_test.c)
TEST_BINS := $(TEST_SRCS:selftests/%.c=$(O)/selftests/%)
TH_LOG_CHECK := selftests/tools/th-log-check

# A test with a misplaced TH_LOG() does not build: see th-log-check.
$(O)/selftests/%: selftests/%.c $(TEST_LIB) $(TEST_HDRS) $(TH_LOG_CHECK) \
		  $(KSELFTEST) $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(Q)$(TH_LOG_CHECK) $< $(TEST_HDRS)
	$(call quiet,CC,$@)$(CC) $(CFLAGS) -isystem $(B)/kselftest -Iselftests/lib -o $@ $< $(TEST_LIB) \
		$(LDFLAGS) $(LDLIBS)

# REAP=now: every test program runs under a subreaper that collects
# orphans at once, as the guest's init and systemd do, so that no test
# leans on this host's slow PID 1.
REAP_NOW := $(O)/selftests/tools/reap-now
$(REAP_NOW): selftests/tools/reap-now.c $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(CFLAGS) -o $@ $< $(LDFLAGS)
TEST_TOOLS := $(if $(filter now,$(REAP)),$(REAP_NOW))
TEST_ENV := $(if $(filter now,$(REAP)),REAP_NOW=$(abspath $(REAP_NOW)))
