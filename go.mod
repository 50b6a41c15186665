module github.com/peakend/peakend

go 1.25

require (
	github.com/rogpeppe/go-internal v1.16.0
	gopkg.in/yaml.v3 v3.0.1
)
