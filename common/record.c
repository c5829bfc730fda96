// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "fileio.h"
#include "paths.h"
#include "record.h"

int record_dir(char path[PATH_MAX], const char *name)
{
	return pathf(path, "%s/%s", state_root(), name);
}

int record_file(char path[PATH_MAX], const char *name, const char *file)
{
	return pathf(path, "%s/%s/%s", state_root(), name, file);
}

void rfc3339_now(char buf[40])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, 40, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void strv_free(char **strv)
{
	size_t i;

	for (i = 0; strv && strv[i]; i++)
		free(strv[i]);
	free(strv);
}

static json_t *strv_to_json(char *const *strv)
{
	json_t *array = json_array();
	size_t i;

	for (i = 0; array && strv && strv[i]; i++)
		json_array_append_new(array, json_string(strv[i]));
	return array;
}

static char **strv_from_json(json_t *array)
{
	size_t n = json_array_size(array), i;
	char **strv = calloc(n + 1, sizeof(*strv));

	for (i = 0; strv && i < n; i++) {
		const char *s = json_string_value(json_array_get(array, i));

		strv[i] = strdup(s ? s : "");
		if (!strv[i]) {
			strv_free(strv);
			return NULL;
		}
	}
	return strv;
}

int record_write(const struct record *rec)
{
	char path[PATH_MAX], *text;
	json_t *root;
	int ret;

	ret = record_file(path, rec->name, "config.json");
	if (ret)
		return ret;
	root = json_pack("{s:s, s:s, s:i, s:I, s:o, s:s, s:s, s:o, s:s, s:s, s:s}",
			 "id", rec->id, "name", rec->name,
			 "pid", (int)rec->pid,
			 "start_time", (json_int_t)rec->start_time,
			 "command", strv_to_json(rec->command),
			 "created", rec->created, "image", rec->image,
			 "volumes", strv_to_json(rec->volumes),
			 "cgroup", rec->cgroup, "status", rec->status,
			 "finished", rec->finished);
	if (!root)
		return -ENOMEM;
	text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	if (!text)
		return -ENOMEM;
	ret = write_file_atomic(path, text, strlen(text));
	free(text);
	return ret;
}

/* Why record_read() last found a record unreadable, for record_lookup(). */
static char record_why[200];

static int bad_field(const char *key, const char *what)
{
	snprintf(record_why, sizeof(record_why),
		 "field '%s' is missing or not %s", key, what);
	return -EINVAL;
}

static int copy_field(char *dst, size_t size, json_t *root, const char *key)
{
	const char *value = json_string_value(json_object_get(root, key));

	if (!value || strlen(value) >= size)
		return bad_field(key, "a string of the right length");
	strcpy(dst, value);
	return 0;
}

static int integer_field(json_int_t *dst, json_t *root, const char *key)
{
	json_t *value = json_object_get(root, key);

	if (!json_is_integer(value))
		return bad_field(key, "an integer");
	*dst = json_integer_value(value);
	return 0;
}

static int strv_field(char ***dst, json_t *root, const char *key)
{
	json_t *value = json_object_get(root, key);

	if (!json_is_array(value))
		return bad_field(key, "an array");
	*dst = strv_from_json(value);
	return *dst ? 0 : -ENOMEM;
}

static int record_from_json(json_t *root, struct record *rec)
{
	json_int_t pid, start;
	int ret;

	ret = integer_field(&pid, root, "pid");
	if (!ret)
		ret = integer_field(&start, root, "start_time");
	if (!ret)
		ret = copy_field(rec->id, sizeof(rec->id), root, "id");
	if (!ret)
		ret = copy_field(rec->name, sizeof(rec->name), root, "name");
	if (!ret)
		ret = copy_field(rec->created, sizeof(rec->created), root,
				 "created");
	if (!ret)
		ret = copy_field(rec->image, sizeof(rec->image), root, "image");
	if (!ret)
		ret = copy_field(rec->cgroup, sizeof(rec->cgroup), root,
				 "cgroup");
	if (!ret)
		ret = copy_field(rec->status, sizeof(rec->status), root,
				 "status");
	if (!ret)
		ret = copy_field(rec->finished, sizeof(rec->finished), root,
				 "finished");
	if (!ret)
		ret = strv_field(&rec->command, root, "command");
	if (!ret)
		ret = strv_field(&rec->volumes, root, "volumes");
	if (ret) {
		record_free(rec);
		return ret;
	}
	rec->pid = pid;
	rec->start_time = start;
	return 0;
}

int record_read(const char *name, struct record *rec)
{
	char path[PATH_MAX];
	json_error_t error;
	json_t *root;
	int ret;

	memset(rec, 0, sizeof(*rec));
	ret = record_file(path, name, "config.json");
	if (ret)
		return ret;
	root = json_load_file(path, 0, &error);
	if (!root && json_error_code(&error) == json_error_cannot_open_file)
		return -ENOENT;
	if (!root) {
		snprintf(record_why, sizeof(record_why),
			 "not JSON at line %d: %s", error.line, error.text);
		return -EINVAL;
	}
	ret = record_from_json(root, rec);
	json_decref(root);
	return ret;
}

int record_find(const char *name_or_id, struct record *rec)
{
	struct dirent *entry;
	int ret = -ENOENT;
	DIR *dir;

	if (name_validate(name_or_id))
		return -ENOENT;
	ret = record_read(name_or_id, rec);
	if (ret != -ENOENT)
		return ret;	/* found, or there and unreadable */
	/* Not a name: look for a record with that ID. */
	dir = opendir(state_root());
	if (!dir)
		return -ENOENT;
	while (ret && (entry = readdir(dir)) != NULL) {
		if (entry->d_name[0] == '.' || record_read(entry->d_name, rec))
			continue;
		if (!strcmp(rec->id, name_or_id))
			ret = 0;
		else
			record_free(rec);
	}
	closedir(dir);
	return ret;
}

void record_free(struct record *rec)
{
	strv_free(rec->command);
	strv_free(rec->volumes);
	rec->command = NULL;
	rec->volumes = NULL;
}

void record_lookup_failed(const char *name_or_id, int err)
{
	char path[PATH_MAX];

	if (err == -ENOENT)
		errmsg("no such container: %s", name_or_id);
	else if (err == -EINVAL && !record_file(path, name_or_id, "config.json"))
		errmsg("record %s cannot be read: %s; 'mydocker rm -f %s' removes it",
		       path, record_why, name_or_id);
	else
		errmsg("read the record of %s: %s", name_or_id, strerror(-err));
}

int record_lookup(const char *name_or_id, struct record *rec)
{
	int ret = record_find(name_or_id, rec);

	if (ret)
		record_lookup_failed(name_or_id, ret);
	return ret;
}
