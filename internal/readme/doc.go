// Package readme holds the test that runs the README as written: every
// command of the shell blocks of README.md and examples/*/README.md, in
// a temporary copy of the repository with peakend built and on the PATH,
// checking the output wherever the README shows it, so that the README
// cannot rot.
//
// A block is run unless the line before its fence is the marker
//
//	<!-- readme: no-run -->
//
// (a pattern to copy into one's own module, say). In a block whose lines
// start with "$ ", those are the commands and the lines after each, up to
// the next, are its output, compared exactly; in any other block every
// line is a command (a trailing "# …" is the shell's comment). Commands
// run in order, one shell each, in the copy's root, and must exit 0. A
// command is skipped, with its reason logged, when it is the test suite
// itself (go test, which would run this test again), needs the network
// (go get), or runs a program the machine lacks (in any command of its
// list or pipeline), naming it.
package readme
