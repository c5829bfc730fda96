# vm/autograder/report.jq: the class report (class.sh), from an array of
# {student, score, max, tests: [{name, passed}]}: an HTML page with the
# score distribution (ten bins of the maximum) and each test's pass rate
# across the class, the hardest first; plain SVG, no script. jq -r.
def esc: tostring | @html;
def pct: . * 100 | floor;
(map(.max) | max // 0) as $max
| length as $n
| [range(0; 10) as $b | [.[] | select(($max > 0) and (((.score / $max * 10) | floor | if . > 9 then 9 else . end) == $b))] | length] as $bins
| ($bins | max // 1 | if . == 0 then 1 else . end) as $top
| ([.[].tests[]] | group_by(.name)
   | map({name: .[0].name, rate: ((map(select(.passed)) | length) / length)})
   | sort_by(.rate, .name)) as $rates
| "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>mydocker-lab: \($ch | esc)</title>",
  "<style>body{font-family:sans-serif;margin:2em;max-width:60em}td,th{padding:2px 8px;text-align:left}",
  ".bar{fill:#4a7ebb}.low{fill:#c0504d}text{font-size:11px}</style></head><body>",
  "<h1>\($ch | esc): \($n) submissions</h1>",
  "<p>Mean score \((if $n > 0 then (map(.score) | add) / $n else 0 end) * 10 | round / 10) of \($max); full score: \(map(select(.score == .max and .max > 0)) | length).</p>",
  "<h2>Score distribution</h2>",
  "<svg width=\"520\" height=\"190\" role=\"img\" aria-label=\"score distribution\">",
  ($bins | to_entries[] |
	"<rect class=\"bar\" x=\"\(20 + .key * 50)\" y=\"\(160 - .value / $top * 140)\" width=\"44\" height=\"\(.value / $top * 140)\"/>" +
	"<text x=\"\(30 + .key * 50)\" y=\"\(155 - .value / $top * 140)\">\(.value)</text>" +
	"<text x=\"\(20 + .key * 50)\" y=\"178\">\(.key * 10)-\(.key * 10 + 10)%</text>"),
  "</svg>",
  "<h2>Pass rate per test</h2><svg width=\"900\" height=\"\(($rates | length) * 16 + 10)\" role=\"img\" aria-label=\"pass rate per test\">",
  ($rates | to_entries[] |
	"<text x=\"0\" y=\"\(.key * 16 + 12)\">\(.value.name | esc)</text>" +
	"<rect class=\"\(if .value.rate < 0.5 then "low" else "bar" end)\" x=\"480\" y=\"\(.key * 16 + 2)\" width=\"\(.value.rate * 360)\" height=\"12\"/>" +
	"<text x=\"\(486 + .value.rate * 360)\" y=\"\(.key * 16 + 12)\">\(.value.rate | pct)%</text>"),
  "</svg>",
  "<h2>Students</h2><table><tr><th>student</th><th>score</th><th>max</th></tr>",
  (sort_by(.student)[] | "<tr><td>\(.student | esc)</td><td>\(.score)</td><td>\(.max)</td></tr>"),
  "</table></body></html>"
