// A box presented to customs: declared class, trader trust, hidden truth, the risk route chosen for
// it, the random draws that decide its alarms (drawn once when it arrives, so that two variants of a
// scenario see the same boxes: common random numbers), and its path through NII. Plain data, kept
// in a vector by the NII model and moved between stations by index.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace porttwin::nii {

enum class Truth : std::uint8_t { Clean, Contraband, Radiological, Misdeclared };
inline constexpr std::array<std::string_view, 4> kTruthNames = {"clean", "contraband", "radiological", "misdeclared"};

enum class Route : std::uint8_t { Release, Scan, Physical };
inline constexpr std::array<std::string_view, 3> kRouteNames = {"release", "scan", "physical"};

enum class Outcome : std::uint8_t { InProcess, Released, Held };
inline constexpr std::array<std::string_view, 3> kOutcomeNames = {"in_process", "released", "held"};

// What a secondary inspection is for (detail of CUSI events).
enum class SecondaryKind : std::uint8_t { RadiationCheck, Devanning, Direct };
inline constexpr std::array<std::string_view, 3> kSecondaryKindNames = {"radiation_check", "devanning", "direct"};

// Where a box in process is (for snapshots: the job that starts again there).
enum class Stage : std::uint8_t { Transfer, Rpm, Adjudication, Xray, Review, Secondary };
inline constexpr std::array<std::string_view, 6> kStageNames = {"transfer", "rpm",    "adjudication",
                                                                "xray",     "review", "secondary"};

struct Cargo {
  std::uint64_t id = 0;        // event entity: a standalone box's id, or the terminal's container id
  int commodity = 0;
  bool trusted = false;
  Truth truth = Truth::Clean;
  double risk = 0;             // the selectivity score
  Route route = Route::Release;
  bool rpm_screened = false;
  double xray_score = 0;       // the anomaly score the scanner would produce
  double ai_score = 0;         // the score AI pre-classification would give it
  double u_rpm = 0, u_find = 0, u_adjudication = 0;  // uniforms deciding the RPM alarm, the search, primary

  double arrived = 0;
  double alarm_time = -1;      // the alarm that diverted it, if any
  double released_at = -1;
  bool rpm_alarm = false, rpm_cleared = false, xray_scanned = false, xray_alarm = false, ai_cleared = false;
  int secondaries = 0;
  Outcome outcome = Outcome::InProcess;
  Stage stage = Stage::Transfer;
  SecondaryKind secondary = SecondaryKind::Direct;  // stage Secondary: what for

  bool threat() const { return truth != Truth::Clean; }
};

}  // namespace porttwin::nii
