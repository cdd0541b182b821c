package learn

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// JSON writes the model as a pack file: {"about": ..., "model": {...}}, one
// feature name a line and one label's weights a line (feature gaps and
// weights, see Version), so that a retrained model reads as a diff. The
// names are in the model's order, which train makes the commonest first.
// Numbers keep six significant digits; the file is what the pack loads, so
// a model is always judged as written. Weights are written as integers,
// in steps of "weight_unit": the largest of 10, 5, 2 or 1 times Unit that
// every weight is a whole number of (a trainer that rounds to hundredths
// writes hundredths), so they read back exactly as the model holds them.
func (m *Model) JSON(about string) []byte {
	var b bytes.Buffer
	str := func(s string) {
		q, _ := json.Marshal(s)
		b.Write(q)
	}
	num := func(x float64) { b.WriteString(strconv.FormatFloat(x, 'g', 6, 64)) }
	ints := func(xs []int) {
		b.WriteByte('[')
		for i, x := range xs {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Itoa(x))
		}
		b.WriteByte(']')
	}
	b.WriteString("{\n \"about\": ")
	str(about)
	b.WriteString(",\n \"model\": {\n  \"version\": ")
	b.WriteString(strconv.Itoa(Version))
	b.WriteString(",\n  \"features\": {\"words\": ")
	b.WriteString(strconv.Itoa(m.Config.Words))
	b.WriteString(", \"prefixes\": ")
	ints(m.Config.Prefixes)
	b.WriteString(", \"suffixes\": ")
	ints(m.Config.Suffixes)
	b.WriteString(", \"chars\": ")
	ints([]int{m.Config.CharMin, m.Config.CharMax})
	step := m.step()
	b.WriteString("},\n  \"weight_unit\": ")
	num(float64(step) * Unit)
	b.WriteString(",\n  \"rule_gain\": ")
	num(m.RuleGain)
	b.WriteString(",\n  \"labels\": [")
	for l, lab := range m.Labels {
		if l > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n   {\"id\": ")
		str(lab.ID)
		b.WriteString(", \"bias\": ")
		num(lab.Bias)
		b.WriteString(", \"threshold\": ")
		num(lab.Threshold)
		b.WriteString(", \"weights\": [")
		prev, n := 0, 0
		for f := range m.Names {
			// Features ascend: each is written as its gap from the one
			// before (Version), without spaces, and its weight in steps
			// of Unit, exactly as the model holds it.
			st := m.weight(int32(f), l)
			if st == 0 {
				continue
			}
			if n++; n > 1 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(f - prev))
			b.WriteByte(',')
			b.WriteString(strconv.Itoa(int(st / step)))
			prev = f
		}
		b.WriteString("]}")
	}
	b.WriteString("\n  ],\n  \"names\": [")
	for i, n := range m.Names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n   ")
		str(n)
	}
	b.WriteString("\n  ]\n }\n}\n")
	return b.Bytes()
}

// step is the largest of 10, 5, 2 and 1 that divides every weight of m, in
// steps of Unit.
func (m *Model) step() int32 {
next:
	for _, q := range [...]int32{10, 5, 2} {
		for f := range m.Names {
			for l := range m.Labels {
				if m.weight(int32(f), l)%q != 0 {
					continue next
				}
			}
		}
		return q
	}
	return 1
}
