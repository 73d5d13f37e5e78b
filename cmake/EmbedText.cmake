# Script mode: turn a text file into a C++ string_view definition.
file(READ "${IN}" content HEX)
string(LENGTH "${content}" hexlen)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE "${OUT}"
"// Generated from ${IN}; do not edit.\n#include <string_view>\nnamespace sluice::embedded {\nstatic const char ${SYMBOL}_data[] = {${bytes} 0};\nextern const std::string_view ${SYMBOL};\nconst std::string_view ${SYMBOL}(${SYMBOL}_data, sizeof(${SYMBOL}_data) - 1);\n}\n")
