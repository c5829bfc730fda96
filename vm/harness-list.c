// SPDX-License-Identifier: GPL-2.0
/*
 * Appended by vm/list-tests.sh to a kselftest program's source, so that
 * it sees the harness's own list of registered tests: the program then
 * prints each test's name, as its TAP lines give it (FIXTURE.TEST, or
 * FIXTURE.VARIANT.TEST), one a line, and runs none of them. Newer
 * harnesses have this as "-l"; the one in Debian's linux-source 6.1 does
 * not. The program's own main() is renamed away (-Dmain=...).
 */
#undef main
int main(void)
{
	struct __fixture_variant_metadata no_variant = { .name = "", };
	struct __fixture_variant_metadata *v;
	struct __fixture_metadata *f;
	struct __test_metadata *t;

	for (f = __fixture_list; f; f = f->next)
		for (v = f->variant ?: &no_variant; v; v = v->next)
			for (t = f->tests; t; t = t->next)
				printf("%s%s%s.%s\n", f->name, v->name[0] ? "." : "",
				       v->name, t->name);
	return 0;
}
