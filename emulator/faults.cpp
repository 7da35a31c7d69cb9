// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "faults.hpp"

#include <algorithm>
#include <string_view>

namespace losant::emulator::detail {

Reply status_fault_reply(const Fault& fault) {
  Reply reply =
      error_reply(fault.status, error_type_for_status(fault.status), reason_phrase(fault.status));
  if (fault.retry_after) reply.headers.emplace_back("Retry-After", *fault.retry_after);
  return reply;
}

Reply html_fault_reply() {
  return Reply{502,
               "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
               "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
               "</body>\r\n</html>\r\n",
               "text/html",
               {}};
}

Reply wrong_types_reply(Route route) {
  switch (route) {
    case Route::kList:
      return Reply{200,
                   R"({"items":"x","count":"1","totalCount":null,"perPage":true,"page":"0",)"
                   R"("sortField":5,"sortDirection":[],"applicationId":7})",
                   kJsonContentType,
                   {}};
    case Route::kDelete: return Reply{200, R"({"success":"yes"})", kJsonContentType, {}};
    case Route::kListGroups:
      return Reply{200,
                   R"({"items":{},"count":"1","totalCount":[],"applicationId":7})",
                   kJsonContentType,
                   {}};
    case Route::kGetGroup:
      return Reply{
          200, R"({"id":5,"name":[],"parentId":{},"experienceUsers":"x"})", kJsonContentType, {}};
    case Route::kAny:
    case Route::kCreate:
    case Route::kGet:
    case Route::kUpdate: break;
  }
  return Reply{route == Route::kCreate ? 201 : 200,
               R"({"id":5,"experienceUserId":false,"applicationId":[],"creationDate":17,)"
               R"("lastUpdated":{},"email":5,"firstName":["x"],"userTags":"x",)"
               R"("experienceGroups":"x"})",
               kJsonContentType,
               {}};
}

bool StreamedBody::write(std::size_t offset, std::size_t count,
                         const std::function<bool(const char*, std::size_t)>& write) const {
  static const std::string kPadding(kStreamPiece, 'x');
  const std::size_t end = offset + count;
  const auto write_part = [&](std::size_t part_begin, std::size_t part_end, const char* data) {
    const std::size_t from = std::max(offset, part_begin);
    const std::size_t to = std::min(end, part_end);
    if (from >= to) return true;
    if (data != nullptr) return write(data + (from - part_begin), to - from);
    for (std::size_t at = from; at < to; at += kPadding.size()) {
      if (!write(kPadding.data(), std::min(kPadding.size(), to - at))) return false;
    }
    return true;
  };
  const std::size_t padding_begin = head.size();
  const std::size_t tail_begin = padding_begin + padding;
  return write_part(0, padding_begin, head.data()) &&
         write_part(padding_begin, tail_begin, nullptr) &&
         write_part(tail_begin, tail_begin + tail.size(), tail.data());
}

StreamedBody oversized_body(const Reply& reply, std::size_t bytes) {
  StreamedBody body;
  body.head = R"({"padding":")";
  // Every reply of a route is a JSON object: `{` followed by its members (or just `}`).
  const std::string_view members =
      reply.body.size() >= 2 ? std::string_view(reply.body).substr(1) : std::string_view("}");
  body.tail = std::string(members.front() == '}' ? "\"" : "\",") + std::string(members);
  const std::size_t fixed = body.head.size() + body.tail.size();
  body.padding = bytes > fixed ? bytes - fixed : 0;
  return body;
}

}  // namespace losant::emulator::detail
