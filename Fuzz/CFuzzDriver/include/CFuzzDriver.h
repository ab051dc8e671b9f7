#pragma once
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (LLVM ≥ 11), for executables that have a `main` of their own (SwiftPM
/// makes every executable target's entry point its `main`): it parses libFuzzer's options from
/// argc/argv and runs `callback` on every input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
