#pragma once
// An input iterator over a byte range that counts what it has handed out: nlohmann-json's SAX
// parser reads through it, so a handler knows how many bytes the lexer has consumed at each
// callback and can place an error at its line and column.

#include <cstddef>
#include <iterator>

namespace porttwin::snapshot {

class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* at, std::size_t* consumed) : at_(at), consumed_(consumed) {}
  reference operator*() const { return *at_; }
  CountingIterator& operator++() {
    ++at_;
    ++*consumed_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const CountingIterator& o) const { return at_ == o.at_; }
  bool operator!=(const CountingIterator& o) const { return at_ != o.at_; }

 private:
  const char* at_;
  std::size_t* consumed_;
};

}  // namespace porttwin::snapshot
