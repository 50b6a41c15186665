package mot

import "unsafe"

// A journeys finds a journey's sums by its id, the visit's purpose: for
// a blueprint of a few journeys (at most maxFewJourneys), by looking
// through them, in less than a look-up in a map; else in the map.
type journeys[T any] struct {
	few []purposeOf[T]
	all map[string]T
}

type purposeOf[T any] struct {
	id string
	v  T
}

// maxFewJourneys bounds the journeys looked through.
const maxFewJourneys = 4

// journeysOf returns the journeys of all.
func journeysOf[T any](all map[string]T) journeys[T] {
	js := journeys[T]{all: all}
	if len(all) <= maxFewJourneys {
		for id, v := range all {
			js.few = append(js.few, purposeOf[T]{id, v})
		}
	}
	return js
}

// find returns the sums of the journey purpose names, and whether there
// is one. The few compare by their texts' addresses first, and keep the
// reader's text of a purpose once equal: the next visits of the purpose,
// read by the same reader, share it.
func (js journeys[T]) find(purpose string) (T, bool) {
	for i := range js.few {
		if sameText(js.few[i].id, purpose) {
			return js.few[i].v, true
		}
	}
	for i := range js.few {
		if js.few[i].id == purpose {
			js.few[i].id = purpose
			return js.few[i].v, true
		}
	}
	if len(js.few) == len(js.all) {
		var none T
		return none, false
	}
	v, ok := js.all[purpose]
	return v, ok
}

// sameText reports whether a and b are the same bytes in memory: then
// they are equal, which a == b finds only by a call of the runtime's,
// that saves the caller's values and loads them again around it.
func sameText(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}
