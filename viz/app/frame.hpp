// One frame of the viewer: the panels laid out over the window (or one panel filling it), and
// the keyboard: space plays or pauses, left/right step to the previous/next event, with shift to
// the previous/next yard move.
#pragma once

#include "viz/app/viewer.hpp"

namespace porttwin::viz {

// `headless`: panels placed exactly (no imgui.ini), no keyboard.
void draw_frame(Viewer& v, Panel panel, float width, float height, bool headless);

}  // namespace porttwin::viz
