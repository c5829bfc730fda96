#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0
/*
 * test.mjs [--dir DIR] [--no-selftest] [--shots DIR] [DECK...]: open every built deck in headless
 * Chromium (Debian's, driven by playwright-core) and check, slide by
 * slide, what a person in front of the projector would notice:
 *   - the deck has as many slides as its source (manifest.json), and so
 *     does its PDF;
 *   - every slide renders: it has a size and something on it;
 *   - every image on it loads and is drawn;
 *   - nothing on it runs out of the slide's content box, and nothing
 *     is wider or taller than its own box (a code block that hides
 *     lines behind a scroll bar, or spills under the next column);
 *   - the deck asks for nothing from the network (it is self-contained)
 *     and logs no error.
 * It saves a PNG of each deck's title slide as DIR/DECK-title.png.
 *
 * Then it checks itself: it builds two broken decks (test/fixtures/), one
 * with an image that cannot load and one with a slide that overflows, and
 * fails unless it catches both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { TOP, SLIDES } from './lib.mjs';

const argv = process.argv.slice(2);
const dirIdx = argv.indexOf('--dir');
const DIR = path.resolve(dirIdx >= 0 ? argv[dirIdx + 1] : path.join(TOP, 'build/slides'));
const selftest = !argv.includes('--no-selftest');
/* --shots DIR: a PNG of every slide, to look at them all at once. */
const shotsIdx = argv.indexOf('--shots');
const SHOTS = shotsIdx >= 0 ? path.resolve(argv[shotsIdx + 1]) : null;
const only = argv.filter((a, i) => !a.startsWith('--') && !['--dir', '--shots'].includes(argv[i - 1]));
const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
/* Without the networking flags Chromium stalls on a closed network. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];

let chromium;
try {
	({ chromium } = await import(pathToFileURL(path.join(SLIDES, 'node_modules/playwright-core/index.mjs'))));
} catch (e) {
	console.error(`slides-test: playwright-core is missing: run 'npm ci' in slides/ (${e.message})`);
	process.exit(1);
}

/* ---- the checks that run inside the page, on the active slide ---- */

