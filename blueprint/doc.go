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
// that purpose and its end. Cards (the key moments) are the cards of
// the moments of truth, keyed by touchpoint, with measurable standards.
//
// Reading a document follows these rules, in order:
//
//  1. A document larger than MaxSize, not UTF-8, empty, not YAML, or
//     holding more than one YAML document is refused with one problem.
//     A syntax error near a full-width colon or comma (what a Chinese
//     input method types for ':' and ',') is placed at that character,
//     with a hint; so is an unknown reference that holds one.
//     Every reader (ParseFile, ReadSource, Load) stops reading at
//     MaxSize+1 bytes.
//  2. Decoding is strict: every key must be one the format defines
//     (an unknown key is reported with the closest known one), no key
//     may be written twice, and every value must have its type. A text
//     is a plain string or a mapping from language tag to string. No
//     text may hold a character XML 1.0 forbids (a control character
//     written as a YAML escape), since every output of a blueprint is
//     text a reader parses. Aliases work, but may not expand the
//     document by more than 1 MiB of text, so that an alias bomb is
//     refused at once. An optional key left empty ("fail: ~") is the
//     same as an absent one. Messages quote at most a short excerpt of
//     the document.
//  3. Validation checks the meaning: the format version; ids (present,
//     without white space, unique per kind); every reference (stage,
//     lane, role, next, steps, peaks, end, moment keys, owners); flows
//     to oneself; journeys (not empty, peaks among the steps, the end
//     being the last step); waits (the standard within the tolerance);
//     the scale (min below max, neutral inside); standards (exactly one
//     of max and min). It warns of a journey without a peak, a customer
//     touchpoint in no journey, a stage without a touchpoint, a journey
//     that goes back to an earlier stage, a peak or end without a
//     moment card, and ids of one kind that differ only in case or
//     Unicode form (NFC).
//  4. Every problem carries the position it was found at and is
//     reported once, with all the others, sorted, in the form
//     file:line:col: message that go vet uses.
//
// A document with extends is an overlay of other blueprints. Load reads
// it from an fs.FS with its bases and merges them under the rules its
// doc states; Parse and Lint refuse it alone (extends-unresolved).
//
// Problem.Rule names the check that found a problem, one of the Rule
// constants (Rules lists them):
//
//   - syntax: not YAML, or more than one YAML document
//   - empty: no document at all
//   - encoding: not UTF-8
//   - too-large: larger than MaxSize
//   - read: the file cannot be read (the error wraps the *fs.PathError)
//   - alias-limit: aliases expand the document too far
//   - type: a value of the wrong type
//   - unknown-key: a key the format does not define
//   - duplicate-key: a key written twice
//   - control-character: a character XML 1.0 forbids
//   - version: the format version missing or unsupported
//   - unknown-lane: a lane that is not one of the five
//   - missing-field: a touchpoint without its lane or stage
//   - duration: a wait that is not a duration
//   - missing-id: an element without an id
//   - bad-id: an id with white space
//   - duplicate-id: two elements of one kind with one id
//   - unknown-ref: a reference to no element
//   - self-loop: a touchpoint that flows to itself
//   - empty-journey: a journey without steps
//   - peak-not-in-steps: a peak that is not a step of its journey
//   - end-not-last: an end that is not the last step
//   - wait-order: a wait standard above its tolerance
//   - scale-range: min not below max, or neutral outside
//   - standard-target: a standard without exactly one of max and min
//   - unknown-tag: an action tag that is not a behaviour tag
//   - unknown-column: a key of columns that is not a column of visit data
//   - duplicate-column: one name given to two columns, or a column's English name given to another
//   - no-peak: (warning) a journey that marks no peak
//   - unused-customer-touchpoint: (warning) a customer touchpoint in no journey
//   - empty-stage: (warning) a stage without a touchpoint
//   - stage-backwards: (warning) a journey going back to an earlier stage
//   - moment-missing: (warning) a peak or end without a moment card
//   - similar-id: (warning) ids equal but for case or Unicode form
//   - extends: an extends path that is absolute, leaves the file system or cannot be read
//   - extends-cycle: extends that goes round in a circle
//   - extends-limit: extends reaching more than MaxLoadFiles files or MaxLoadBytes bytes
//   - extends-unresolved: an overlay given to Parse or Lint, not Load
//   - overlay-scale: an overlay changing the scale
//   - overlay-move: an overlay moving a touchpoint to another stage or lane
//   - overlay-remove: an overlay dropping a step, un-marking a peak or changing an end
//   - overlay-loosen: an overlay loosening a standard or a wait
//   - overlay-unit: an overlay changing a standard's unit
//
// A moment card's actions may carry behaviour tags (BehaviourTags()):
// {text: ..., tags: [follow-up]}. A standard's unit is written once, in
// English ("min", "channels", "%"); Quantity and UnitText say it in a
// reader's language ("7 分钟", "≥ 5 个渠道"), IsChinese telling which.
//
// Parse returns a blueprint or the errors; Lint returns the blueprint
// with every error and warning, for tools that show them; Load returns
// a blueprint with its overlays merged, its warnings, and an error that
// is nil when there are no errors. Encode writes a blueprint in
// canonical form, and Format puts a document in that form while keeping
// its comments and its meaning, as gofmt does for Go.
//
// The file schema.json beside this package is a JSON Schema (draft
// 2020-12) of the format for editors; it states the rules of step 2 and
// the presence and form of ids, and agrees with the decoder on them.
//
// A Blueprint is a plain value: safe to read from many goroutines, not
// to change while others read it.
package blueprint
