// A block's stacks as one OpenGL texture, one texel per stack (or an 8x8 cell with the gap to
// its neighbours when stacks are drawn large), drawn as a single quad with nearest-texel sampling.
// A mainline yard is some 14,000 stacks: as rectangles they cost the software renderer tens of
// milliseconds per frame in triangle set-up; as 33 textured quads, almost nothing.
#pragma once

#include <cstdint>
#include <vector>

namespace porttwin::viz {

class BlockTextures {
 public:
  BlockTextures() = default;
  ~BlockTextures();
  BlockTextures(const BlockTextures&) = delete;
  BlockTextures& operator=(const BlockTextures&) = delete;

  // Uploads `colours` (bays x rows packed RGBA as ImGui packs them, index bay * rows + row) for
  // block `block`; with `cell` > 1 each stack is cell x cell texels, its last row and column
  // `gap_colour`. Returns the texture for ImGui::GetWindowDrawList()->AddImage. A block whose
  // colours and cell are those of its last upload is not uploaded again (a still cursor, or a new
  // moment that did not touch the block): llvmpipe spent milliseconds per frame re-uploading.
  void* upload(std::size_t block, int bays, int rows, const std::vector<std::uint32_t>& colours, int cell,
               std::uint32_t gap_colour);

 private:
  struct Uploaded {
    std::vector<std::uint32_t> colours;
    int cell = 0;
    std::uint32_t gap = 0;
  };
  std::vector<unsigned> textures_;
  std::vector<Uploaded> uploaded_;  // per block: what its texture holds
  std::vector<std::uint32_t> texels_;
};

}  // namespace porttwin::viz
