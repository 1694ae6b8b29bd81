#pragma once
// The command line (CLI11): serve, migrate, user, token, org, audit, backup, restore, demo.
namespace renkei::app {
int RunCommandLine(int argc, char** argv);
}
