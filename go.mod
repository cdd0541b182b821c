module politely

go 1.26.8

require github.com/tidwall/gjson v1.18.0

require (
	github.com/syumai/workers v0.33.0 // indirect
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.2.0 // indirect
)
