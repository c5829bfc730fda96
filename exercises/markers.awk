# markers.awk: the exercise markers of a chapter's sources (POSIX awk).
#
#   /* EXERCISE NAME: task */          begins region NAME (NAME: a-z 0-9 -)
#   /* HINT: hint */                   one or more, right after it
#   /* END EXERCISE NAME */            ends it
#
# -v mode=list FILE...   NAME TAB FILE TAB LINE TAB TASK TAB HINT per region
#                        (several HINT lines joined by a space)
# -v mode=stub FILE      FILE with regions replaced by their stubs, to
#                        stdout; -v only="NAME NAME" ("" or "*": every
#                        region), -v stubdir=exercises/CH, -v tests=the
#                        chapter's test program, for the TESTS line
# -v mode=strip FILE...  the files without their marker lines (for diffs
#                        and excerpts that should show the solution alone)
# -v mode=number FILE... as strip, each line as LINE TAB TEXT, LINE its
#                        number in its file (for excerpts that cite lines)
#
# Markers must pair up, in one file, without nesting; else a message on
# stderr and exit 1.

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	failed = 1
	exit 1
}

function is_begin(s) { return s ~ /^[ \t]*\/\* EXERCISE [a-z0-9-]+: .*\*\/[ \t]*$/ }
function is_hint(s) { return s ~ /^[ \t]*\/\* HINT: .*\*\/[ \t]*$/ }
function is_end(s) { return s ~ /^[ \t]*\/\* END EXERCISE [a-z0-9-]+ \*\/[ \t]*$/ }
# Anything that looks like a marker but is not one of the three forms.
function is_markerish(s) { return s ~ /^[ \t]*\/\* (END )?EXERCISE/ || s ~ /^[ \t]*\/\* HINT:/ }

function commas(s) { gsub(/ +/, ", ", s); return s }
function indent_of(s) { match(s, /^[ \t]*/); return substr(s, 1, RLENGTH) }
function body_of(s) {	# the text between "/* " and " */"
	sub(/^[ \t]*\/\* /, "", s)
	sub(/[ \t]*\*\/[ \t]*$/, "", s)
	return s
}

# "/* TEXT */" at indent @ind, folded at 80 columns (a tab: 8) into
# " * " lines: a long list of tests stays readable in the student's file.
function print_folded(ind, text,   n, i, w, out, width, words) {
	width = 80 - 8 * gsub(/\t/, "\t", ind) - length(ind) - 6
	n = split(text, words, / /)
	out = ""
	for (i = 1; i <= n; i++) {
		w = words[i]
		if (out != "" && length(out) + 1 + length(w) > width) {
			printf "%s%s%s\n", ind, (started ? " * " : "/* "), out
			started = 1
			out = w
		} else
			out = out (out == "" ? "" : " ") w
	}
	printf "%s%s%s */\n", ind, (started ? " * " : "/* "), out
	started = 0
}

function selected(name,   n, i, parts) {
	if (only == "" || only == "*")
		return 1
	n = split(only, parts, /[ ,]+/)
	for (i = 1; i <= n; i++)
		if (parts[i] == name)
			return 1
	return 0
}

# The stub of region @name: its file's lines after "---", and the tests
# named in its header (tests: and may-fail: lines), into stub_text and
# stub_tests.
function read_stub(name,   path, line, body, status) {
	path = stubdir "/" name ".stub"
	stub_text = ""
	stub_tests = ""
	body = 0
	while ((status = (getline line < path)) > 0) {
		if (!body && line ~ /^---[ \t]*$/) {
			body = 1
			continue
		}
		if (body)
			stub_text = stub_text line "\n"
		else if (line ~ /^(tests|may-fail):/) {
			sub(/^(tests|may-fail):[ \t]*/, "", line)
			stub_tests = stub_tests (stub_tests == "" ? "" : " ") line
		}
	}
	if (status < 0)
		fail("exercise '" name "': cannot read its stub " path)
	close(path)
	if (!body)
		fail("exercise '" name "': its stub " path " has no '---' line")
}

FNR == 1 {
	if (inside)
		fail_prev()
	inside = 0
	hints = 0
}

function fail_prev() {
	printf "%s: exercise '%s' (line %d) has no END EXERCISE line\n", prev_file, name, begin_line > "/dev/stderr"
	failed = 1
	exit 1
}

{
	line = $0
	if (is_begin(line)) {
		if (inside)
			fail("EXERCISE inside exercise '" name "' (begun at line " begin_line ")")
		s = body_of(line)
		sub(/^EXERCISE /, "", s)
		name = substr(s, 1, index(s, ":") - 1)
		task = substr(s, index(s, ":") + 2)
		if (name in names)
			fail("a second exercise called '" name "'")
		names[name] = 1
		inside = 1
		hints = 1	# HINT lines may follow
		hint = ""
		begin_line = FNR
		prev_file = FILENAME
		ind = indent_of(line)
		stubbing = mode == "stub" && selected(name)
		if (mode == "stub")
			print line
		next
	}
	if (hints && is_hint(line)) {
		s = body_of(line)
		sub(/^HINT: /, "", s)
		hint = hint (hint == "" ? "" : " ") s
		if (mode == "stub")
			print line
		next
	}
	if (hints) {
		hints = 0
		if (mode == "list")
			printf "%s\t%s\t%d\t%s\t%s\n", name, FILENAME, begin_line, task, hint
		if (stubbing) {
			read_stub(name)
			if (stub_tests != "")
				print_folded(ind, "TESTS: " tests ": " commas(stub_tests) " (make check CH=" chapter ")")
			printf "%s/* TODO: your code, in place of the stub below. */\n", ind
			printf "%s", stub_text
		}
	}
	if (is_end(line)) {
		s = body_of(line)
		sub(/^END EXERCISE /, "", s)
		if (!inside)
			fail("END EXERCISE " s " without its EXERCISE line")
		if (s != name)
			fail("END EXERCISE " s " closes exercise '" name "' (begun at line " begin_line ")")
		inside = 0
		if (mode == "stub")
			print line
		stubbing = 0
		next
	}
	if (is_markerish(line))
		fail("not an exercise marker: '" line "' (see exercises/README.md)")
	if (mode == "strip" || (mode == "stub" && !stubbing))
		print line
	else if (mode == "number")
		printf "%d\t%s\n", FNR, line
}

END {
	if (failed)
		exit 1
	if (inside)
		fail_prev()
}
