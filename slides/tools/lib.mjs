// SPDX-License-Identifier: GPL-2.0
/*
 * What the slide tools share: where the lab is, how a chapter's file is
 * found (the newest chapter <= N that has it: scripts/chapter-files, the
 * one place of that rule), the exercise markers (exercises/markers.awk
 * and exercises/regions, the one parser of them), and how a piece of C is
 * cut out of a file by function name or by regular expressions.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SLIDES = path.join(TOP, 'slides');

export class SlideError extends Error {}

export function chapters() {
	return fs.readdirSync(path.join(TOP, 'chapters'))
		.filter((d) => /^\d\d-/.test(d) &&
			fs.statSync(path.join(TOP, 'chapters', d)).isDirectory())
		.sort();
}

/* The lab's own tool @cmd (relative to the top) with @args: its stdout. */
function tool(cmd, args) {
	try {
		return execFileSync(path.join(TOP, cmd), args,
			{ cwd: TOP, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (e) {
		const why = (e.stderr || '').toString().trim() || e.message;
		throw new SlideError(`${cmd} ${args.join(' ')}: ${why}`);
	}
}

/* Every source file chapter @ch is built from: { name: path }. */
const sourcesOf = new Map();
export function chapterSources(ch) {
	if (!sourcesOf.has(ch)) {
		const files = {};
		for (const l of tool('scripts/chapter-files', [ch]).split('\n')) {
			const [name, file] = l.split(' ');
			if (name)
				files[name] = file;
		}
		sourcesOf.set(ch, files);
	}
	return sourcesOf.get(ch);
}

/*
 * "chapters/06-rm/stop.c" -> "chapters/05-stop/stop.c": the file chapter
 * 06-rm is built from. Any other path (common/, selftests/) is taken as it
 * is. Returns a path relative to the top of the lab.
 */
export function resolveSource(rel) {
	const m = /^chapters\/(\d\d-[^/]+)\/([^/]+)$/.exec(rel);
	if (!m) {
		if (!fs.existsSync(path.join(TOP, rel)))
			throw new SlideError(`no file ${rel}`);
		return rel;
	}
	const [, ch, file] = m;
	if (!chapters().includes(ch))
		throw new SlideError(`no chapter '${ch}' (in ${rel})`);
	const found = chapterSources(ch)[file];
	if (!found)
		throw new SlideError(`no chapter <= ${ch} has ${file}`);
	return found;
}

/* The chapter before @ch, or null for the first. */
export function previousChapter(ch) {
	const all = chapters();
	const i = all.indexOf(ch);
	return i > 0 ? all[i - 1] : null;
}

/*
 * The exercise regions of chapter @ch (exercises/regions): [{ name, file,
 * line, task, hint, tests: [names] }], file relative to the lab.
 */
export function exerciseRegions(ch) {
	return tool('exercises/regions', [ch]).split('\n').filter((l) => l)
		.map((l) => {
			const [name, file, line, task, hint, tests] = l.split('\t');
			return { name, file, line: Number(line), task, hint,
				tests: (tests || '').split(' ').filter((t) => t) };
		});
}

function toRegExp(text, what) {
	try {
		return new RegExp(text);
	} catch (e) {
		throw new SlideError(`bad ${what} regex /${text}/: ${e.message}`);
	}
}

/*
 * The definition of function @name: kernel style puts its type and name
 * at column 0 and its braces on lines of their own, so it runs from that
 * line to the next "}" at column 0. With @comment, the block comment just
 * above it comes along. Returns { start, end } (0-based, inclusive).
 */
export function findFunction(lines, name, comment = true) {
	const head = new RegExp(`^[A-Za-z_].*\\b${name}\\s*\\(`);
	for (let i = 0; i < lines.length; i++) {
		if (!head.test(lines[i]) || /;\s*$/.test(lines[i]))
			continue;
		let open = i;
		while (open < lines.length && lines[open] !== '{' &&
		       !/;\s*$/.test(lines[open]))
			open++;
		if (lines[open] !== '{')
			continue;	/* a prototype over several lines */
		let end = open + 1;
		while (end < lines.length && lines[end] !== '}')
			end++;
		if (end === lines.length)
			throw new SlideError(`function ${name} has no closing brace`);
		let start = i;
		if (comment && start > 0 && /\*\/\s*$/.test(lines[start - 1])) {
			let c = start - 1;
			while (c > 0 && !/^\s*\/\*/.test(lines[c]))
				c--;
			start = c;
		}
		return { start, end };
	}
	return null;
}

/* Leading tabs shared by every non-empty line go; the rest stay. */
function dedent(lines) {
	const indents = lines.filter((l) => l.trim())
		.map((l) => /^\t*/.exec(l)[0].length);
	const cut = indents.length ? Math.min(...indents) : 0;
	return lines.map((l) => l.slice(Math.min(cut, /^\t*/.exec(l)[0].length)));
}

/*
 * The excerpt of @spec.file (a path as resolveSource takes it):
 *   fn       a function's definition (with its comment unless nocomment)
 *   from/to  regexes: from the first line matching from (inside fn if
 *            given, else the whole file) to the next line matching to
 *   lines    keep at most this many lines (a cut shows "...")
 * Fails when the function or a regex is not found: a slide must never
 * show code the chapter does not have.
 */
/*
 * A source file's lines without the exercise markers (they are comments
 * for handouts, not the lesson's code: slides leave them out), and their
 * line numbers: exercises/markers.awk -v mode=number.
 */
const linesOf = new Map();
function sourceLines(file) {
	if (!linesOf.has(file)) {
		const out = execFileSync('awk', ['-f', 'exercises/markers.awk',
			'-v', 'mode=number', file], { cwd: TOP, encoding: 'utf8' });
		const lines = [], numbers = [];
		for (const l of out ? out.replace(/\n$/, '').split('\n') : []) {
			const tab = l.indexOf('\t');
			numbers.push(Number(l.slice(0, tab)));
			lines.push(l.slice(tab + 1));
		}
		/* As split('\n') of the file has it: '' after its last newline. */
		lines.push('');
		numbers.push(numbers.length ? numbers[numbers.length - 1] + 1 : 1);
		linesOf.set(file, { lines, numbers });
	}
	return linesOf.get(file);
}

export function excerpt(spec) {
	const file = resolveSource(spec.file);
	const { lines, numbers } = sourceLines(file);
	let start = 0, end = lines.length - 1, label = path.basename(file);

	if (spec.fn) {
		const f = findFunction(lines, spec.fn, !spec.nocomment);
		if (!f)
			throw new SlideError(`${file}: no function ${spec.fn}()`);
		({ start, end } = f);
		label += `: ${spec.fn}()`;
	}
	if (spec.from) {
		const re = toRegExp(spec.from, 'from');
		let i = start;
		while (i <= end && !re.test(lines[i]))
			i++;
		if (i > end)
			throw new SlideError(`${label}: no line matches from=/${spec.from}/`);
		start = i;
		if (spec.fn)
			label = `${path.basename(file)}: part of ${spec.fn}()`;
	}
	if (spec.to) {
		const re = toRegExp(spec.to, 'to');
		let i = start + (spec.from ? 1 : 0);
		while (i <= end && !re.test(lines[i]))
			i++;
		if (i > end)
			throw new SlideError(`${label}: no line after ${numbers[start]} matches to=/${spec.to}/`);
		end = i;
	}
	let code = dedent(lines.slice(start, end + 1));
	const keep = Number(spec.lines);
	if (spec.lines !== undefined && !(keep > 0))
		throw new SlideError(`lines=${spec.lines}: expected a number of lines`);
	if (keep && code.length > keep)
		code = [...code.slice(0, keep), '...'];
	return { file, first: numbers[start], last: numbers[end], label, code };
}

/*
 * A function as chapter @ch has it against the previous chapter's
 * version, as a diff with every line shown: "+" new, "-" gone, " " kept.
 */
export function functionDiff(spec, ch) {
	const now = excerpt(spec);
	const prev = previousChapter(ch);
	let before = [];
	if (prev) {
		try {
			before = excerpt({ ...spec, file: spec.file.replace(ch, prev) }).code;
		} catch (e) {
			if (!(e instanceof SlideError))
				throw e;
		}
	}
	return { ...now, code: lineDiff(before, now.code), prev };
}

/* A longest-common-subsequence diff; functions are short. */
export function lineDiff(a, b) {
	const n = a.length, m = b.length;
	const lcs = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
	for (let i = n - 1; i >= 0; i--)
		for (let j = m - 1; j >= 0; j--)
			lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 :
				Math.max(lcs[i + 1][j], lcs[i][j + 1]);
	const out = [];
	let i = 0, j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && a[i] === b[j]) {
			out.push(' ' + a[i]);
			i++, j++;
		} else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
			out.push('-' + a[i++]);
		} else {
			out.push('+' + b[j++]);
		}
	}
	return out;
}

