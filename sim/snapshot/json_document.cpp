#include "sim/snapshot/json_document.hpp"
#include "sim/snapshot/counting_iterator.hpp"

#include "sim/scenario/input_file.hpp"

#include <algorithm>
#include <iterator>

namespace porttwin::snapshot {

namespace {

bool separator(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':'; }

}  // namespace

std::string pointer_append(const std::string& pointer, std::string_view token) {
  std::string out = pointer;
  out += '/';
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string pointer_append(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

// Builds the tree from the parser's events and notes where each value starts: the first byte after
// the previous token that is not white space or a separator.
class DocumentBuilder : public nlohmann::json_sax<Json> {
 public:
  DocumentBuilder(JsonDocument& doc, scenario::Diagnostics& d, const std::size_t* consumed)
      : doc_(doc), d_(d), consumed_(consumed) {}

  bool null() override { return value(Json(nullptr)); }
  bool boolean(bool v) override { return value(Json(v)); }
  bool number_integer(number_integer_t v) override { return value(Json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return value(Json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return value(Json(v)); }
  bool string(string_t& v) override { return value(Json(std::move(v))); }
  bool binary(binary_t& v) override { return value(Json::binary(std::move(v))); }
  bool start_object(std::size_t) override { return open(Json::object()); }
  bool start_array(std::size_t) override { return open(Json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    const std::size_t at = start();
    Frame& top = stack_.back();
    if (top.node->contains(k)) {
      const std::string pointer = pointer_append(top.pointer, k);
      d_.error(doc_.mark_of_offset(at), pointer, "the key \"" + k + "\" appears twice in this object");
    }
    key_ = std::move(k);
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    std::string message = ex.what();
    if (auto colon = message.find(": "); message.rfind("[json.exception", 0) == 0 && colon != std::string::npos) {
      message = message.substr(colon + 2);
    }
    if (message.rfind("syntax error ", 0) == 0) message = message.substr(13);
    d_.error(doc_.mark_of_offset(position > 0 ? position - 1 : 0), "", "not valid JSON: " + message);
    return false;
  }

 private:
  struct Frame {
    Json* node;
    std::string pointer;  // for the duplicate-key message
    std::int64_t container = 0;
    std::size_t next = 0;
  };

  std::size_t start() {
    std::size_t at = last_;
    const std::string& text = doc_.text_;
    while (at < text.size() && separator(text[at])) ++at;
    last_ = *consumed_;
    return at;
  }

  // Places `v` in its parent and returns it; its position becomes value `values_.size() - 1`.
  Json* place(Json v, std::size_t at) {
    Json* slot = nullptr;
    const auto index = static_cast<std::uint32_t>(doc_.values_.size());
    doc_.values_.push_back({at, -1});
    if (stack_.empty()) {
      doc_.root_ = std::move(v);
      slot = &doc_.root_;
    } else {
      Frame& top = stack_.back();
      doc_.children_[static_cast<std::size_t>(top.container)].push_back(index);
      if (top.node->is_object()) {
        slot = &((*top.node)[key_] = std::move(v));
      } else {
        ++top.next;
        top.node->push_back(std::move(v));
        slot = &top.node->back();
      }
    }
    return slot;
  }

  bool value(Json v) {
    place(std::move(v), start());
    return true;
  }
  bool open(Json v) {
    const std::size_t at = start();
    std::string pointer;
    if (!stack_.empty()) {
      const Frame& top = stack_.back();
      pointer = top.node->is_object() ? pointer_append(top.pointer, key_) : pointer_append(top.pointer, top.next);
    }
    Json* slot = place(std::move(v), at);
    doc_.values_.back().container = static_cast<std::int64_t>(doc_.children_.size());
    doc_.children_.emplace_back();
    stack_.push_back({slot, std::move(pointer), doc_.values_.back().container, 0});
    return true;
  }
  bool close() {
    last_ = *consumed_;
    stack_.pop_back();
    return true;
  }

  JsonDocument& doc_;
  scenario::Diagnostics& d_;
  const std::size_t* consumed_;
  std::size_t last_ = 0;
  std::vector<Frame> stack_;
  std::string key_;
};

std::optional<JsonDocument> JsonDocument::read(const std::filesystem::path& file, scenario::Diagnostics& d) {
  std::string problem;
  auto text = scenario::read_input_file(file, problem);
  if (!text) {
    d.error(scenario::Mark{}, "", problem);
    return std::nullopt;
  }
  return parse(std::move(*text), d);
}

std::optional<JsonDocument> JsonDocument::parse(std::string text, scenario::Diagnostics& d) {
  JsonDocument doc;
  doc.text_ = std::move(text);
  doc.line_starts_.push_back(0);
  for (std::size_t i = 0; i < doc.text_.size(); ++i) {
    if (doc.text_[i] == '\n') doc.line_starts_.push_back(i + 1);
  }
  doc.values_.reserve(doc.text_.size() / 12);  // about one value per dozen bytes
  const std::size_t errors_before = d.list().size();
  std::size_t consumed = 0;
  DocumentBuilder builder(doc, d, &consumed);
  const char* begin = doc.text_.data();
  const bool ok = Json::sax_parse(CountingIterator(begin, &consumed),
                                  CountingIterator(begin + doc.text_.size(), &consumed), &builder);
  if (!ok || d.list().size() != errors_before) return std::nullopt;
  return doc;
}

scenario::Mark JsonDocument::mark_of_offset(std::size_t offset) const {
  if (line_starts_.empty()) return {};
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
  const std::size_t begin = line_starts_[line - 1];
  int column = 1;
  for (std::size_t i = begin; i < offset && i < text_.size(); ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // UTF-8 continuation bytes are no column
  }
  return {static_cast<int>(line), column};
}

scenario::Mark JsonDocument::mark(const std::string& pointer) const {
  if (values_.empty()) return {};
  std::size_t value = 0;
  const Json* node = &root_;
  std::size_t at = 0;
  while (at < pointer.size()) {  // each "/token" of the pointer, walked in the JSON and beside it
    if (pointer[at] != '/') return {};
    const std::size_t end = std::min(pointer.find('/', at + 1), pointer.size());
    std::string token;
    for (std::size_t i = at + 1; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end) {
        token += pointer[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        token += pointer[i];
      }
    }
    at = end;
    const std::int64_t container = values_[value].container;
    if (container < 0) return {};
    const auto& children = children_[static_cast<std::size_t>(container)];
    std::size_t ordinal = 0;
    if (node->is_array()) {
      if (token.empty() || token.size() > 9 || token.find_first_not_of("0123456789") != std::string::npos) return {};
      ordinal = std::stoul(token);
      if (ordinal >= node->size()) return {};
      node = &(*node)[ordinal];
    } else {
      auto it = node->begin();
      for (; it != node->end() && it.key() != token; ++it) ++ordinal;
      if (it == node->end()) return {};
      node = &it.value();
    }
    if (ordinal >= children.size()) return {};
    value = children[ordinal];
  }
  return mark_of_offset(values_[value].offset);
}

}  // namespace porttwin::snapshot
