// The CPUs this process may run on (Linux: its affinity mask), for thread and job counts.
#define _GNU_SOURCE
#include "CKernels.h"
#include <unistd.h>
#if defined(__linux__)
#include <sched.h>
#endif

int tt_available_cpus(void) {
#if defined(__linux__)
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int count = CPU_COUNT(&set);
    if (count > 0) return count;
  }
#endif
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? (int)online : 1;
}
