# Runs `sluicectl bench-audience` on a small warehouse: it must run through,
# the engine's members must equal the hand-written SQL's count (the command
# fails otherwise), and the generated data must have the sizes it promises.
# Timings are printed by the benchmark and never checked here.
#   cmake -DSLUICECTL=... -DOUT=... -P audience_smoke.cmake
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${SLUICECTL}" bench-audience --customers 3000 --repeat 1 --out "${OUT}" --json
                OUTPUT_VARIABLE doc ERROR_VARIABLE log RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sluicectl bench-audience failed (${rc}):\n${log}")
endif()
string(JSON customers GET "${doc}" customers)
string(JSON orders GET "${doc}" orders)
string(JSON events GET "${doc}" events)
string(JSON members GET "${doc}" members)
string(JSON steps LENGTH "${doc}" funnel)
if(NOT customers EQUAL 3000 OR orders LESS 24000 OR orders GREATER 36000 OR events LESS 48000
   OR events GREATER 72000)
  message(FATAL_ERROR "unexpected sizes: ${customers} customers, ${orders} orders, ${events} events")
endif()
if(members LESS 1 OR NOT steps EQUAL 3)
  message(FATAL_ERROR "the audience should have members and a funnel of 3 steps:\n${doc}")
endif()
message(STATUS "${customers} customers, ${orders} orders, ${events} events; ${members} members")
