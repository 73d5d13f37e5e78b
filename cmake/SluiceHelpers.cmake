# Shared helpers so every module and test is declared the same way.

# sluice_embed_text(<target> <symbol> <file>)
# Compiles <file> into <target> as `extern const std::string_view <symbol>` in
# namespace sluice::embedded, so the Qt-free engine can ship resources
# (JSON Schema, demo SQL) without a resource system.
function(sluice_embed_text target symbol file)
  get_filename_component(abs "${file}" ABSOLUTE)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DIN=${abs} -DOUT=${out} -DSYMBOL=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedText.cmake"
    DEPENDS "${abs}" "${PROJECT_SOURCE_DIR}/cmake/EmbedText.cmake"
    COMMENT "Embedding ${file}")
  target_sources(${target} PRIVATE "${out}")
endfunction()

# sluice_add_test(<name> SOURCES ... [LIBS ...] [LABELS ...] [FIXTURES ...] [GUI])
# One Qt Test executable registered with ctest.
function(sluice_add_test name)
  cmake_parse_arguments(T "GUI" "TIMEOUT" "SOURCES;LIBS;LABELS;FIXTURES" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test sluice_test_support ${T_LIBS})
  add_test(NAME ${name} COMMAND ${name})
  # Trust (issue 19) is kept per user: the tests keep theirs in the build tree.
  set(env "SLUICE_BUILD_DIR=${PROJECT_BINARY_DIR}"
          "SLUICE_TRUST_FILE=${PROJECT_BINARY_DIR}/test-trust/trust.json"
          "SLUICE_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
          "SLUICECTL=$<TARGET_FILE:sluicectl>")
  if(T_GUI)
    list(APPEND env "QT_QPA_PLATFORM=offscreen")
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}" TIMEOUT ${T_TIMEOUT}
                                          LABELS "${T_LABELS}")
  if(T_FIXTURES)
    set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED "${T_FIXTURES}")
  endif()
endfunction()
