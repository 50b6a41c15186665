// Package mot works with the moments of truth of a service blueprint:
// the peaks of each visit purpose and its end, as the service-hall
// study (seed 003) marks them, and the action cards that go with them.
// It builds on package blueprint for the document and package scoring
// for recorded visits.
//
// In order of the study's five steps:
//
//   - Load reads a blueprint as peakend's commands do: overlays (extends)
//     merged, the document validated, and Check run. An overlay may add
//     moments but never remove one, nor loosen a standard.
//   - Journeys lists each journey's moments in order — peak, end, or key
//     (a card but neither) — with their cards in a chosen language, and
//     Check checks the method: journeys end on a customer step, and peak
//     and end cards have a need, an action, an owner and a measurable
//     standard, and peaks an action tagged follow-up.
//   - An Observer finds in recorded visits where the peaks, worst and
//     best moments and ends fall, per journey and touchpoint, reports
//     where that agrees with the blueprint and where not as Findings
//     (values, said in English or Chinese by Finding.Text), and sets each
//     standard beside the share of visits that meet it. A finding agrees
//     or disagrees only beyond chance — an exact two-sided binomial test
//     at Significance — and is otherwise undecided ("not enough visits
//     to tell"). Visits with purposes or touchpoints the blueprint lacks
//     are counted.
//     ScoringScale gives the blueprint's scale as package scoring takes
//     it, and SimulationOf draws visits that follow its journeys.
//   - A LeverageMeter ranks where one point better at a touchpoint moves
//     memory most, by peak-end and, with remembered ratings, by a fitted
//     model; and measures "a better end". Each gain has a 95% interval
//     from a Poisson bootstrap over BootstrapGroups random groups of the
//     visits, each visit's group hashed from its id, so that meters over
//     parts of the data add up; a journey with fewer than
//     LeverageMinVisits visits is marked as too few to rank.
//   - Cards and WriteCardsHTML / WriteCardsMarkdown print one action card
//     per moment for the wall; WriteMermaid exports journeys as Mermaid, every name
//     written so that Mermaid shows it as it is.
//
// Reports speak English or Chinese (lang zh or a zh- tag). Their words
// are Terms, each with a label and a one-line explanation in both
// languages, used alike by columns, legends (WriteLegend) and other
// reports; SummaryLabels puts a scoring.Summary in those words.
//
// Moments are taken in scoring's order (scoring.OrderWith), with ties
// between moments that start together broken by the blueprint's step
// order: StepOrder gives it, and set as scoring.FeatureOptions.Steps it
// makes the features agree with the Observer and LeverageMeter, so that
// the same rows in any order give the same reports.
//
// Observers and meters keep counts, not visits: their memory does not
// grow with the data. They merge (Merge) and travel between processes
// in a binary form that holds the counts, not the blueprint
// (MarshalBinary; UnmarshalBinary into one built from the same
// blueprint). A LeverageMeter's sums are exact (internal/exact), so its
// report is the same to the bit whatever the order of the visits and
// however they were split among meters and merged. None is safe for
// concurrent use; give each goroutine its own.
package mot
