#include "models/corridor/centre_config.hpp"

namespace porttwin::corridor {

namespace {

void declare_grade(scenario::Section& s, GradeConfig& c, const std::string& grade) {
  s.choice("action", c.action, kAlarmActions,
           "What a triaged " + grade + " alarm leads to: dismiss, warn (the destination inspects on arrival) or "
           "patrol (the nearest free unit intercepts the vehicle; warn when there are no patrols)");
  s.distribution("handling_time", c.handling_time, "Operator time to triage one " + grade + " alarm");
}

void declare_base(scenario::Section& s, PatrolBaseConfig& c) {
  s.reference("station", c.station, "Station the units are based at").required();
  s.integer("units", c.units, "Patrol units based there").range(1, 1000);
}

}  // namespace

AlarmAction CentreConfig::action(int grade) const {
  const std::string& a = by_grade[static_cast<std::size_t>(grade - 1)].action;
  if (a == "patrol") return AlarmAction::Patrol;
  return a == "warn" ? AlarmAction::Warn : AlarmAction::Dismiss;
}

void declare_centre(scenario::Section& c, CentreConfig& config) {
  c.integer("operators", config.operators, "Operators triaging alarms (highest grade first, FIFO within a grade)")
      .range(1, 10000);
  auto& g = c.section("grades", "Grade of each alarm kind: 1 info, 2 warning, 3 critical");
  for (std::size_t k = 0; k < kAlarmKinds; ++k) {
    const std::string name(kAlarmNames[k]);
    g.integer(name, config.grades[k], "Grade of a " + name + " alarm").range(1, kGrades);
  }
  for (int grade = 0; grade < kGrades; ++grade) {
    const std::string name(kGradeNames[static_cast<std::size_t>(grade)]);
    declare_grade(c.section(name, "Grade " + std::to_string(grade + 1) + " (" + name + ") alarms"),
                  config.by_grade[static_cast<std::size_t>(grade)], name);
  }
  c.list("patrols", config.patrols, "Patrol units by base station (none: patrol actions warn the destination)",
         declare_base);
  c.real("patrol_speed", config.patrol_speed, "Patrol driving speed on the road, km/h").greater_than(0);
  c.real("road_factor", config.road_factor,
         "Road distance over great-circle distance for a patrol's drive (circuity, typically 1.2-1.4)")
      .min(1);
  c.distribution("patrol_inspection", config.patrol_inspection, "Time a patrol spends inspecting an intercepted vehicle");
  c.distribution("arrival_inspection", config.arrival_inspection,
                 "Time the destination's staff spend inspecting a vehicle the centre warned them of");
}

}  // namespace porttwin::corridor
