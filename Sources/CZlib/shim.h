#include <zlib.h>

/// `inflateInit2` is a macro, which Swift cannot call: wrap it.
static inline int czlib_inflateInit2(z_stream *strm, int windowBits) {
  return inflateInit2(strm, windowBits);
}
