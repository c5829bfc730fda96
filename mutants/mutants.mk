# make mutants [CH=NN-name]: apply each lesson mutant (mutants/NN-name/
# *.mutant) to a scratch copy of its chapter, build it and run the
# chapter's own tests against it; see mutants/README.md. Included by the
# Makefile, which gives SELECTED, O, B, CC, CFLAGS, LDFLAGS, LDLIBS.

# REAP=now: the test programs run under the selftests' subreaper.
# JOBS=N: N mutants at once (default 1).
MUTANT_REAPER := $(O)/selftests/tools/reap-now
MUTANT_WRAP ?= $(if $(filter now,$(REAP)),$(abspath $(MUTANT_REAPER)))

.PHONY: mutants
mutants: deps
	$(MAKE) $(SELECTED:%=$(O)/%/mydocker) \
		$(foreach ch,$(SELECTED),$(filter $(O)/selftests/$(ch)/%,$(TEST_BINS))) \
		$(B)/images/busybox.tar $(if $(MUTANT_WRAP),$(MUTANT_REAPER))
	BUILD=$(O) MYDOCKER_IMAGE=$(abspath $(B)/images/busybox.tar) \
		CC='$(CC)' CFLAGS='$(CFLAGS)' LDFLAGS='$(LDFLAGS)' \
		LDLIBS='$(LDLIBS) $(sort $(foreach ch,$(SELECTED),$($(ch)_LDLIBS)))' MUTANT_WRAP='$(MUTANT_WRAP)' JOBS='$(JOBS)' \
		mutants/run.sh $(SELECTED)
