package blueprint

// A Rule names the check that found a problem. Tools may filter on it;
// the package doc lists every rule of this package.
type Rule string

// The rules of reading a document (step 1 of the package doc).
const (
	RuleSyntax   Rule = "syntax"
	RuleEmpty    Rule = "empty"
	RuleEncoding Rule = "encoding"
	RuleTooLarge Rule = "too-large"
	RuleRead     Rule = "read"
)

// The rules of decoding (step 2).
const (
	RuleAliasLimit       Rule = "alias-limit"
	RuleType             Rule = "type"
	RuleUnknownKey       Rule = "unknown-key"
	RuleDuplicateKey     Rule = "duplicate-key"
	RuleControlCharacter Rule = "control-character"
	RuleVersion          Rule = "version"
	RuleUnknownLane      Rule = "unknown-lane"
	RuleMissingField     Rule = "missing-field"
	RuleDuration         Rule = "duration"
)

// The rules of validation (step 3), errors first, then warnings.
const (
	RuleMissingID       Rule = "missing-id"
	RuleBadID           Rule = "bad-id"
	RuleDuplicateID     Rule = "duplicate-id"
	RuleUnknownRef      Rule = "unknown-ref"
	RuleSelfLoop        Rule = "self-loop"
	RuleEmptyJourney    Rule = "empty-journey"
	RulePeakNotInSteps  Rule = "peak-not-in-steps"
	RuleEndNotLast      Rule = "end-not-last"
	RuleWaitOrder       Rule = "wait-order"
	RuleScaleRange      Rule = "scale-range"
	RuleStandardTarget  Rule = "standard-target"
	RuleUnknownTag      Rule = "unknown-tag"
	RuleUnknownColumn   Rule = "unknown-column"
	RuleDuplicateColumn Rule = "duplicate-column"
	RuleNoPeak          Rule = "no-peak"
	RuleUnusedCustomer  Rule = "unused-customer-touchpoint"
	RuleEmptyStage      Rule = "empty-stage"
	RuleStageBackwards  Rule = "stage-backwards"
	RuleCardMissing     Rule = "moment-missing"
	RuleSimilarID       Rule = "similar-id"
)

// The rules of overlays (Load).
const (
	RuleExtends           Rule = "extends"
	RuleExtendsCycle      Rule = "extends-cycle"
	RuleExtendsLimit      Rule = "extends-limit"
	RuleExtendsUnresolved Rule = "extends-unresolved"
	RuleOverlayScale      Rule = "overlay-scale"
	RuleOverlayMove       Rule = "overlay-move"
	RuleOverlayRemove     Rule = "overlay-remove"
	RuleOverlayLoosen     Rule = "overlay-loosen"
	RuleOverlayUnit       Rule = "overlay-unit"
)

// Rules returns every rule this package reports, in the order of the
// package doc. Packages that check more (such as mot) have rules of
// their own.
func Rules() []Rule {
	return []Rule{
		RuleSyntax, RuleEmpty, RuleEncoding, RuleTooLarge, RuleRead,
		RuleAliasLimit, RuleType, RuleUnknownKey, RuleDuplicateKey, RuleControlCharacter,
		RuleVersion, RuleUnknownLane, RuleMissingField, RuleDuration,
		RuleMissingID, RuleBadID, RuleDuplicateID, RuleUnknownRef, RuleSelfLoop,
		RuleEmptyJourney, RulePeakNotInSteps, RuleEndNotLast, RuleWaitOrder,
		RuleScaleRange, RuleStandardTarget, RuleUnknownTag, RuleUnknownColumn, RuleDuplicateColumn,
		RuleNoPeak, RuleUnusedCustomer, RuleEmptyStage, RuleStageBackwards, RuleCardMissing, RuleSimilarID,
		RuleExtends, RuleExtendsCycle, RuleExtendsLimit, RuleExtendsUnresolved,
		RuleOverlayScale, RuleOverlayMove, RuleOverlayRemove, RuleOverlayLoosen, RuleOverlayUnit,
	}
}