/* "key=value" and bare "flag" words after the positional arguments. */
export function parseArgs(words) {
	const pos = [], opts = {};
	for (const w of words) {
		const m = /^(from|to|lines|h|w)=(.*)$/.exec(w);
		if (m)
			opts[m[1]] = m[2].replace(/^\/(.*)\/$/, '$1');
		else if (/^(nocomment|diff)$/.test(w))
			opts[w] = true;
		else
			pos.push(w);
	}
	return { pos, opts };
}

/* Split a directive line like a shell would, for quoted regexes. */
export function shellWords(text) {
	const words = [];
	const word = /(?:'[^']*'|"(?:[^"\\]|\\.)*"|[^\s'"]+)+/g;
	const piece = /'([^']*)'|"((?:[^"\\]|\\.)*)"|([^'"]+)/g;
	for (const w of text.match(word) || [])
		words.push([...w.matchAll(piece)].map((p) => p[1] ??
			(p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3])).join(''));
	return words;
}

/* A hash of what chapter @ch is built from: its sources and common/ (markers aside). */
export function fingerprint(ch) {
	const hash = crypto.createHash('sha256');
	const files = Object.entries(chapterSources(ch));
	for (const f of fs.readdirSync(path.join(TOP, 'common')).sort())
		if (/\.[ch]$/.test(f))
			files.push([`common/${f}`, `common/${f}`]);
	files.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	for (const [name, file] of files)
		hash.update(`${name}\0`).update(sourceLines(file).lines.join('\n')).update('\0');
	return hash.digest('hex').slice(0, 16);
}
