// Package scoring scores recorded service visits by the peak-end rule
// and by the rules it is measured against. It stands alone: it imports
// neither the blueprint nor the mot package, nor anything outside the
// standard library but golang.org/x/text's GB18030 decoder. Its
// subpackage analyze compares rules against remembered ratings and fits
// them; xlsx reads visits from workbooks.
//
// A Visit is a customer's passage through a service: moments, each
// rated on a Scale, with an optional start time, duration, touchpoint
// and seq (its number in the visit, for the order of moments), and
// optionally the rating the customer remembered afterwards, and who
// made it and where (Customer and Site: columns
// customer and site, constant within a visit, which make visits
// repeated measures). Missing numbers are NA (a NaN); test them with
// IsNA.
//
// Compute returns a visit's Features, defined in this order:
//
//  1. The moments are ordered by their content, so that the same rows
//     in any input order give the same features (OrderWith): by start
//     time t when every moment has one; moments that start at the same
//     instant by seq (the optional seq column or key, a whole number;
//     a moment with one before a moment without), then by their
//     touchpoint's place in the visit's journey (FeatureOptions.Steps,
//     which mot.StepOrder makes from a blueprint; a touchpoint the
//     journey lacks after those it has), then by touchpoint id, then by
//     rating, then by duration (none last). A visit without a t on
//     every moment is ordered by seq, then the same keys, when every
//     moment has a seq, else kept in input order, the only order it
//     has (OrderedByContent tells these apart). Moments equal in every
//     key are alike in every feature.
//  2. first and end are the ratings of the first and last moment.
//  3. peak is the rating of the most intense moment, the one farthest
//     from the scale's neutral rating; a tie goes to a moment on the bad
//     side of neutral, then to the earliest.
//  4. best and worst follow the scale's direction (higher is better, or
//     worse as on pain scales); weakest is worst: one bad moment sinks
//     the visit ("100 − 1 = 0").
//  5. mean is the plain mean; time_mean is weighted by duration and NA
//     unless every moment has one.
//  6. duration is max(t + duration) − min(t) when start times are given,
//     else the sum of durations, else NA.
//  7. trend is the least-squares slope of rating against position
//     0..n−1, and 0 for a single moment.
//  8. peak_end is (peak + end) / 2.
//  9. end_slope is the least-squares slope over the last 3 moments, and
//     peaks the number of local maxima of the rating (runs of equal
//     ratings count once); the writers' columns leave them out, so that
//     their output stays as it was, and fits and rules read them.
//
// ComputeWith takes FeatureOptions: the peak as the best or the worst
// moment instead of the most intense, the moments end_slope covers, and
// the journeys' step order for ties. Rules see the visit, not the
// options: Recency orders ties without the steps.
//
// A Rule turns a visit into a predicted remembered rating. PeakEnd,
// Mean, TimeMean, Peak, End, First, Best, Worst, Trend, Recency and
// Linear are provided; a Rule is a name and a function, so adding one's
// own is a struct literal.
//
// Read streams visits from tidy CSV (one row per moment) or JSON Lines
// (one visit per line) as an iter.Seq2, in memory that stays flat in the
// number of visits, and reports every bad row as a *ParseError naming
// file, line, column (in characters) and visit, wrapping one of the
// Err… kinds (ErrOutOfScale, ErrNotNumber, …) for errors.Is. With
// Options.Reject, bad rows are handed over and the rest is read. It
// reads data as data tools do: ids, purposes and touchpoints are UTF-8
// without control characters; numbers are decimal (no hexadecimal, digit
// separators, Inf or NaN); times are seconds, RFC 3339, dates with a
// time (2024/5/1 9:02, in Options.Location) or times of day (09:02), one
// form a visit, in the years MinYear to MaxYear; a visit has at most
// Options.MaxMoments moments and MaxVisitBytes bytes. Text that is not
// UTF-8 is read as GB18030 when it decodes as it, line by line
// (Options.Encoding, Options.Detected), and anything else is a
// DecodeError at its byte; UTF-16 with a byte order mark is decoded. A
// header with more tabs than commas is tab-separated; headers may be
// Chinese (ColumnNames). A missing rating (N/A, NA, -, 无, #N/A or empty)
// rejects its visit, or is skipped and counted (Options.Missing);
// Options.Names gives ids for names. With Options.Reject a visit is read
// whole or not at all: a bad row sends its visit's other rows to Reject
// too (ErrVisitRejected). Two visits are never taken
// for one: a visit id seen before is confirmed against the exact id by
// reading the input again (a stream is copied to Options.TempDir for
// that), and a visit whose rows are not together is ErrReappears.
//
// ReadRanges reads a file on every core: it cuts the file into byte
// ranges at line boundaries, and each range is parsed, assembled into
// visits, scored and added to an Accumulator of its own by Read's own
// parser and assembler, on one goroutine; the parts are committed in
// input order, with the same visits, rejected rows and errors as Read.
// Summary, and mot's Observer and LeverageMeter, are Mergers: their
// parts merge into the result of one pass. The ranges depend on the input
// only, so the merged sums are the same on any number of cores.
//
// VisitWriter and FeatureWriter write the formats back, with customer
// and site columns when the first visit has them, and Summary its means
// (WriteCSVLabelled with headings and names for people); numbers are
// written in the shortest form that reads back the
// same, NA as an empty cell (AppendNumber), and text cells are quoted by
// AppendCSVText, which neutralises a text a spreadsheet would run as a
// formula unless the writer is Verbatim.
//
// A Simulation draws visits whose remembered ratings follow a known
// MemoryModel, so that an analysis can be checked to find what was put
// in. Remembered ratings are kept on the scale, as survey answers are:
// near its ends that ceiling biases fits, so check recovery on a scale
// wider than the ratings. Its Panel gives visits customers and sites
// with random effects of known size.
//
// Compute, the rules and the writers are safe for concurrent use on
// distinct values; a Read iterator is used by one goroutine.
package scoring
