package scoring

import (
	"fmt"
	"math/rand/v2"
)

// A Panel makes simulated visits repeated measures: each visit is made
// by one of Customers customers at one of Sites sites, drawn uniformly,
// and each customer and each site has two random effects, drawn once
// from normal distributions with standard deviations CustomerSD and
// SiteSD: a shift of the moments' ratings (what they experience) and,
// drawn apart from it, a shift of the remembered rating (how leniently
// they remember). The two are independent, so a fit of the remembered
// rating on features stays unbiased, while both the features and the
// errors are correlated within a customer or site: the case where
// standard errors that take visits as independent are too small. The
// intraclass correlation of the memory model's errors is
// CustomerSD² / (CustomerSD² + SiteSD² + Noise²) within a customer.
// A zero Panel changes nothing.
type Panel struct {
	Customers, Sites   int
	CustomerSD, SiteSD float64
}

// panelEffects are a panel's drawn effects.
type panelEffects struct {
	p                Panel
	customers, sites []effect
	customerW, siteW int // digits of the ids
}

type effect struct{ shift, leniency float64 }

// draw returns the panel's effects, from a generator of their own so
// that a simulation without a panel draws what it drew before.
func (p Panel) draw(seed uint64) panelEffects {
	rng := rand.New(rand.NewPCG(seed, 0x2545f4914f6cdd1d))
	e := panelEffects{p: p, customerW: len(fmt.Sprint(p.Customers)), siteW: len(fmt.Sprint(p.Sites))}
	e.customers = effects(rng, p.Customers, p.CustomerSD)
	e.sites = effects(rng, p.Sites, p.SiteSD)
	return e
}

func effects(rng *rand.Rand, n int, sd float64) []effect {
	es := make([]effect, max(0, n))
	for i := range es {
		es[i] = effect{rng.NormFloat64() * sd, rng.NormFloat64() * sd}
	}
	return es
}

// assign gives v a customer and a site, and returns the shift of its
// moments' ratings and of its remembered rating.
func (e *panelEffects) assign(rng *rand.Rand, v *Visit) (shift, leniency float64) {
	if len(e.customers) > 0 {
		c := rng.IntN(len(e.customers))
		v.Customer = fmt.Sprintf("c%0*d", e.customerW, c+1)
		shift, leniency = e.customers[c].shift, e.customers[c].leniency
	}
	if len(e.sites) > 0 {
		s := rng.IntN(len(e.sites))
		v.Site = fmt.Sprintf("s%0*d", e.siteW, s+1)
		shift += e.sites[s].shift
		leniency += e.sites[s].leniency
	}
	return shift, leniency
}

// MaxPanel bounds the customers and sites of a Panel, whose effects are
// held in memory: 16 bytes each.
const MaxPanel = 1 << 24

// Validate reports a panel that cannot be drawn: negative or too many
// customers or sites, or standard deviations that are negative or not
// finite.
func (p Panel) Validate() error {
	switch {
	case p.Customers < 0 || p.Sites < 0 || p.Customers > MaxPanel || p.Sites > MaxPanel:
		return fmt.Errorf("panel: %d customers and %d sites; each must be 0 to %d", p.Customers, p.Sites, MaxPanel)
	case !finite(p.CustomerSD) || !finite(p.SiteSD) || p.CustomerSD < 0 || p.SiteSD < 0:
		return fmt.Errorf("panel: standard deviations %g and %g must be finite and not negative", p.CustomerSD, p.SiteSD)
	}
	return nil
}
