#include "viz/app/block_texture.hpp"

#include <GL/gl.h>

#include <algorithm>
#include <cstdint>

namespace porttwin::viz {

namespace {

unsigned new_texture(int width, int height, const void* texels) {
  GLuint id = 0;
  glGenTextures(1, &id);
  glBindTexture(GL_TEXTURE_2D, id);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels);
  return id;
}

void* as_texture(unsigned id) { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(id)); }

}  // namespace

BlockTextures::~BlockTextures() {
  std::vector<GLuint> ids;
  if (atlas_) ids.push_back(atlas_);
  for (const Uploaded& u : uploaded_) {
    if (u.own) ids.push_back(u.own);
  }
  if (!ids.empty()) glDeleteTextures(static_cast<GLsizei>(ids.size()), ids.data());
}

BlockImage BlockTextures::upload(std::size_t block, int bays, int rows, const std::vector<std::uint32_t>& colours,
                                 int cell, std::uint32_t gap_colour) {
  if (!atlas_) atlas_ = new_texture(kAtlasSize, kAtlasSize, nullptr);
  if (uploaded_.size() <= block) {
    uploaded_.resize(block + 1);
    placed_.resize(block + 1, false);
  }
  Uploaded& last = uploaded_[block];
  if (!placed_[block]) {
    // Shelf packing, a texel of space between neighbours (nearest sampling at a quad's edge).
    placed_[block] = true;
    const int w = bays * kMaxCell + 1, h = rows * kMaxCell + 1;
    if (shelf_x_ + w > kAtlasSize) {
      shelf_x_ = 0;
      shelf_y_ += shelf_height_;
      shelf_height_ = 0;
    }
    if (w > kAtlasSize || shelf_y_ + h > kAtlasSize || cell > kMaxCell) {
      last.own = new_texture(1, 1, &gap_colour);
    } else {
      last.x = shelf_x_;
      last.y = shelf_y_;
      shelf_x_ += w;
      shelf_height_ = std::max(shelf_height_, h);
    }
  }
  const int width = bays * cell, height = rows * cell;
  BlockImage image;
  if (last.own) {
    image.texture = as_texture(last.own);
  } else {
    image.texture = as_texture(atlas_);
    image.u0 = static_cast<float>(last.x) / kAtlasSize;
    image.v0 = static_cast<float>(last.y) / kAtlasSize;
    image.u1 = static_cast<float>(last.x + width) / kAtlasSize;
    image.v1 = static_cast<float>(last.y + height) / kAtlasSize;
  }
  if (last.cell == cell && last.gap == gap_colour && last.colours == colours) return image;
  last.colours = colours;
  last.cell = cell;
  last.gap = gap_colour;
  // Texel x along the bays, y along the rows, as the plan draws them.
  texels_.assign(static_cast<std::size_t>(width) * height, gap_colour);
  for (int bay = 0; bay < bays; ++bay) {
    for (int row = 0; row < rows; ++row) {
      const std::uint32_t c = colours[static_cast<std::size_t>(bay) * rows + row];
      const int inner = cell > 1 ? cell - 1 : 1;
      for (int dy = 0; dy < inner; ++dy) {
        for (int dx = 0; dx < inner; ++dx) texels_[static_cast<std::size_t>(row * cell + dy) * width + bay * cell + dx] = c;
      }
    }
  }
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  if (last.own) {
    glBindTexture(GL_TEXTURE_2D, last.own);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels_.data());
  } else {
    glBindTexture(GL_TEXTURE_2D, atlas_);
    glTexSubImage2D(GL_TEXTURE_2D, 0, last.x, last.y, width, height, GL_RGBA, GL_UNSIGNED_BYTE, texels_.data());
  }
  return image;
}

}  // namespace porttwin::viz
