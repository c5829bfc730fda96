# make stress [CH=NN] [STRESS_STEP=K]: kill or fail mydocker at each of its
# system calls (strace's fault injection) and race it against itself;
# nothing may be stranded (stress/stress.sh says what each trial checks).
# make fuzz [CH=NN] [FUZZ_CASES=N]: random command lines and damaged
# records against the SAN=1 build (fuzz/fuzz.sh).
# make stress-ci / fuzz-ci: the bounded parts CI runs (stress/README.md):
# every point of run -d in the kill mode, every 8th of the rest, the races;
# 300 fuzz cases of seed 1, 3 s each at most.
# Both run under selftests/tools/reap-now (built here), two trials at a
# time (STRESS_JOBS, FUZZ_JOBS).

STRESS_CH := $(if $(CH),$(CH),$(NEWEST))
STRESS_CI_STEP ?= 8
FUZZ_CI_CASES ?= 300

.PHONY: stress fuzz stress-ci fuzz-ci
stress: deps
	$(MAKE) $(O)/$(STRESS_CH)/mydocker $(B)/images/busybox.tar $(REAP_NOW)
	REAP_NOW=$(abspath $(REAP_NOW)) \
		stress/stress.sh $(O)/$(STRESS_CH)/mydocker $(B)/images/busybox.tar

fuzz: deps
	$(MAKE) SAN=1 $(B)/san/$(STRESS_CH)/mydocker $(B)/images/busybox.tar
	$(MAKE) $(REAP_NOW)
	REAP_NOW=$(abspath $(REAP_NOW)) \
		fuzz/fuzz.sh $(B)/san/$(STRESS_CH)/mydocker $(B)/images/busybox.tar

stress-ci:
	$(MAKE) stress STRESS_STEP=$${STRESS_STEP:-$(STRESS_CI_STEP)}

fuzz-ci:
	$(MAKE) fuzz FUZZ_CASES=$${FUZZ_CASES:-$(FUZZ_CI_CASES)} \
		FUZZ_SEED=$${FUZZ_SEED:-1} FUZZ_TIMEOUT=$${FUZZ_TIMEOUT:-3}
