# vm/score.awk: the scoring of vm/grade.sh, on its own.
#
#   awk -F'\t' -f vm/score.awk -v chapters="08-env" -v json=FILE \
#       [-v vm_note=TEXT] [-v visible="PATTERN..."] [-v hidden=VISIBILITY] \
#       [-v seconds=N] [-v max_output=BYTES] EXPECTED POINTS LOG
#
# Reads the tests that should have run (EXPECTED: chapter, program, name
# a line, from vm/list-tests.sh), the points file (selftests/points.txt),
# then the guest's log; writes the table on stdout, the failed tests with
# what they printed on stderr, and Gradescope's results.json to FILE.
# Exits 0 at full score, 1 below it, 2 for a bad points file.
#
# A test that did not report (a crash, a hang, a guest that died) scores 0
# with what its program printed outside its tests and vm_note. visible:
# patterns (shell globs over CHAPTER/TEST) of the tests a student sees
# before the deadline; the others get the visibility "hidden" names
# (default after_published). A test's output is cut to max_output bytes.

function jstr(s) {
	gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s)
	gsub(/\t/, "\\t", s); gsub(/\r/, "", s); gsub(/\n/, "\\n", s)
	gsub(/[\001-\037]/, "", s)
	return "\"" s "\""
}
# A pattern (shell glob: * ?) as an anchored regular expression.
function glob_re(g,    re, i, c) {
	re = "^"
	for (i = 1; i <= length(g); i++) {
		c = substr(g, i, 1)
		if (c == "*") re = re ".*"
		else if (c == "?") re = re "."
		else if (index("\\^$.[]|()+{}", c)) re = re "\\" c
		else re = re c
	}
	return re "$"
}
function points_of(id,    i) {
	for (i = 1; i <= npat; i++)
		if (id ~ pat_re[i]) { pat_used[i] = 1; return pat_pts[i] }
	return 1
}
function visibility_of(id,    i) {
	for (i = 1; i <= nvis; i++)
		if (id ~ vis_re[i]) return "visible"
	return hidden
}
function cut(s) {
	if (length(s) <= max_output) return s
	return substr(s, 1, max_output) "\n[... output cut at " max_output " bytes ...]"
}
BEGIN {
	if (hidden == "") hidden = "after_published"
	if (visible == "") visible = "*"
	if (max_output == "") max_output = 8192
	nvis = split(visible, vis, /[ \t]+/)
	for (i = 1; i <= nvis; i++) vis_re[i] = glob_re(vis[i])
}
FILENAME == ARGV[1] {                   # expected: chapter, program, name
	nexp++; exp_ch[nexp] = $1; exp_prog[nexp] = $2; exp_name[nexp] = $3
	next
}
FILENAME == ARGV[2] {                   # points: CHAPTER/TEST POINTS
	line = $0; sub(/#.*/, "", line)
	sub(/^[ \t]+/, "", line); sub(/[ \t]+$/, "", line)
	if (line == "") next
	n = split(line, w, /[ \t]+/)
	if (n != 2 || w[2] !~ /^[0-9]+$/ || w[1] !~ /\//) {
		printf "grade: %s:%d: want \"CHAPTER/TEST POINTS\", got \"%s\"\n", FILENAME, FNR, $0 > "/dev/stderr"
		bad = 1; next
	}
	npat++; pat_re[npat] = glob_re(w[1]); pat_pts[npat] = w[2]
	pat_text[npat] = w[1]; pat_line[npat] = FNR
	next
}
# The log. A section per test program: "# ==== BIN/mydocker: CH/PROG ===="
/^# ==== [^ ]+\/mydocker: [^ ]+ ====$/ {
	bin = $0; sub(/^# ==== /, "", bin); sub(/\/mydocker: .*/, "", bin)
	tp = $0; sub(/^.*\/mydocker: /, "", tp); sub(/ ====$/, "", tp)
	sect = bin SUBSEP tp; intest = 0
	next
}
# run.sh about a chapter it could not test: "# 08-env: no binary ..."
/^# [0-9][0-9]-[^ ]*: / && !intest {
	c = $0; sub(/^# /, "", c); sub(/:.*/, "", c)
	bin_note[c] = bin_note[c] "\n" $0
	next
}
/^#  RUN  / { intest = 1; buf = $0 "\n"; next }
/^(not )?ok [0-9]+ / && sect != "" {
	line = $0; st = "passed"
	if (line ~ /^not ok/) { st = "failed"; sub(/^not ok [0-9]+ /, "", line) }
	else sub(/^ok [0-9]+ /, "", line)
	name = line; sub(/ .*/, "", name)
	if (line ~ /# SKIP/) st = "skipped"
	res[sect, name] = st; res_out[sect, name] = buf $0
	intest = 0; buf = ""
	next
}
intest { if (length(buf) < 4 * max_output) buf = buf $0 "\n"; next }
# What a program printed outside its tests (a crash, the verdict of run.sh),
# less the bookkeeping of the harness: shown for tests without a result.
sect != "" && !/^(TAP version|1\.\.[0-9]|# (Starting|PASSED|FAILED|Totals))/ {
	if (length(sect_note[sect]) < max_output) sect_note[sect] = sect_note[sect] "\n" $0
}
END {
	if (bad) exit 2
	nch = split(chapters, chs, " ")
	total = 0; max = 0; ntests = 0; nfail = 0
	printf "{\"tests\": [" > json
	for (c = 1; c <= nch; c++) {
		b = chs[c]; cs = 0; cm = 0; prev = ""; num = 0
		printf "\n== %s: build/%s/mydocker, tests of chapters up to %s ==\n", b, b, b
		for (i = 1; i <= nexp; i++) {
			if (exp_ch[i] > b) continue
			tp = exp_ch[i] "/" exp_prog[i]
			if (tp != prev) { printf "  %s\n", tp; prev = tp }
			id = exp_ch[i] "/" exp_name[i]
			pts = points_of(id)
			key = b SUBSEP tp SUBSEP exp_name[i]
			st = (key in res) ? res[key] : "missing"
			got = (st == "passed") ? pts : 0
			if (st == "missing") {
				o = "no result: the test program did not report this test." \
				    sect_note[b, tp] bin_note[b]
				if (vm_note != "") o = o "\n" vm_note
			} else o = res_out[key]
			o = cut(o)
			if (st != "passed") {
				nfail++
				# Concatenation, not sprintf: mawk's sprintf stops at 8 KB.
				fails = fails "\n---- " b ": " tp " " exp_name[i] " (" st ") ----\n" o "\n"
			}
			label = (st == "passed") ? "PASS" : (st == "skipped") ? "SKIP" : (st == "missing") ? "NONE" : "FAIL"
			printf "    %s %3d/%-3d %s\n", label, got, pts, exp_name[i]
			cs += got; cm += pts
			printf "%s\n  {\"name\": %s, \"number\": %s, \"score\": %d, \"max_score\": %d, \"status\": %s, \"visibility\": %s, \"output\": %s}", \
				(ntests++ ? "," : ""), jstr(b ": " id), jstr(c "." (++num)), got, pts, \
				jstr(st == "passed" ? "passed" : "failed"), jstr(visibility_of(id)), jstr(o) > json
		}
		printf "  %s: %d/%d\n", b, cs, cm
		sum_out = sum_out b ": " cs "/" cm "\n"
		total += cs; max += cm
	}
	for (i = 1; i <= npat; i++)
		if (!pat_used[i])
			printf "grade: %s:%d: \"%s\" matches no test that ran\n", ARGV[2], pat_line[i], pat_text[i] > "/dev/stderr"
	if (fails != "")
		printf "\nFailed tests (%d), with what they printed:%s", nfail, fails > "/dev/stderr"
	if (vm_note != "") sum_out = sum_out vm_note "\n"
	printf "\n],\n\"score\": %d,\n\"execution_time\": %d,\n\"output\": %s}\n", \
		total, seconds + 0, jstr(sum_out "Score: " total "/" max "\n") > json
	printf "\nScore: %d/%d\n", total, max
	exit (total == max && max > 0) ? 0 : 1
}