/* Runs in the browser: everything wrong with slide @i (1-based). */
async function inspectSlide(i) {
	const problems = [];
	const svg = document.querySelectorAll('svg[data-marpit-svg]')[i - 1];
	const section = svg && svg.querySelector('foreignObject > section');
	if (!section)
		return [`slide ${i}: no <section>`];
	const S = section.getBoundingClientRect();
	if (S.width < 100 || S.height < 100)
		return [`slide ${i}: not rendered (${S.width}x${S.height})`];
	const scale = S.width / section.offsetWidth;
	if (!section.innerText.trim() && !section.querySelector('img'))
		problems.push(`slide ${i}: renders empty`);

	const imgs = [...section.querySelectorAll('img')];
	await Promise.all(imgs.map((img) => img.decode().catch(() => {})));
	for (const img of imgs) {
		const r = img.getBoundingClientRect();
		const name = img.getAttribute('alt') || img.getAttribute('src').slice(0, 40);
		if (!img.complete || img.naturalWidth === 0)
			problems.push(`slide ${i}: image '${name}' does not load`);
		else if (r.width < 2 || r.height < 2)
			problems.push(`slide ${i}: image '${name}' is not drawn (${r.width}x${r.height})`);
	}
	for (const el of section.querySelectorAll('*')) {
		const bg = getComputedStyle(el).backgroundImage;
		const m = /url\("?(.*?)"?\)/.exec(bg);
		if (m) {
			const ok = await new Promise((res) => {
				const probe = new Image();
				probe.onload = () => res(probe.naturalWidth > 0);
				probe.onerror = () => res(false);
				probe.src = m[1];
			});
			if (!ok)
				problems.push(`slide ${i}: background image of <${el.tagName.toLowerCase()}> does not load`);
		}
	}

	/* The content box: the slide minus its padding (footer and page number live there). */
	const cs = getComputedStyle(section);
	const box = {
		left: S.left + parseFloat(cs.paddingLeft) * scale,
		right: S.right - parseFloat(cs.paddingRight) * scale,
		top: S.top + parseFloat(cs.paddingTop) * scale,
		bottom: S.bottom - parseFloat(cs.paddingBottom) * scale,
	};
	const tol = 2;
	const describe = (el) => {
		const text = (el.innerText || el.getAttribute('alt') || '').trim().split('\n')[0].slice(0, 50);
		return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}> "${text}"`;
	};
	const reported = new Set();
	for (const el of section.querySelectorAll('*')) {
		if (el.closest('header, footer'))
			continue;
		const r = el.getBoundingClientRect();
		if (r.width === 0 && r.height === 0)
			continue;
		const out = {
			below: r.bottom - box.bottom, right: r.right - box.right,
			above: box.top - r.top, left: box.left - r.left,
		};
		const worst = Object.entries(out).sort((a, b) => b[1] - a[1])[0];
		if (worst[1] > tol) {
			/* Report the outermost element only. */
			let p = el.parentElement, inside = false;
			while (p && p !== section) {
				if (reported.has(p))
					inside = true;
				p = p.parentElement;
			}
			reported.add(el);
			if (!inside)
				problems.push(`slide ${i}: ${describe(el)} overflows the slide, ${Math.round(worst[1] / scale)}px ${worst[0]}`);
		}
		/*
		 * Content wider or taller than its own box: clipped behind a
		 * scroll bar, or spilling under its neighbour (a column).
		 */
		if (el.clientWidth > 0 && (el.scrollWidth > el.clientWidth + tol ||
					   el.scrollHeight > el.clientHeight + tol)) {
			const clips = /(auto|scroll|hidden|clip)/.test(getComputedStyle(el).overflow);
			problems.push(`slide ${i}: ${describe(el)} ${clips ? 'hides' : 'spills'} content ` +
				`(${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`);
		}
	}
	return problems;
}

/* ---- PDF pages: the page tree's /Count, in plain or compressed objects ---- */

function pdfPages(file) {
	const buf = fs.readFileSync(file);
	const texts = [buf.toString('latin1')];
	const raw = texts[0];
	const re = /stream\r?\n/g;
	let m;
	while ((m = re.exec(raw))) {
		const start = m.index + m[0].length;
		const end = raw.indexOf('endstream', start);
		if (end < 0)
			break;
		try {
			texts.push(zlib.inflateSync(buf.subarray(start, end)).toString('latin1'));
		} catch {
			/* not a deflated stream */
		}
		re.lastIndex = end + 'endstream'.length;
	}
	let count = 0;
	for (const t of texts)
		for (const p of t.matchAll(/\/Type\s*\/Pages\b[^]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^]*?\/Type\s*\/Pages\b/g))
			count = Math.max(count, Number(p[1] || p[2]));
	return count;
}

/* ---- a deck ---- */

async function checkDeck(context, dir, deck, { png = true, pdf = true } = {}) {
	const problems = [];
	const page = await context.newPage();
	page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
	page.on('console', (msg) => {
		if (msg.type() === 'error')
			problems.push(`console error: ${msg.text()}`);
	});
	await page.route('**/*', (route) => {
		const url = route.request().url();
		if (url.startsWith('file:') || url.startsWith('data:'))
			return route.continue();
		problems.push(`asks the network for ${url}: the deck is not self-contained`);
		return route.abort();
	});
	const file = path.join(dir, `${deck.name}.html`);
	if (!fs.existsSync(file)) {
		await page.close();
		return { problems: [`${file} was not built`], slides: 0, images: 0 };
	}
	await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
	await page.evaluate(() => document.fonts.ready);
	const n = await page.locator('svg[data-marpit-svg]').count();
	if (n !== deck.slides)
		problems.push(`${n} slides rendered, the source has ${deck.slides}`);
	let images = 0;
	for (let i = 1; i <= n; i++) {
		await page.evaluate((k) => { location.hash = `#${k}`; }, i);
		await page.waitForFunction((k) => document.querySelectorAll('svg[data-marpit-svg]')[k - 1]
			?.classList.contains('bespoke-marp-active'), i, { timeout: 10000 });
		images += await page.evaluate((k) => document.querySelectorAll('svg[data-marpit-svg]')[k - 1]
			.querySelectorAll('foreignObject > section img').length, i);
		problems.push(...await page.evaluate(inspectSlide, i));
		if ((i === 1 && png) || SHOTS)
			await page.addStyleTag({ content: '.bespoke-marp-osc { display: none !important; }' });
		if (i === 1 && png)
			await page.screenshot({ path: path.join(dir, `${deck.name}-title.png`) });
		if (SHOTS && png)
			await page.screenshot({ path: path.join(SHOTS, `${deck.name}-${String(i).padStart(2, '0')}.png`) });
	}
	if (images !== deck.images)
		problems.push(`${images} images on the slides, the source has ${deck.images}`);
	if (pdf) {
		const pdfFile = path.join(dir, `${deck.name}.pdf`);
		if (!fs.existsSync(pdfFile))
			problems.push(`${deck.name}.pdf was not built`);
		else if (pdfPages(pdfFile) !== deck.slides)
			problems.push(`the PDF has ${pdfPages(pdfFile)} pages, the source has ${deck.slides} slides`);
	}
	await page.close();
	return { problems, slides: n, images };
}

/* The index links every deck and its PDF, and every link leads to a file. */
function checkIndex(dir, manifest) {
	const file = path.join(dir, 'index.html');
	if (!fs.existsSync(file))
		return ['was not built'];
	const html = fs.readFileSync(file, 'utf8');
	const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
	const problems = links.filter((l) => !fs.existsSync(path.join(dir, l)))
		.map((l) => `links ${l}, which does not exist`);
	for (const d of manifest.decks)
		for (const f of [`${d.name}.html`, ...(manifest.pdf ? [`${d.name}.pdf`] : [])])
			if (!links.includes(f))
				problems.push(`does not link ${f}`);
	return problems;
}

/* ---- the test's own check: broken decks must fail ---- */

async function checkItself(context) {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'slides-selftest-'));
	try {
		const fixtures = path.join(SLIDES, 'test/fixtures');
		const decks = ['broken-image.md', 'overflow.md'].map((f) => path.join(fixtures, f));
		const r = spawnSync(process.execPath, [path.join(SLIDES, 'tools/build.mjs'), '--no-pdf', '--out', tmp, ...decks],
			{ encoding: 'utf8' });
		if (r.status !== 0)
			return [`could not build the fixtures:\n${r.stdout}${r.stderr}`];
		const manifest = JSON.parse(fs.readFileSync(path.join(tmp, 'manifest.json'), 'utf8'));
		/* What must be found, slide by slide; slide 1 of each is sound. */
		const want = {
			'broken-image': [[2, /image .* does not load/]],
			overflow: [[2, /overflows the slide/], [3, /spills content/]],
		};
		const failures = [];
		for (const deck of manifest.decks) {
			const { problems } = await checkDeck(context, tmp, deck, { png: false, pdf: false });
			if (problems.some((p) => p.startsWith('slide 1:')))
				failures.push(`test/fixtures/${deck.name}.md: slide 1 is sound, yet: ${problems[0]}`);
			for (const [slide, re] of want[deck.name]) {
				const caught = problems.find((p) => p.startsWith(`slide ${slide}:`) && re.test(p));
				if (caught)
					console.log(`slides-test: self-check: ${deck.name}.md fails as it must: ${caught}`);
				else
					failures.push(`the test did not notice what is wrong on slide ${slide} of test/fixtures/${deck.name}.md` +
						(problems.length ? ` (it saw: ${problems.join('; ')})` : ''));
			}
		}
		return failures;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

async function main() {
	const manifestFile = path.join(DIR, 'manifest.json');
	if (!fs.existsSync(manifestFile)) {
		console.error(`slides-test: no ${manifestFile}: run 'make slides' first`);
		process.exit(1);
	}
	const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'slides-chromium-'));
	let context;
	let failed = 0, slides = 0, images = 0;
	const t0 = Date.now();
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM, headless: true, args: FLAGS,
			viewport: { width: 1280, height: 720 }, timeout: 120000,
		});
		if (SHOTS)
			fs.mkdirSync(SHOTS, { recursive: true });
		for (const deck of manifest.decks.filter((d) => !only.length || only.includes(d.name))) {
			const r = await checkDeck(context, DIR, deck, { pdf: manifest.pdf });
			slides += r.slides;
			images += r.images;
			if (r.problems.length) {
				failed++;
				console.log(`FAIL ${deck.name}`);
				for (const p of r.problems)
					console.log(`     ${p}`);
			} else {
				console.log(`ok   ${deck.name}: ${r.slides} slides, ${r.images} image${r.images === 1 ? '' : 's'}` +
					`${manifest.pdf ? `, PDF ${r.slides} pages` : ''}; ${deck.name}-title.png`);
			}
		}
		const index = checkIndex(DIR, manifest);
		for (const p of index)
			console.log(`FAIL index.html: ${p}`);
		failed += index.length;
		if (selftest) {
			const self = await checkItself(context);
			for (const p of self)
				console.log(`FAIL self-check: ${p}`);
			failed += self.length;
		}
	} finally {
		if (context)
			await context.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	const secs = ((Date.now() - t0) / 1000).toFixed(1);
	if (failed) {
		console.log(`slides-test: ${failed} failed (${secs} s)`);
		process.exit(1);
	}
	console.log(`slides-test: ${manifest.decks.length} decks, ${slides} slides, ${images} images: ` +
		`all render, load and fit (${secs} s)`);
}

await main();
