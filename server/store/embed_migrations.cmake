# Writes OUT, a C++ file that defines BuiltinMigrations() from the .sql files
# in DIR named NNNN_name.sql. Run by the build whenever a migration changes.
file(GLOB files "${DIR}/*.sql")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(base "${f}" NAME_WE)
  string(REGEX MATCH "^([0-9]+)_(.*)$" _ "${base}")
  if(NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "migration ${f} is not named NNNN_name.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  file(READ "${f}" sql)
  string(APPEND body "    {${version}, \"${CMAKE_MATCH_2}\", R\"welkom_sql(${sql})welkom_sql\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from server/store/migrations by embed_migrations.cmake.
#include \"server/store/migrations.h\"
namespace welkom::store {
const std::vector<Migration>& BuiltinMigrations() {
  static const auto* migrations = new std::vector<Migration>{
${body}  };
  return *migrations;
}
}  // namespace welkom::store
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
