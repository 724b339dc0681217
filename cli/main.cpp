#include "context.hpp"

int main(int argc, char** argv) { return cli::run_main(argc, argv); }
