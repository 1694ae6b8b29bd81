// renkei: one binary for the server and its administration. See `renkei --help`.
#include "app/commands.hpp"

int main(int argc, char** argv) { return renkei::app::RunCommandLine(argc, argv); }
