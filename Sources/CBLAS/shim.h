// OpenBLAS's CBLAS interface (Debian: libopenblas-dev; macOS: use Accelerate).
#include <cblas.h>

// Declared here too: Debian's generic cblas.h alternative may not declare it.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
