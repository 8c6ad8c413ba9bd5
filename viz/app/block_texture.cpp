#include "viz/app/block_texture.hpp"

#include <GL/gl.h>

namespace porttwin::viz {

BlockTextures::~BlockTextures() {
  if (!textures_.empty()) glDeleteTextures(static_cast<GLsizei>(textures_.size()), textures_.data());
}

void* BlockTextures::upload(std::size_t block, int bays, int rows, const std::vector<std::uint32_t>& colours, int cell,
                            std::uint32_t gap_colour) {
  while (textures_.size() <= block) {
    GLuint id = 0;
    glGenTextures(1, &id);
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    textures_.push_back(id);
    uploaded_.emplace_back();
  }
  Uploaded& last = uploaded_[block];
  void* const texture = reinterpret_cast<void*>(static_cast<std::uintptr_t>(textures_[block]));
  if (last.cell == cell && last.gap == gap_colour && last.colours == colours) return texture;
  last.colours = colours;
  last.cell = cell;
  last.gap = gap_colour;
  // Texel x along the bays, y along the rows, as the plan draws them.
  const int width = bays * cell, height = rows * cell;
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
  glBindTexture(GL_TEXTURE_2D, textures_[block]);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels_.data());
  return texture;
}

}  // namespace porttwin::viz
