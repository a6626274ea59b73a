# cmake -P build_jar.cmake: generates the Java protobuf classes of every
# proto/welkom/v1/*.proto and compiles them with the SDK's Java sources (and,
# with TEST_SRC, the tests) into one jar.
#   -DPROTOC= -DPROTO_DIR= -DSRC= -DTEST_SRC= -DCLASSPATH= -DOUT_DIR= -DJAR=
#   -DJAVAC= -DJARTOOL=
file(REMOVE_RECURSE ${OUT_DIR})
file(MAKE_DIRECTORY ${OUT_DIR}/gen ${OUT_DIR}/classes)
file(GLOB protos ${PROTO_DIR}/welkom/v1/*.proto)
execute_process(COMMAND ${PROTOC} --proto_path=${PROTO_DIR}
  --java_out=${OUT_DIR}/gen ${protos} RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "protoc --java_out failed")
endif()
file(GLOB_RECURSE sources ${OUT_DIR}/gen/*.java ${SRC}/*.java)
if(TEST_SRC)
  file(GLOB_RECURSE tests ${TEST_SRC}/*.java)
  list(APPEND sources ${tests})
endif()
execute_process(COMMAND ${JAVAC} -nowarn -encoding UTF-8 -d ${OUT_DIR}/classes
  -cp ${CLASSPATH} ${sources} RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "javac failed")
endif()
execute_process(COMMAND ${JARTOOL} cf ${JAR} -C ${OUT_DIR}/classes .
  RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "jar failed")
endif()
