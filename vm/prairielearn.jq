# vm/prairielearn.jq: Gradescope's results.json (vm/score.awk) in the
# format of PrairieLearn's external graders (results.json there): the
# score as a fraction, each test's points and max_points.
(.tests | map(.max_score) | add // 0) as $max
| {
	gradable: true,
	score: (if $max > 0 then .score / $max else 0 end),
	message: .output,
	output: .output,
	tests: [.tests[] | {
		name, description: .name,
		points: .score, max_points: .max_score,
		message: .status, output
	}]
}
