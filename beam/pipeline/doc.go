// Package pipeline scores recorded visits and analyses their moments of
// truth as an Apache Beam pipeline, giving the answers the peakend
// command gives on one machine.
//
// It lives in its own module, github.com/peakend/peakend/beam, so that
// importers of the library never download Beam. It holds no logic the
// library lacks: rows are read by package scoring, grouped by visit id
// wherever they are, joined into visits by scoring's rules, and the
// aggregates of package mot and scoring/analyze are combined with their
// Merge methods.
package pipeline
