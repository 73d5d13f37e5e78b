# The engine's layers (issue 14). Each folder of engine/ is a static library
# that may use only the layers it names in USES (and what those use):
#
#   sluice_engine_layer(NAME [USES layer...] [PUBLIC_LIBS ...] [PRIVATE_LIBS ...] SOURCES ...)
#
# Two checks hold the rule:
#   - layercheck_NAME, built with everything, links the whole library (every
#     object, --whole-archive) against only its USES: a function called from a
#     layer it may not use is an undefined reference, and the build fails.
#   - ctest engine_layers (cmake/check-layers.sh) reads every #include "x/..."
#     under engine/ and fails naming the file and line of a wrong-way include
#     (headers and templates leave no symbol for the linker to miss), and of
#     any Qt include.

set_property(GLOBAL PROPERTY SLUICE_LAYERS "")

function(sluice_engine_layer name)
  cmake_parse_arguments(L "" "" "USES;PUBLIC_LIBS;PRIVATE_LIBS;SOURCES" ${ARGN})
  set(target sluice_${name})
  add_library(${target} STATIC ${L_SOURCES})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR})
  set(uses)
  foreach(u IN LISTS L_USES)
    list(APPEND uses sluice_${u})
  endforeach()
  target_link_libraries(${target} PUBLIC ${uses} ${L_PUBLIC_LIBS} PRIVATE ${L_PRIVATE_LIBS})
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)

  # The folder this layer is (its first source's folder) and what it may include.
  list(GET L_SOURCES 0 first)
  get_filename_component(dir "${first}" DIRECTORY)
  set_property(GLOBAL APPEND PROPERTY SLUICE_LAYERS ${name})
  set_property(GLOBAL PROPERTY SLUICE_LAYER_DIR_${name} ${dir})
  set_property(GLOBAL PROPERTY SLUICE_LAYER_USES_${name} ${L_USES})

  set(check_main "${CMAKE_CURRENT_BINARY_DIR}/layercheck/main.cpp")
  if(NOT EXISTS "${check_main}")
    file(WRITE "${check_main}" "// Links one engine layer whole against only what it may use.\nint main() { return 0; }\n")
  endif()
  add_executable(layercheck_${name} "${check_main}")
  target_link_libraries(layercheck_${name} PRIVATE
    "$<LINK_LIBRARY:WHOLE_ARCHIVE,${target}>" ${uses} ${L_PUBLIC_LIBS} ${L_PRIVATE_LIBS})
endfunction()

# Writes build/engine-layers.txt: "folder: folders it may include" (the
# transitive closure of USES), read by cmake/check-layers.sh.
function(sluice_write_layer_rules)
  get_property(layers GLOBAL PROPERTY SLUICE_LAYERS)
  set(text "")
  foreach(name IN LISTS layers)
    set(closure ${name})
    set(queue ${name})
    while(queue)
      list(POP_FRONT queue current)
      get_property(uses GLOBAL PROPERTY SLUICE_LAYER_USES_${current})
      foreach(u IN LISTS uses)
        if(NOT u IN_LIST closure)
          list(APPEND closure ${u})
          list(APPEND queue ${u})
        endif()
      endforeach()
    endwhile()
    set(dirs "")
    foreach(c IN LISTS closure)
      get_property(d GLOBAL PROPERTY SLUICE_LAYER_DIR_${c})
      list(APPEND dirs ${d})
    endforeach()
    get_property(own GLOBAL PROPERTY SLUICE_LAYER_DIR_${name})
    list(JOIN dirs " " joined)
    string(APPEND text "${own}: ${joined}\n")
  endforeach()
  file(WRITE "${PROJECT_BINARY_DIR}/engine-layers.txt" "${text}")
endfunction()
