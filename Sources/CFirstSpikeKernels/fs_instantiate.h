// Included by a kernel source with FS_BODY defined as its body file: compiles that body once
// per clone (see fs_clones.h). Deliberately no include guard.
#define FS_TARGET
#define FS_NAME(name) name##_baseline
#include FS_BODY
#undef FS_TARGET
#undef FS_NAME
#ifdef FS_X86
#define FS_TARGET __attribute__((target("avx2")))
#define FS_NAME(name) name##_avx2
#include FS_BODY
#undef FS_TARGET
#undef FS_NAME
#define FS_TARGET __attribute__((target("avx512f")))
#define FS_NAME(name) name##_avx512
#include FS_BODY
#undef FS_TARGET
#undef FS_NAME
#endif
#undef FS_BODY
