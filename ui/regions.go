package ui

import (
	"strings"

	"github.com/ssotray/ssotray/storage"
)

// regionPlaces are the place names AWS gives its Regions, so that a person
// told "Ireland" or "Frankfurt" on the phone finds the code. A Region
// missing here still shows, by its code alone.
var regionPlaces = map[string]string{
	"af-south-1":     "Africa (Cape Town)",
	"ap-east-1":      "Asia Pacific (Hong Kong)",
	"ap-east-2":      "Asia Pacific (Taipei)",
	"ap-northeast-1": "Asia Pacific (Tokyo)",
	"ap-northeast-2": "Asia Pacific (Seoul)",
	"ap-northeast-3": "Asia Pacific (Osaka)",
	"ap-south-1":     "Asia Pacific (Mumbai)",
	"ap-south-2":     "Asia Pacific (Hyderabad)",
	"ap-southeast-1": "Asia Pacific (Singapore)",
	"ap-southeast-2": "Asia Pacific (Sydney)",
	"ap-southeast-3": "Asia Pacific (Jakarta)",
	"ap-southeast-4": "Asia Pacific (Melbourne)",
	"ap-southeast-5": "Asia Pacific (Malaysia)",
	"ap-southeast-6": "Asia Pacific (New Zealand)",
	"ap-southeast-7": "Asia Pacific (Thailand)",
	"ca-central-1":   "Canada (Central)",
	"ca-west-1":      "Canada West (Calgary)",
	"cn-north-1":     "China (Beijing)",
	"cn-northwest-1": "China (Ningxia)",
	"eu-central-1":   "Europe (Frankfurt)",
	"eu-central-2":   "Europe (Zurich)",
	"eu-north-1":     "Europe (Stockholm)",
	"eu-south-1":     "Europe (Milan)",
	"eu-south-2":     "Europe (Spain)",
	"eu-west-1":      "Europe (Ireland)",
	"eu-west-2":      "Europe (London)",
	"eu-west-3":      "Europe (Paris)",
	"eusc-de-east-1": "AWS European Sovereign Cloud (Germany)",
	"il-central-1":   "Israel (Tel Aviv)",
	"me-central-1":   "Middle East (UAE)",
	"me-south-1":     "Middle East (Bahrain)",
	"mx-central-1":   "Mexico (Central)",
	"sa-east-1":      "South America (São Paulo)",
	"us-east-1":      "US East (N. Virginia)",
	"us-east-2":      "US East (Ohio)",
	"us-gov-east-1":  "AWS GovCloud (US-East)",
	"us-gov-west-1":  "AWS GovCloud (US-West)",
	"us-west-1":      "US West (N. California)",
	"us-west-2":      "US West (Oregon)",
}

// regionLabel is how a Region is listed: "eu-west-1 · Europe (Ireland)".
func regionLabel(region string) string {
	if place, ok := regionPlaces[region]; ok {
		return region + " · " + place
	}
	return region
}

// filterRegions returns the known Regions whose code or place name contains
// query, ignoring case and surrounding spaces: "ireland", "EU-WEST",
// "tokyo". An empty query matches all of them.
func filterRegions(query string) []string {
	q := strings.ToLower(strings.TrimSpace(query))
	all := storage.KnownRegions()
	if q == "" {
		return all
	}
	out := all[:0]
	for _, r := range all {
		if strings.Contains(strings.ToLower(regionLabel(r)), q) {
			out = append(out, r)
		}
	}
	return out
}
