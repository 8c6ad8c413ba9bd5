// What the IT/OT platform and the weather allow the terminal to do at this moment. The incidents
// model provides it from the state of the SimGrid hosts and links the terminal depends on (gate
// server, OCR, TOS, crane control) and the wind; without incidents the terminal has none and always
// works normally. The terminal asks at its decision points (a truck at a lane, a crane about to move,
// a vessel about to berth) and waits where the real equipment would wait.
#pragma once

#include <functional>

#include "sim/random/distribution.hpp"

namespace porttwin::terminal {

enum class GateMode {
  Automated,   // OCR, RFID and the TOS answer: the normal process
  WhiteList,   // TOS unreachable: booked trucks pass on the gate server's cached white list, walk-ins see a clerk
  Manual,      // no gate server or OCR: a slower manual transaction and a clerk for every truck
};

class OperatingConditions {
 public:
  virtual ~OperatingConditions() = default;
  virtual GateMode gate_mode() const = 0;
  virtual bool gate_open() const = 0;                  // the wind allows gate operations
  virtual bool yard_cranes_work(int block) const = 0;  // crane control up and wind below the limit
  virtual bool quay_cranes_work() const = 0;
  virtual bool vessels_may_berth() const = 0;
  virtual double yard_slowdown() const = 0;  // 1 normally; more without the TOS
  virtual double quay_slowdown() const = 0;
  virtual const Distribution& manual_transaction() const = 0;
  // Blocks the calling actor until `ok()` holds (checked again at every platform or weather change).
  virtual void wait_until(const std::function<bool()>& ok) = 0;
};

}  // namespace porttwin::terminal
