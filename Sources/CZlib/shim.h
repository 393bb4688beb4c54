#include <zlib.h>

/// inflateInit2 is a macro; Swift calls this function instead. Raw deflate (zip entries): windowBits -15.
static inline int mcbot_inflate_init_raw(z_stream *stream) { return inflateInit2(stream, -MAX_WBITS); }
