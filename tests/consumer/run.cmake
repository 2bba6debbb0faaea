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
