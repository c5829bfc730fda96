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
#include "record_check.h"

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

/* The fields of 09-monitor, each only when set. */
static int record_add_monitor(json_t *root, const struct record *rec)
{
	int ret = 0;

	if (rec->has_exit_code)
		ret |= json_object_set_new(root, "exit_code",
					   json_integer(rec->exit_code));
	if (rec->monitor_pid > 0)
		ret |= json_object_set_new(root, "monitor",
			json_pack("{s:i, s:I}", "pid", (int)rec->monitor_pid,
				  "start_time",
				  (json_int_t)rec->monitor_start_time));
	if (rec->env)
		ret |= json_object_set_new(root, "env", strv_to_json(rec->env));
	if (rec->creator_pid > 0)
		ret |= json_object_set_new(root, "creator",
			json_pack("{s:i, s:I}", "pid", (int)rec->creator_pid,
				  "start_time",
				  (json_int_t)rec->creator_start_time));
	return ret ? -ENOMEM : 0;
}

static int record_read_creator(json_t *root, struct record *rec)
{
	json_t *creator = json_object_get(root, "creator");
	json_int_t start = 0;
	int pid = 0;

	if (creator && json_unpack(creator, "{s:i, s:I}", "pid", &pid,
				   "start_time", &start))
		return record_invalid("field 'creator' is not a pid and a start_time");
	rec->creator_pid = pid;
	rec->creator_start_time = start;
	return 0;
}

static int record_read_monitor(json_t *root, struct record *rec)
{
	json_t *code = json_object_get(root, "exit_code");
	json_t *monitor = json_object_get(root, "monitor");
	json_t *env = json_object_get(root, "env");
	json_int_t start = 0;
	int pid = 0;

	if ((code && !json_is_integer(code)) ||
	    (monitor && json_unpack(monitor, "{s:i, s:I}", "pid", &pid,
				    "start_time", &start)) ||
	    (env && !json_is_array(env)))
		return -EINVAL;
	rec->monitor_pid = pid;
	rec->monitor_start_time = start;
	rec->has_exit_code = code != NULL;
	rec->exit_code = code ? json_integer_value(code) : 0;
	if (env && !(rec->env = strv_from_json(env)))
		return -ENOMEM;
	return record_read_creator(root, rec);
}

int record_write(const struct record *rec)
{
	return record_write_in(rec, rec->name);
}

int record_write_in(const struct record *rec, const char *dir_name)
{
	char path[PATH_MAX], *text;
	json_t *root;
	int ret;

	ret = record_file(path, dir_name, "config.json");
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
	if (!root || record_add_monitor(root, rec))
		goto out_nomem;
	text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	if (!text)
		return -ENOMEM;
	ret = write_file_atomic(path, text, strlen(text));
	free(text);
	return ret;

out_nomem:
	json_decref(root);
	return -ENOMEM;
}

static int bad_field(const char *key, const char *what)
{
	return record_invalid("field '%s' is missing or not %s", key, what);
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
	json_int_t pid = 0, start = 0;
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
	ret = record_read_monitor(root, rec);
	if (ret)
		record_free(rec);
	return ret;
}

int record_read(const char *name, struct record *rec)
{
	char path[PATH_MAX];
	json_t *root;
	int ret;

	memset(rec, 0, sizeof(*rec));
	ret = record_file(path, name, "config.json");
	if (ret)
		return ret;
	ret = record_load(path, &root);
	if (ret)
		return ret;
	ret = record_check_json(root);
	if (!ret)
		ret = record_from_json(root, rec);
	json_decref(root);
	if (!ret && (ret = record_check(rec, name)))
		record_free(rec);
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
	strv_free(rec->env);
	rec->command = NULL;
	rec->volumes = NULL;
	rec->env = NULL;
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
