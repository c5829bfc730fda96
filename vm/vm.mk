# The VM: the selftests in a Debian 12 guest under QEMU, where namespaces,
# overlayfs and a pure cgroup v2 hierarchy are there for the lab alone
# (vm/README-section.md). Included at the end of the Makefile: it uses B,
# CH, SELECTED, NEWEST, TEST_BINS and the rules for the binaries and the
# busybox image.
#
#   make vm                  build the guest (no root needed; once, ~30 s)
#   make vm-test [CH=NN]     chapter NN's mydocker against the tests of
#                            chapters 0..NN in the guest (all without CH)
#   make grade [CH=NN]       the same, scored: build/grade/results.json
#   make vm-shell [CH=NN]    a shell in the guest (NN's mydocker on PATH)
#   make vm-boot-time [RUNS=5]  the boot to the first TAP line, and the floor

VM_DIR := $(B)/vm
VM_SHELL_CH := $(if $(CH),$(CH),$(NEWEST))
# What the guest runs, built on the host and handed over at each boot.
VM_INPUTS = $(SELECTED:%=$(B)/%/mydocker) $(TEST_BINS) $(B)/images/busybox.tar

.PHONY: vm vm-image vm-test grade vm-shell vm-boot-time vm-unprivileged

# Installs QEMU and the tools if missing (as root), then builds what
# changed: as any user, from Debian's packages (vm/mkguest.sh).
vm: deps
	vm/image.sh $(VM_DIR)

# The same without the package check: a no-op when the guest is up to
# date.
vm-image:
	@vm/image.sh $(VM_DIR)

vm-test: vm-image $(VM_INPUTS)
	BUILD=$(B) vm/run.sh $(SELECTED)

grade: vm-image $(VM_INPUTS)
	BUILD=$(B) vm/grade.sh $(SELECTED)

vm-shell: vm-image $(B)/$(VM_SHELL_CH)/mydocker $(B)/images/busybox.tar
	BUILD=$(B) vm/run.sh --shell $(VM_SHELL_CH)

# The boot to the first TAP line against the floor (vm/boot-time.sh).
vm-boot-time: vm-image $(B)/$(firstword $(CHAPTERS))/mydocker $(TEST_BINS) $(B)/images/busybox.tar
	BUILD=$(B) vm/boot-time.sh $(if $(RUNS),$(RUNS),5)

# make vm as an ordinary user and as root without CAP_SYS_ADMIN (root).
vm-unprivileged:
	vm/unprivileged.sh
