// Every block's stacks in one OpenGL texture (an atlas), one texel per stack (or an 8x8 cell with
// the gap to its neighbours when stacks are drawn large), each block drawn as a single quad with
// nearest-texel sampling. A mainline yard is some 14,000 stacks: as rectangles they cost the
// software renderer tens of milliseconds per frame in triangle set-up; as 33 textured quads, almost
// nothing; and as quads of one texture they are one draw call, not 33 (llvmpipe pays about half a
// millisecond of CPU for each).
#pragma once

#include <cstdint>
#include <vector>

namespace porttwin::viz {

struct BlockImage {
  void* texture = nullptr;  // for ImDrawList::AddImage
  float u0 = 0, v0 = 0, u1 = 1, v1 = 1;
};

class BlockTextures {
 public:
  BlockTextures() = default;
  ~BlockTextures();
  BlockTextures(const BlockTextures&) = delete;
  BlockTextures& operator=(const BlockTextures&) = delete;

  // Uploads `colours` (bays x rows packed RGBA as ImGui packs them, index bay * rows + row) for
  // block `block`; with `cell` > 1 each stack is cell x cell texels, its last row and column
  // `gap_colour`. Returns the texture and the block's part of it. A block whose colours and cell
  // are those of its last upload is not uploaded again (a still cursor, or a new moment that did not
  // touch the block): llvmpipe spent milliseconds per frame re-uploading. Each block has a place in
  // the atlas big enough for cells of kMaxCell; a block that does not fit gets a texture of its own.
  BlockImage upload(std::size_t block, int bays, int rows, const std::vector<std::uint32_t>& colours, int cell,
                    std::uint32_t gap_colour);

  static constexpr int kAtlasSize = 2048, kMaxCell = 8;

 private:
  struct Uploaded {
    std::vector<std::uint32_t> colours;
    int cell = 0;
    std::uint32_t gap = 0;
    int x = 0, y = 0;     // its place in the atlas
    unsigned own = 0;     // its own texture when it does not fit (0: in the atlas)
  };
  unsigned atlas_ = 0;
  int shelf_x_ = 0, shelf_y_ = 0, shelf_height_ = 0;
  std::vector<Uploaded> uploaded_;  // per block: where it is and what its texels hold
  std::vector<bool> placed_;
  std::vector<std::uint32_t> texels_;
};

}  // namespace porttwin::viz
