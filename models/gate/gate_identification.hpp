// Automatic identification at gate lanes (OCR portal and RFID) and the exception desk behind it,
// shared by the gate complex (models/gate) and the terminal's truck gate: OCR accuracy by day and by
// night, the scenario keys that set them, the draw of "identified, or sent to the exception desk",
// and the desk's clerks as a station.
#pragma once

#include <string>

#include "sim/engine/station.hpp"
#include "sim/random/distribution.hpp"
#include "sim/random/stream.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin {

class Simulation;

struct OcrConfig {
  double day_accuracy = 0.99;   // vendor figures: 99%+ in daylight
  double night_accuracy = 0.95; // 95%+ at night
  double day_starts = 6 * 3600.0;
  double night_starts = 20 * 3600.0;
};

// The keys of `ocr` (a section named ocr): day_accuracy, night_accuracy, day_starts, night_starts.
void declare(scenario::Section& ocr, OcrConfig& config);
// Daylight must start before night; `path` is the section's key path (gate.ocr, terminal.gate.ocr).
void check(const OcrConfig& config, const std::string& path, scenario::Diagnostics& diagnostics);

// Clerks clearing, one truck each, the trucks automatic identification failed on.
struct ExceptionDeskConfig {
  int clerks = 2;
  Distribution service = Distribution::lognormal(6 * 60.0, 0.7);  // s a clerk needs per truck
};

// The desk as a FIFO station named `name` (gate.exception_desk, terminal.gate.exception_desk).
StationConfig exception_desk_station(const std::string& name, const ExceptionDeskConfig& desk);

class GateIdentification {
 public:
  // Draws from the stream `stream_name` (gate.ocr, terminal.gate.ocr).
  GateIdentification(Simulation& sim, const OcrConfig& config, const std::string& stream_name);

  bool is_day(double t) const;  // by the local time of day of simulated time t
  // Whether the truck passing the lane now is identified automatically (one draw of the stream).
  bool identified(double now);

 private:
  Simulation& sim_;
  const OcrConfig& config_;
  rng::Stream stream_;
};

}  // namespace porttwin
