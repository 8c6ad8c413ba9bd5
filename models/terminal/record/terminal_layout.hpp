// The terminal's run-file records (/terminal): who every box is, every vessel call, and which box
// each truck brought or took. What the event log names only by numbers (a DISC's box, a GTIN's
// truck, an ARRI's call) these tables turn into the identities the ports' systems use: container
// numbers, services and voyages, the box a gate transaction was for (porttwin export --dcsa reads
// them). docs/run-file.md documents them.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/record/h5_file.hpp"

namespace porttwin {

// Stored values of TerminalBoxRow::category, in yard::Category order.
enum class BoxCategory : std::uint8_t { Import = 0, Export = 1, Empty = 2, Reefer = 3 };

struct TerminalBoxRow {
  std::uint64_t box = 0;     // the id its DISC, LOAD, customs, port and /yard rows carry
  char container[12] = {};   // ISO 6346 container number
  BoxCategory category = BoxCategory::Import;
  std::uint8_t transit = 0;  // 1: in customs transit on a corridor trip (models/port)
  std::int32_t call_in = -1;   // the call that discharged it (-1: by road, or in the terminal before the run)
  std::int32_t call_out = -1;  // the call that loaded it (-1: not loaded)
  std::int32_t train = -1;     // the train (or barge) that took it from the rail side: TRAIN_DEPART's entity
  double since = 0;          // s: in the terminal since (its discharge, gate-in or the run's start)
};

struct TerminalCallRow {
  std::int32_t call = 0;      // the ARRI/BERTH/DEPA entity
  char service[32] = {};      // terminal.vessels.services[].name
  std::int32_t week = 0;      // the service's call of week `week` (week 0 starts with the scenario)
  double scheduled = 0;       // s: planned arrival
  double arrival = -1;        // s: actual arrival (-1: not yet)
  double berthed = -1;
  double departed = -1;
  std::int32_t berth = -1;
  std::int32_t discharged = 0;  // boxes it discharged
  std::int32_t loaded = 0;      // boxes it loaded
};

// One row per truck that passed the in-gate, in gate-in order.
struct TruckVisitRow {
  std::uint64_t truck = 0;   // the GTIN/GTOT entity
  std::uint64_t drop = 0;    // the box it brought (0: none)
  std::uint64_t pickup = 0;  // the box it came for (0: none)
  double gate_in = 0;        // s
};

struct TerminalRecords {
  std::vector<TerminalBoxRow> boxes;  // by box id
  std::vector<TerminalCallRow> calls;
  std::vector<TruckVisitRow> truck_visits;
};

void write_terminal_records(h5::Group& root, const TerminalRecords& records);
// Empty tables when the file has no /terminal (a run without a terminal, or written before it).
TerminalRecords read_terminal_records(const h5::Group& root);

}  // namespace porttwin
