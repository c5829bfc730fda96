# The autograder (vm/autograder/): one assignment packaged for Gradescope,
# its test on a fresh Debian 12 root, and a whole class graded locally.
# Included from the Makefile; uses B, KSELFTEST and the images' rules.
#
#   make autograder [ASSIGNMENT=FILE]   build/autograder/gradescope.zip
#   make autograder-test [CASES="..."]  setup.sh and run_autograder on a
#                                       debootstrapped root (as root)
#   make grade-class SUBMISSIONS=DIR [JOBS=N]   every submission in DIR
#   make grade-class-test [JOBS=2]   grade-class on six test cases, checked

ASSIGNMENT ?= vm/autograder/assignment.conf
AUTOGRADER := $(B)/autograder

.PHONY: autograder autograder-test grade-class grade-class-test

autograder: $(KSELFTEST)
	vm/autograder/package.sh $(ASSIGNMENT) $(AUTOGRADER)

autograder-test: autograder
	vm/autograder/test.sh $(AUTOGRADER) $(CASES)

grade-class: autograder
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade-class SUBMISSIONS=DIR [JOBS=N]" >&2; exit 2; }
	vm/autograder/class.sh $(AUTOGRADER)/gradescope $(SUBMISSIONS) $(if $(JOBS),$(JOBS),1)

# grade-class on the six cases of vm/autograder/cases.sh, checked.
grade-class-test: autograder
	vm/autograder/class-test.sh $(AUTOGRADER)/gradescope $(B)/grade-class-test $(if $(JOBS),$(JOBS),2)
