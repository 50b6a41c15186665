package main

import (
	"strings"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/blueprint/poster"
	"github.com/peakend/peakend/mot/report"
)

// visitFiles is render's --visits, given once per file.
type visitFiles []string

func (v *visitFiles) String() string { return strings.Join(*v, ",") }

func (v *visitFiles) Set(s string) error {
	*v = append(*v, s)
	return nil
}

// measure reads the visit files against blueprint b, loaded from path,
// for the poster's measured values, in the poster's language.
func measure(c *command, e *env, vf *visitFlags, path string, b *blueprint.Blueprint, files []string, lang string) (*poster.Measured, int, bool) {
	vf.useBlueprint(path, b)
	if err := vf.prepare(e, files); err != nil {
		return nil, fail(e, c.name, err), false
	}
	scale, err := vf.scaleOf()
	if err != nil {
		return nil, fail(e, c.name, err), false
	}
	builder := report.New(b, scale, scale.Max)
	if code, ok := eachVisit(c, e, vf, files, builder); !ok || code != exitOK {
		return nil, code, false
	}
	return builder.Data(lang, files).Measured(), exitOK, true
}
