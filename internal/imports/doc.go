// Package imports holds four small programs, each what a Go developer
// would write to use one part of peakend (load a blueprint with its
// overlay, render it as SVG, render it as PDF, score visits), and a test
// that holds what each links: the SVG program must not gain a package
// outside its allowed list, so that a program pays only for what it uses.
// bench/README.md gives their package counts and binary sizes.
package imports
