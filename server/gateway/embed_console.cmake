# Writes OUT, a C++ file that defines BuiltinConsoleFiles() from every file
# under DIR (the console's HTML, CSS and JavaScript), so welkomd serves the
# console from wherever it is installed. Run by the build when a file changes.
file(GLOB_RECURSE files RELATIVE "${DIR}" "${DIR}/*")
list(SORT files)
set(body "")
foreach(f ${files})
  file(READ "${DIR}/${f}" content)
  string(FIND "${content}" ")welkom_console\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "console file ${f} contains the embedding delimiter")
  endif()
  string(APPEND body "    {\"/${f}\", R\"welkom_console(${content})welkom_console\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from server/gateway/console by embed_console.cmake.
#include \"server/gateway/console_files.h\"
namespace welkom::gateway {
const std::vector<ConsoleFile>& BuiltinConsoleFiles() {
  static const auto* files = new std::vector<ConsoleFile>{
${body}  };
  return *files;
}
}  // namespace welkom::gateway
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
