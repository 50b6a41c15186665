package pipeline

import (
	"fmt"
	"io/fs"
	"sync"
	"testing/fstest"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

// A Config is what every stage of the pipeline needs to know: how to
// read the rows and how to score the visits. Beam sends the DoFns that
// hold it to its workers as JSON, so it holds plain values only: the
// blueprint travels as its files and is parsed again, once, on each
// worker (Load).
type Config struct {
	// Blueprint holds the blueprint's files by slash-separated path: the
	// document BlueprintName and those it extends, as read before the
	// pipeline was built. Empty when no blueprint is given (score and
	// fit need none; moments and leverage do).
	Blueprint     map[string][]byte
	BlueprintName string
	// Scale is the rating scale: the blueprint's, or as given.
	Scale scoring.Scale
	// Features define the peak and the end slope.
	Features scoring.FeatureOptions
	// The reading options that are values; each file is read with them
	// (and its own name and format).
	Encoding   scoring.Encoding
	Separator  byte
	TimeZone   string // an IANA name; "" is UTC
	Missing    scoring.MissingRatings
	MaxMoments int
	// Verbatim writes text cells as they are (see
	// scoring.FeatureWriter), in the features and the rejects.
	Verbatim bool
	// Words replace the library's words in the reasons of rejected rows
	// by the command's, such as "set Options.Missing to skip the moment"
	// by its flag: the longest first.
	Words map[string]string
}

// loaded caches the parsed blueprints of this process by Config, so
// that each worker parses its blueprint once, not once per bundle.
var loaded sync.Map // *Config's BlueprintName + content hash → *blueprint.Blueprint

// Load returns the Config's blueprint, validated; nil when it has none.
func (c *Config) Load() (*blueprint.Blueprint, error) {
	if len(c.Blueprint) == 0 {
		return nil, nil
	}
	key := c.key()
	if b, ok := loaded.Load(key); ok {
		return b.(*blueprint.Blueprint), nil
	}
	fsys := fstest.MapFS{}
	for name, data := range c.Blueprint {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	b, _, err := mot.LoadFS(fs.FS(fsys), c.BlueprintName)
	if err != nil {
		return nil, err
	}
	loaded.Store(key, b)
	return b, nil
}

func (c *Config) key() string {
	h := fnv64(c.BlueprintName)
	for name, data := range c.Blueprint {
		h ^= fnv64(name) * 31
		h ^= fnv64(string(data)) * 17
	}
	return fmt.Sprintf("%s/%016x", c.BlueprintName, h)
}

func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
