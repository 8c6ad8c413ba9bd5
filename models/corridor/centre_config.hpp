// The supervision centre's people (`corridor.centre:`): the grade of each alarm kind, the operators
// who triage alarms by grade, what each grade leads to (dismiss, warn the destination to inspect on
// arrival, or dispatch a patrol), and the patrol units with their base stations and speed. The
// defaults are illustrative (the WCO report gives the roles, not the numbers): sweep them.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "models/corridor/trip.hpp"
#include "sim/random/distribution.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin::corridor {

// Grades, their names and the operator's actions: models/corridor/record/corridor_names.hpp.
inline const std::vector<std::string> kAlarmActions = name_list(kAlarmActionNames);

struct GradeConfig {
  std::string action = "dismiss";
  Distribution handling_time = Distribution::lognormal(60, 0.5);  // s an operator spends on one alarm
};

struct PatrolBaseConfig {
  scenario::NameRef station;
  int units = 1;
};

struct CentreConfig {
  int operators = 2;
  // Grade per alarm kind (kAlarmNames order).
  std::array<int, kAlarmKinds> grades = {3, 2, 3, 3, 1, 2, 2, 1, 2, 2, 1, 3, 3, 2, 2};
  std::array<GradeConfig, kGrades> by_grade = {
      GradeConfig{"dismiss", Distribution::lognormal(60, 0.5)},
      GradeConfig{"warn", Distribution::lognormal(180, 0.5)},
      GradeConfig{"patrol", Distribution::lognormal(300, 0.5)}};
  std::vector<PatrolBaseConfig> patrols;  // none: a patrol action warns the destination instead
  double patrol_speed = 80;               // km/h
  double road_factor = 1.3;               // road distance over great-circle distance (circuity)
  Distribution patrol_inspection = Distribution::lognormal(1800, 0.5);  // s at the vehicle
  Distribution arrival_inspection = Distribution::lognormal(3600, 0.5); // s at the destination, when warned

  AlarmAction action(int grade) const;
  int grade(AlarmKind kind) const { return grades[static_cast<std::size_t>(kind)]; }
};

void declare_centre(scenario::Section& centre, CentreConfig& config);

}  // namespace porttwin::corridor
