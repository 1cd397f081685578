# Cross-builds librnn4j for linux-arm64 on an x86-64 Debian machine and runs its tests under qemu.
# Needs: g++-aarch64-linux-gnu libc6-arm64-cross qemu-user (scripts/test-arm64.sh installs them).
# The presets pom passes this file when -Djavacpp.platform=linux-arm64 is given on an x86-64 host.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# CTest runs every test binary through qemu. neoverse-n1 has no SVE: on qemu's default CPU (max) oneDNN
# takes SVE code paths that qemu emulates about ten times slower.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -cpu neoverse-n1 -L /usr/aarch64-linux-gnu)
