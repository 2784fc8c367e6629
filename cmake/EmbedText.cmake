# Writes the bytes of INPUT to OUTPUT as a comma-separated list of character literals, for
# including text files (the RASP library) in C++ sources.
file(READ "${INPUT}" content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," content "${content}")
string(REGEX REPLACE ",$" "" content "${content}")
file(WRITE "${OUTPUT}" "${content}\n")
