# vm/junit.jq: Gradescope's results.json (vm/score.awk) as JUnit XML, the
# format CI systems and test reporters read: a testsuite per chapter's
# binary ("08-env: 00-run/lab.x" is test lab.x of class 00-run in suite
# 08-env); use with jq -r.
def suite: split(": ")[0];
def tname: split(": ")[1:] | join(": ");
def attr: tostring | @html;
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
"<testsuites name=\"mydocker-lab\" tests=\"\(.tests | length)\" failures=\"\([.tests[] | select(.status != "passed")] | length)\" time=\"\(.execution_time // 0)\">",
(.tests | group_by(.name | suite)[] |
	"  <testsuite name=\"\(.[0].name | suite | attr)\" tests=\"\(length)\" failures=\"\([.[] | select(.status != "passed")] | length)\">",
	(.[] | (.name | tname) as $t |
		"    <testcase classname=\"\($t | split("/")[0] | attr)\" name=\"\($t | split("/")[1:] | join("/") | attr)\">" +
		(if .status == "passed" then "" else
			"<failure message=\"\(.output | split("\n") | map(select(startswith("# ") and (startswith("#  RUN") | not))) | (.[0] // "failed") | attr)\">\(.output | attr)</failure>"
		end) +
		"<system-out>\(.score)/\(.max_score) points</system-out></testcase>"),
	"  </testsuite>"),
"</testsuites>"
