# The folders are the architecture; this check keeps them so (every build runs it, and CTest).
#   sim/ (but sim/app/)               the engine: nothing of models/, analysis/, viz/ or sim/app/
#   models/*/record/, models/record/  run-file formats: the engine and other formats only
#   models/                           the engine and models: never analysis/, viz/ or sim/app/
#   analysis/, viz/                   readers: the engine, analysis, and of a model only its format
# cmake -DSOURCE_DIR=<repository> -P scripts/check-layers.cmake: exits non-zero naming each include
# that crosses a layer.
if(NOT SOURCE_DIR)
  message(FATAL_ERROR "check-layers: pass -DSOURCE_DIR=<repository root>")
endif()

set(format "^models/([a-z_]+/)?record/")
set(violations "")

# Every quoted include of the files under `folder` whose path matches `select` and not `skip` must
# not match `forbidden`; with `formats_only`, an include of models/ must be a run-file format.
function(check_folder folder select skip forbidden formats_only why)
  file(GLOB_RECURSE files RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/${folder}/*.cpp ${SOURCE_DIR}/${folder}/*.hpp)
  foreach(f IN LISTS files)
    if(NOT f MATCHES "${select}" OR (skip AND f MATCHES "${skip}"))
      continue()
    endif()
    file(STRINGS ${SOURCE_DIR}/${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*" "\\1" target "${line}")
      if(target MATCHES "${forbidden}" OR (formats_only AND target MATCHES "^models/" AND NOT target MATCHES "${format}"))
        list(APPEND violations "${f}: includes ${target} (${why})")
      endif()
    endforeach()
  endforeach()
  set(violations "${violations}" PARENT_SCOPE)
endfunction()

set(layer "^(models|analysis|viz|sim/app)/")
check_folder(sim "" "^sim/app/" "${layer}" OFF "the engine knows no model, reader or application")
check_folder(models "" "${format}" "^(analysis|viz|sim/app)/" OFF "models sit below the readers and the applications")
check_folder(models "${format}" "" "^(analysis|viz|sim/app)/" ON "a run-file format includes only the engine and other formats")
check_folder(analysis "" "" "^(viz|sim/app)/" ON "readers include of a model only its run-file format")
check_folder(viz "" "" "^sim/app/" ON "readers include of a model only its run-file format")

# The one exception: run files written before /yard/plan existed keep the yard's geometry only in
# their stored scenario, which this file (and only it) parses.
list(FILTER violations EXCLUDE REGEX "^viz/core/legacy_yard_plan\\.cpp: includes models/scenario\\.hpp ")

list(LENGTH violations count)
if(count GREATER 0)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "check-layers: ${count} include(s) cross the architecture's layers:\n  ${text}")
endif()
