package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/peakend/peakend/mot"
)

// The help says how many groups the bootstrap resamples, as the meter
// has them.
func TestLeverageHelpNamesTheGroups(t *testing.T) {
	text := strings.Join(strings.Fields(leverageCommand.usage), " ")
	if want := fmt.Sprintf("Poisson bootstrap over %d random groups of the visits", mot.BootstrapGroups); !strings.Contains(text, want) {
		t.Errorf("leverage's help lacks %q", want)
	}
}
