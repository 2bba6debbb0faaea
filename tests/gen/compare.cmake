# Run a table generator and compare its output with the committed file, byte for byte.
# -DGEN=program -DOUT=fresh output -DREF=committed file -DTABLE=name
execute_process(COMMAND ${GEN} ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the generator ${GEN} failed (exit ${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${REF} RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
  message(FATAL_ERROR "${REF} differs from what the generator writes (${OUT}); if the change "
                      "is intended, run: cmake --build <build dir> --target regen_${TABLE}")
endif()
message(STATUS "${REF} matches its generator")
