#include <zlib.h>

/// `inflateInit2` is a macro, which Swift cannot call: wrap it.
static inline int czlib_inflateInit2(z_stream *strm, int windowBits) {
  return inflateInit2(strm, windowBits);
}

/// `deflateInit2` is a macro too; `windowBits` 31 (15 + 16) writes a gzip
/// wrapper. Used to write `.gz` files (and gzip test fixtures at test time).
static inline int czlib_deflateInit2(z_stream *strm, int level, int windowBits) {
  return deflateInit2(strm, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
