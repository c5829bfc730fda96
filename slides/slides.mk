# slides/slides.mk: the teaching slides, included by the top Makefile.
#
#   make slides        every deck in slides/decks/ as build/slides/DECK.html
#                      (self-contained) and DECK.pdf, and build/slides/index.html
#   make slides-test   open every deck in headless Chromium and check it
#   make slides-demo   re-capture the decks' terminal transcripts from the
#                      real binaries (root; slides/demo/CH.txt, to commit)
#
# Marp and playwright-core come from the npm registry, pinned by
# slides/package-lock.json, installed with `npm ci` into slides/node_modules
# (git-ignored). Graphviz, Chromium and Node.js are Debian's (make deps).

SLIDES_OUT := $(or $(B),build)/slides
SLIDES_NODE := slides/node_modules/.package-lock.json
# Everything a deck is made from: a change to a chapter rebuilds its slides.
SLIDES_INPUTS := $(wildcard slides/decks/*.md slides/diagrams/*.dot \
	slides/theme/*.css slides/tools/* slides/demo/*.txt) \
	$(wildcard chapters/*/*.[ch] common/*.[ch] selftests/*/*_test.c)

.PHONY: slides slides-test slides-demo

slides: deps $(SLIDES_OUT)/manifest.json

$(SLIDES_NODE): slides/package.json slides/package-lock.json
	cd slides && npm ci --no-audit --no-fund
	@touch $@

# manifest.json is written last: it exists only after a complete build.
$(SLIDES_OUT)/manifest.json: $(SLIDES_NODE) $(SLIDES_INPUTS)
	node slides/tools/build.mjs --out $(SLIDES_OUT)

slides-test: slides
	node slides/tools/test.mjs --dir $(SLIDES_OUT)

slides-demo: $(CHAPTERS:%=$(or $(B),build)/%/mydocker) $(or $(B),build)/images/busybox.tar
	slides/demo/capture.sh
