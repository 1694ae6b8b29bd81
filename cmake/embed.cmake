# renkei_embed(OUT BASE dir FILES f...) generates a C++ file holding each file's bytes, keyed by its
# path relative to BASE, readable through platform/embedded.hpp.
function(renkei_embed out)
  cmake_parse_arguments(E "" "BASE" "FILES" ${ARGN})
  # The list goes through a file: a ';'-separated -D argument would be split by the shell call.
  set(list_file ${out}.files)
  string(REPLACE ";" "\n" lines "${E_FILES}")
  file(CONFIGURE OUTPUT ${list_file} CONTENT "${lines}\n")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DBASE=${E_BASE} -DLIST=${list_file}
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${E_FILES} ${list_file} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding templates, catalogues, migrations and static files")
endfunction()
