// Reading a file a user gives (a scenario, sweep or size file): only a regular file of sensible
// size, so that /dev/zero, a FIFO or a folder is refused with a message instead of exhausting memory
// or waiting forever.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace porttwin::scenario {

inline constexpr std::uintmax_t kMaxInputBytes = 64ull << 20;  // 64 MiB: far above any scenario

// The file's text; nullopt with `problem` set ("not a regular file (a FIFO, a device or a folder)",
// "is 70 MiB, over the 64 MiB an input file may have", "cannot read the file (missing or not
// readable)").
std::optional<std::string> read_input_file(const std::filesystem::path& file, std::string& problem);

}  // namespace porttwin::scenario
