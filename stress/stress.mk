# make stress [CH=NN] [STRESS_STEP=K]: kill or fail mydocker at each of its
# system calls (strace's fault injection) and race it against itself;
# nothing may be stranded (stress/stress.sh says what each trial checks).
# make fuzz [CH=NN] [FUZZ_CASES=N]: random command lines and damaged
# records against the SAN=1 build (fuzz/fuzz.sh).

STRESS_CH := $(if $(CH),$(CH),$(NEWEST))

.PHONY: stress fuzz
stress: deps
	$(MAKE) $(O)/$(STRESS_CH)/mydocker $(B)/images/busybox.tar
	stress/stress.sh $(O)/$(STRESS_CH)/mydocker $(B)/images/busybox.tar

fuzz: deps
	$(MAKE) SAN=1 $(B)/san/$(STRESS_CH)/mydocker $(B)/images/busybox.tar
	fuzz/fuzz.sh $(B)/san/$(STRESS_CH)/mydocker $(B)/images/busybox.tar
