package scoring

// Names turns the purposes and touchpoints an input gives by name, in
// any language, into the ids of a model of the service, such as a
// blueprint's journeys and touchpoints (scoring knows no blueprint;
// package mot makes Names from one). Read asks it once for each
// distinct text, and its error becomes the row's; it returns a text it
// does not know as it is. Read calls it from more than one goroutine.
type Names interface {
	Purpose(text string) (id string, err error)
	Touchpoint(text string) (id string, err error)
}

// A nameCache remembers the answers of Options.Names: texts repeat on
// millions of rows.
type nameCache struct {
	purposes, touchpoints map[string]named
	// In front of the maps, as each row asks: the last purpose (a
	// visit's rows repeat it) with its id as bytes, so that a row costs
	// no copy, then the purposes lately known (visits of a few
	// purposes alternate); and the touchpoints lately known, by a hash
	// of their ends (texts come interned, so equal ones compare by
	// pointer).
	lastPurpose       string // interned
	lastPurposeID     []byte
	recentPurposes    [8]recentPurpose // by the top 3 bits of a product of endsHash
	recentTouchpoints [32]struct{ text, id string }
}

type named struct {
	id  string
	err error
}

// maxNamesCached bounds each cache; past it Names is asked again.
const maxNamesCached = 1 << 14

// resolve returns the id of a text by the lookup, cached in m.
func resolve(m *map[string]named, text string, lookup func(string) (string, error)) (string, error) {
	if *m == nil {
		*m = map[string]named{}
	}
	if n, ok := (*m)[text]; ok {
		return n.id, n.err
	}
	id, err := lookup(text)
	if len(*m) < maxNamesCached {
		(*m)[text] = named{id, err}
	}
	return id, err
}

// purposeID returns the id of the purpose text, as Options.Names says.
func (p *parser) purposeID(text string) (string, error) {
	if p.opt.Names == nil || text == "" {
		return text, nil
	}
	return resolve(&p.names.purposes, text, p.opt.Names.Purpose)
}

// touchpointID returns the id of the touchpoint text, as Options.Names
// says.
func (p *parser) touchpointID(text string) (string, error) {
	if p.opt.Names == nil { // small enough to inline: it is asked on every row
		return text, nil
	}
	return p.resolveTouchpoint(text)
}

// namedRecently returns the id of touchpoint text b under
// Options.Names, and true, when b, of at most 8 bytes, is among the
// touchpoints lately known: inline, as every row asks, before
// namedTouchpoint, which answers the rest.
func (p *parser) namedRecently(b []byte) (string, bool) {
	if uint(len(b)-1) >= 8 { // empty, or longer than 8
		return "", false
	}
	slot := &p.names.recentTouchpoints[endsHash(b)&(len(p.names.recentTouchpoints)-1)]
	return slot.id, sameShort(slot.text, b)
}

// namedTouchpoint returns the id of touchpoint text b under
// Options.Names, as touchpointID does for b interned. A row's text is
// looked for in the touchpoints lately known before it is interned,
// which would look for it a second time.
func (p *parser) namedTouchpoint(b []byte) (string, error) {
	if len(b) > 0 {
		if slot := recentTouchpoint(&p.names, b); sameText(slot.text, b) {
			return slot.id, nil
		}
	}
	return p.resolveTouchpoint(p.internBytes(b))
}

func (p *parser) resolveTouchpoint(text string) (string, error) {
	if text == "" {
		return text, nil
	}
	slot := recentTouchpoint(&p.names, text)
	if slot.text == text {
		return slot.id, nil
	}
	id, err := resolve(&p.names.touchpoints, text, p.opt.Names.Touchpoint)
	if err == nil {
		slot.text, slot.id = text, id
	}
	return id, err
}

// recentTouchpoint returns the cache slot of a touchpoint text, by a
// hash of its ends; text is not empty.
func recentTouchpoint[T string | []byte](c *nameCache, text T) *struct{ text, id string } {
	return &c.recentTouchpoints[endsHash(text)&(len(c.recentTouchpoints)-1)]
}

// lastPurposeNamed returns the id of the purpose text under
// Options.Names, as bytes the caller does not change, and true, when it
// is the last row's: inline, as every row asks, before purposeBytes.
func (p *parser) lastPurposeNamed(text []byte) ([]byte, bool) {
	c := &p.names
	return c.lastPurposeID, c.lastPurposeID != nil && sameText(c.lastPurpose, text)
}

// A recentPurpose is a purpose's text, interned, and its id as bytes.
type recentPurpose struct {
	text string
	id   []byte
}

// purposeBytes returns the id of the purpose text under Options.Names,
// as bytes the caller does not change.
func (p *parser) purposeBytes(text []byte) ([]byte, error) {
	if id, ok := p.lastPurposeNamed(text); ok {
		return id, nil
	}
	c := &p.names
	var slot *recentPurpose
	if len(text) > 0 {
		// endsHash's low bits are the same for every text of one byte.
		slot = &c.recentPurposes[uint32(endsHash(text))*0x9E3779B1>>29]
		if slot.id != nil && sameText(slot.text, text) {
			c.lastPurpose, c.lastPurposeID = slot.text, slot.id
			return slot.id, nil
		}
	}
	interned := p.internBytes(text)
	id, err := p.purposeID(interned)
	if err != nil {
		return nil, err
	}
	c.lastPurpose, c.lastPurposeID = interned, []byte(id)
	if slot != nil {
		*slot = recentPurpose{interned, c.lastPurposeID}
	}
	return c.lastPurposeID, nil
}
