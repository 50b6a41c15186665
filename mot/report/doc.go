// Package report draws the study's steps 2 to 4 — analyse the data,
// find the moments of truth, rank what to improve — as one HTML file for
// the people who act on them: an overview of the journeys, then a
// printed page per journey with its experience curve, where the visits'
// peaks, worst moments and ends fall, the findings of declared against
// found, where to invest (mot's leverage, with "a better end") and the
// standards beside their measured share.
//
// A Builder reads the visits once (it is a scoring.Accumulator) and
// keeps counts, not visits: mot's Observer and LeverageMeter, and
// Distributions, per-step histograms of the ratings, exact on a rating
// scale and mergeable, for the quartile bands. Builder.Data gives the
// numbers as a Data value; WriteHTML draws it, with charts in SVG and
// the text in the embedded fonts, and WriteJSON writes it for
// dashboards, as schema.json describes.
//
// It is a package of its own, not part of mot, so that mot keeps to the
// method and its tables, and the drawing — fonts, charts, style sheet —
// stays out of every program that only counts.
package report
