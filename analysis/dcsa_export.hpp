// A run's events in the ports' own language: DCSA Track & Trace 2.2 equipment and transport events
// (docs/dcsa.md is the mapping table). What the run file names by numbers (a DISC's box, a GTIN's
// truck, an ARRI's call, a trip's device) becomes the identities a terminal operating system or a
// carrier's Track & Trace API publishes: ISO 6346 container numbers, services and voyages, UN/LOCODEs
// and facility codes, customs seals. Events no TNT 2.2 code covers are left out and counted, or, with
// `tnt3_draft`, written with the codes of the TNT 3.0 draft (customs CUSS / CUSI / CUSR, border CROS,
// IoT door opening). The ground truth (ATTACK) is never exported: no real feed carries it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>

namespace porttwin::analysis {

struct DcsaExportOptions {
  bool tnt3_draft = false;  // customs, border and IoT events with the TNT 3.0 draft's codes
};

struct DcsaExportCounts {
  std::uint64_t rows = 0;      // event rows read
  std::uint64_t exported = 0;  // DCSA events written
  std::map<std::string, std::uint64_t> equipment, transport, iot;  // written, by DCSA code
  // Rows of a kind that yields no DCSA event (station queueing, SEAL, triage, ...), by run-file name;
  // a kind that is exported for some rows only (INSP read failures) counts the rows left out.
  std::map<std::string, std::uint64_t> left_out;
};

// Writes the events of `run` as one JSON array, one event a line, in the rows' order. Throws
// std::runtime_error (naming the file) when it is not a readable run file or its log is damaged.
DcsaExportCounts export_dcsa(const std::filesystem::path& run, std::ostream& out, const DcsaExportOptions& options = {});

}  // namespace porttwin::analysis
