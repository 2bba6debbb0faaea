# Install the built tree into a scratch prefix, then build consumer.c against it twice:
# with pkg-config and with find_package(tthc CONFIG).
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix}
                RESULT_VARIABLE r)
if(r)
  message(FATAL_ERROR "install failed")
endif()

# 1. pkg-config
find_program(PKG_CONFIG pkg-config REQUIRED)
file(GLOB pcdir ${prefix}/lib*/pkgconfig ${prefix}/lib/*/pkgconfig)
set(ENV{PKG_CONFIG_PATH} "${pcdir}")
execute_process(COMMAND ${PKG_CONFIG} --cflags --libs tthc OUTPUT_VARIABLE flags
                OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE r)
if(r)
  message(FATAL_ERROR "pkg-config --cflags --libs tthc failed")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")
execute_process(COMMAND cc -std=c11 -Wall -Werror ${SOURCE_DIR}/consumer.c ${flags}
                        -o ${WORK_DIR}/consumer_pc RESULT_VARIABLE r)
if(r)
  message(FATAL_ERROR "building with pkg-config flags failed: ${flags}")
endif()
get_filename_component(libdir "${pcdir}" DIRECTORY)
set(ENV{LD_LIBRARY_PATH} "${libdir}")
execute_process(COMMAND ${WORK_DIR}/consumer_pc RESULT_VARIABLE r)
if(r)
  message(FATAL_ERROR "consumer built with pkg-config failed to run")
endif()

# The manual page is installed with the command.
if(NOT EXISTS ${prefix}/share/man/man1/tthc.1)
  message(FATAL_ERROR "the manual page share/man/man1/tthc.1 is not installed")
endif()

# The example programs (examples/*.c), each built the same way and run on known input; their
# output must be the expected one (tests/consumer/expected/).
get_filename_component(examples ${SOURCE_DIR}/../../examples ABSOLUTE)
get_filename_component(data ${SOURCE_DIR}/../data ABSOLUTE)
file(GLOB example_sources ${examples}/*.c)
foreach(src ${example_sources})
  get_filename_component(name ${src} NAME_WE)
  execute_process(COMMAND cc -std=c11 -Wall -Wextra -Werror ${src} ${flags}
                          -o ${WORK_DIR}/${name} RESULT_VARIABLE r ERROR_VARIABLE err)
  if(r)
    message(FATAL_ERROR "examples/${name}.c does not build with pkg-config:\n${err}")
  endif()
endforeach()

function(run_example exe expected input status)
  set(in)
  if(input)
    set(in INPUT_FILE ${input})
  endif()
  execute_process(COMMAND ${WORK_DIR}/${exe} ${ARGN} ${in} WORKING_DIRECTORY ${data}
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE r)
  file(READ ${SOURCE_DIR}/expected/${expected} want)
  if(NOT r EQUAL status OR NOT out STREQUAL want)
    message(FATAL_ERROR "${exe} ${ARGN}: exit ${r}, ${err}\nprinted:\n${out}\nexpected:\n${want}")
  endif()
endfunction()
run_example(due_date due_date.txt "" 0 2025-01-24T16:10 "05 ngày làm việc")
run_example(due_date due_date_vi.txt "" 0 2025-03-04T14:00 "Trong ngày" --vi)
run_example(normalize_register normalize_register.txt ${data}/register_tcvn3.txt 0)
# (in tests/data) a target missed: exit status 3
run_example(commune_report commune_report.txt "" 3 dossiers_2025_03.csv "UBND xã An Bình"
            targets_2025.json 2025-03-31T23:59:59)
list(LENGTH example_sources n)
message(STATUS "${n} example programs build against the installed library and run")

# 2. find_package
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/cm
                        -DCMAKE_PREFIX_PATH=${prefix} RESULT_VARIABLE r)
if(r)
  message(FATAL_ERROR "configuring the find_package consumer failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/cm RESULT_VARIABLE r)
if(r)
  message(FATAL_ERROR "building the find_package consumer failed")
endif()
execute_process(COMMAND ${WORK_DIR}/cm/consumer RESULT_VARIABLE r)
if(r)
  message(FATAL_ERROR "consumer built with find_package failed to run")
endif()
message(STATUS "consumer builds with pkg-config and find_package")
