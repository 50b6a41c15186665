package scoring

// FixColumns gives the header the customer and site columns as said,
// instead of as the first visit has them, before the first row: the
// writers of the shards of one output, each writing the rows of its own
// visits, decide them once for all. A visit without a customer (or site)
// the header has gets an empty cell; one with a customer the header has
// no column for is ErrNoWhoColumn, as with a first visit without one.
// It does nothing once a row or the header is written.
func (fw *FeatureWriter) FixColumns(customer, site bool) {
	if fw == nil || fw.cols.written {
		return
	}
	fw.cols.fixed = true
	fw.cols.has = [len(whoColumns)]bool{customer, site}
}
