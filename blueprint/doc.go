// Package blueprint reads, checks and writes service blueprint
// documents: the YAML format in which peakend describes a service's
// customer journey.
//
// A blueprint has stages (columns, in time order) and touchpoints (its
// cells), each in one of five lanes after Bitner, Ostrom and Morgan
// (2008): evidence, customer, frontstage, backstage, support. The three
// lines between them (interaction, visibility, internal interaction)
// follow from the lanes and are never written. Journeys are visit
// purposes: ordered steps through the touchpoints, with the peaks of
// that purpose and its end. Moments are the cards of the moments of
// truth, keyed by touchpoint, with measurable standards.
//
// Reading a document follows these rules, in order:
//
//  1. A document larger than MaxSize, not UTF-8, empty, not YAML, or
//     holding more than one YAML document is refused with one problem.
//  2. Decoding is strict: every key must be one the format defines
//     (an unknown key is reported with the closest known one), no key
//     may be written twice, and every value must have its type. A text
//     is a plain string or a mapping from language tag to string.
//     Aliases work, but may not expand the document by more than a
//     fixed number of nodes, so that an alias bomb is refused at once.
//     An optional key left empty ("fail: ~") is the same as an absent one.
//  3. Validation checks the meaning: the format version; ids (present,
//     without white space, unique per kind); every reference (stage,
//     lane, role, next, steps, peaks, end, moment keys, owners); flows
//     to oneself; journeys (not empty, peaks among the steps, the end
//     being the last step); waits (the standard within the tolerance);
//     the scale (min below max, neutral inside); standards (exactly one
//     of max and min). It warns of a journey without a peak, a customer
//     touchpoint in no journey, a stage without a touchpoint, a journey
//     that goes back to an earlier stage, and a peak or end without a
//     moment card.
//  4. Every problem carries the position it was found at and is
//     reported with all the others, sorted, in the form
//     file:line:col: message that go vet uses. Problem.Rule names the
//     check: syntax, empty, encoding, too-large, alias-limit, type,
//     unknown-key, duplicate-key, version, unknown-lane, missing-field,
//     duration, missing-id, bad-id, duplicate-id, unknown-ref,
//     self-loop, empty-journey, peak-not-in-steps, end-not-last,
//     wait-order, scale-range, standard-target, unknown-tag; and, for warnings,
//     no-peak, unused-customer-touchpoint, empty-stage, stage-backwards,
//     moment-missing.
//
// A moment card's actions may carry behaviour tags (BehaviourTags):
// {text: ..., tags: [follow-up]}. A document with extends is an overlay
// of other blueprints; package mot merges and checks overlays.
//
// Parse returns a blueprint or the errors; Lint returns the blueprint
// with every error and warning, for tools that show them. Encode writes
// a blueprint in canonical form, and Format puts a document in that
// form while keeping its comments, as gofmt does for Go.
//
// The file schema.json beside this package is a JSON Schema (draft
// 2020-12) of the format for editors; it states the rules of step 2 and
// the presence and form of ids, and agrees with the decoder on them.
//
// A Blueprint is a plain value: safe to read from many goroutines, not
// to change while others read it.
package blueprint
