# tap.awk: a kselftest program's TAP output, as a student wants to read it
# (POSIX awk; for make check). One line per test as it ends; under a
# failed one, its messages (TH_LOG, or the failed assertion when it has
# none) and where in the test it failed. Everything else is dropped.

function flush_out() { fflush() }

# "# selftests/01-detach/detach_test.c:186:exec_not_found_127:TEXT"
/^# [^ :]+:[0-9]+:[A-Za-z0-9_]+:/ {
	match($0, /^# [^ :]+:[0-9]+:[A-Za-z0-9_]+:/)
	where = substr($0, 3, RLENGTH - 3)
	text = substr($0, RLENGTH + 1)
	sub(/:[A-Za-z0-9_]+$/, "", where)	# file:line
	if (first_where == "")
		first_where = where
	if (text ~ /^Expected /)
		asserts = asserts "\n        " text
	else
		msgs = msgs "\n        " text
	next
}

#  "#  RUN           lab.name ..."
/^#  RUN / { msgs = ""; asserts = ""; first_where = ""; next }

# "# name: Test terminated by timeout", and the like
/^# [A-Za-z0-9_]+: / {
	if ($0 !~ /terminated by assertion/ && $0 !~ /Test failed at step/) {
		text = $0
		sub(/^# [A-Za-z0-9_]+: /, "", text)
		msgs = msgs "\n        " text
	}
	next
}

/^(not )?ok [0-9]+ / {
	bad = $0 ~ /^not ok/
	name = $0
	sub(/^(not )?ok [0-9]+ /, "", name)
	reason = ""
	if (name ~ / # /) {
		reason = substr(name, index(name, " # ") + 3)
		name = substr(name, 1, index(name, " # ") - 1)
	}
	sub(/^[A-Za-z0-9_]+\./, "", name)	# the fixture: lab.
	if (reason ~ /^SKIP/) {
		sub(/^SKIP[ ]*/, "", reason)
		printf "  skip  %s%s\n", name, reason == "" ? "" : ": " reason
	} else if (bad) {
		printf "  FAIL  %s%s", name, msgs != "" ? msgs : asserts
		if (first_where != "")
			printf "\n        (%s)", first_where
		printf "\n"
	} else {
		printf "  ok    %s\n", name
	}
	msgs = ""; asserts = ""; first_where = ""
	flush_out()
	next
}
