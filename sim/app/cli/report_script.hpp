// Where `porttwin report` finds its plotting script and Python: the script analysis/report.py is
// looked for in $PORTTWIN_REPORT_SCRIPT, then installed beside the binary (<prefix>/bin/porttwin ->
// <prefix>/share/porttwin/report.py), then in the source tree the binary was built from. Python is
// $PORTTWIN_PYTHON or /usr/bin/python3 (Debian's, which has python3-matplotlib and python3-h5py).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace porttwin::cli {

// The first candidate that exists; empty when none does (`tried` lists the candidates).
std::filesystem::path find_report_script(std::vector<std::filesystem::path>& tried);
std::string report_python();

// Runs program with arguments (no shell), waits; returns its exit code (128 + signal if killed, 127
// if it could not start).
int run_program(const std::string& program, const std::vector<std::string>& arguments);

}  // namespace porttwin::cli
