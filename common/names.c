// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "names.h"

int name_validate(const char *name)
{
	size_t len = strlen(name), i;

	if (len == 0 || len > NAME_MAX_LEN || !isalnum((unsigned char)name[0]))
		return -EINVAL;
	for (i = 1; i < len; i++) {
		unsigned char c = name[i];

		if (!isalnum(c) && c != '_' && c != '.' && c != '-')
			return -EINVAL;
	}
	return strstr(name, "..") ? -EINVAL : 0;
}

int id_validate(const char *id)
{
	size_t i;

	for (i = 0; i < ID_LEN; i++) {
		if (!isxdigit((unsigned char)id[i]) || isupper((unsigned char)id[i]))
			return -EINVAL;
	}
	return id[ID_LEN] ? -EINVAL : 0;
}

int id_generate(char id[ID_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char bytes[ID_LEN / 2];
	size_t i;

	if (getrandom(bytes, sizeof(bytes), 0) != sizeof(bytes))
		return -errno;
	for (i = 0; i < sizeof(bytes); i++) {
		id[2 * i] = hex[bytes[i] >> 4];
		id[2 * i + 1] = hex[bytes[i] & 0xf];
	}
	id[ID_LEN] = '\0';
	return 0;
}
