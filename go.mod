module github.com/peakend/peakend

go 1.25

require (
	github.com/google/go-cmp v0.6.0
	github.com/rogpeppe/go-internal v1.16.0
	gopkg.in/yaml.v3 v3.0.1
)

require golang.org/x/tools v0.26.0 // indirect
