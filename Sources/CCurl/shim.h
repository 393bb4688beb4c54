#ifndef MCBOT_CCURL_SHIM_H
#define MCBOT_CCURL_SHIM_H
/* curl_easy_setopt / curl_easy_getinfo are variadic macros Swift cannot call:
   one typed inline wrapper per argument type. */
#include <curl/curl.h>

typedef size_t (*mcbot_curl_data_callback)(char *, size_t, size_t, void *);
typedef int (*mcbot_curl_debug_callback)(CURL *, curl_infotype, char *, size_t, void *);

static inline CURLcode mcbot_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode mcbot_curl_setopt_offset(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode mcbot_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode mcbot_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode mcbot_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode mcbot_curl_setopt_data_callback(CURL *h, CURLoption o, mcbot_curl_data_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode mcbot_curl_setopt_debug_callback(CURL *h, mcbot_curl_debug_callback v) { return curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, v); }

static inline CURLcode mcbot_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode mcbot_curl_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }

static inline const char *mcbot_curl_version_string(void) { return curl_version_info(CURLVERSION_NOW)->version; }
/* Non-zero when the linked libcurl was built with TLS support. */
static inline int mcbot_curl_has_tls(void) { return (curl_version_info(CURLVERSION_NOW)->features & CURL_VERSION_SSL) != 0; }

#endif
