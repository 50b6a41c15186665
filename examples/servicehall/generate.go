package servicehall

// The sample visit files of a store manager: visits.csv (ids, seconds)
// and visits.xlsx here, and the same visits in GB18030 CSV and in TSV
// under testdata/zh, with Chinese names and clock times.
//go:generate go run ./internal/gensamples -dir . -testdata ../../testdata/zh
