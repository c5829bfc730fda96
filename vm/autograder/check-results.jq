# vm/autograder/check-results.jq: true when the input is a results.json
# Gradescope reads (its documented fields and types); used with jq -e.
def num: type == "number";
def str: type == "string";
(.score | num) and (.output | str) and ((.execution_time // 0) | num)
and (.tests | type == "array")
and all(.tests[];
	(.name | str) and (.score | num) and (.max_score | num)
	and (.status | IN("passed", "failed"))
	and ((.number // "") | str) and (.output | str)
	and ((.visibility // "visible") | IN("visible", "hidden", "after_due_date", "after_published")))
and (.score <= ([.tests[].max_score] | add // 0))
