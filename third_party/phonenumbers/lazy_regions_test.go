package phonenumbers

// onboard's test of its patch (PATCHES.md): onboard's CI runs it with
// `go test .` in this folder.

import (
	"testing"

	"google.golang.org/protobuf/proto"
)

// TestLazyRegionsMatchEager checks that every region and non-geographical
// code decoded on first read equals v1.8.1's decode of the whole
// collection, and that the lazy index knows exactly the same keys.
func TestLazyRegionsMatchEager(t *testing.T) {
	regionMap, err := loadIntArrayMap(regionData)
	if err != nil {
		t.Fatal(err)
	}
	coll, err := metadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	eager, err := newMetadataContainer(coll, regionMap.Map)
	if err != nil {
		t.Fatal(err)
	}
	lazy := metadata().lazy
	if lazy == nil {
		t.Fatal("the embedded metadata is not indexed lazily")
	}
	for region, want := range eager.regionToMetadataMap {
		got, ok := readFromRegionToMetadataMap(region)
		if !ok || !proto.Equal(got, want) {
			t.Errorf("region %s: lazy decode differs from the eager one (found %v)", region, ok)
		}
		if again, _ := readFromRegionToMetadataMap(region); again != got {
			t.Errorf("region %s: decoded twice", region)
		}
	}
	for code, want := range eager.countryCodeToNonGeographicalMetadataMap {
		got, ok := readFromCountryCodeToNonGeographicalMetadataMap(code)
		if !ok || !proto.Equal(got, want) {
			t.Errorf("non-geographical +%d: lazy decode differs from the eager one (found %v)", code, ok)
		}
	}
	if n, want := len(lazy.regions), len(eager.regionToMetadataMap); n != want {
		t.Errorf("lazy index has %d regions, eager %d", n, want)
	}
	if n, want := len(lazy.nonGeo), len(eager.countryCodeToNonGeographicalMetadataMap); n != want {
		t.Errorf("lazy index has %d non-geographical codes, eager %d", n, want)
	}
	if _, ok := readFromRegionToMetadataMap("ZZ"); ok {
		t.Error("an unknown region was found")
	}
}

// TestLazyRegionsParse: a French number parses, validates and formats
// through a fresh lazy index, which decodes France's metadata and no
// other region's; the sets of regions and codes decode nothing.
func TestLazyRegionsParse(t *testing.T) {
	regionMap, err := loadIntArrayMap(regionData)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := decodeUnzip(numberData)
	if err != nil {
		t.Fatal(err)
	}
	lazy, err := indexRegions(raw)
	if err != nil {
		t.Fatal(err)
	}
	decoded := map[string]bool{}
	for region, decode := range lazy.regions {
		lazy.regions[region] = func() *PhoneMetadata { decoded[region] = true; return decode() }
	}
	mc := newContainer(regionMap.Map)
	mc.lazy = lazy
	t.Cleanup(useMetadata(mc))
	if regions := GetSupportedRegions(); !regions["FR"] || len(decoded) != 0 {
		t.Fatalf("GetSupportedRegions decoded %v", decoded)
	}
	num, err := Parse("06 12 34 56 78", "FR")
	if err != nil {
		t.Fatal(err)
	}
	if !IsValidNumber(num) {
		t.Fatal("06 12 34 56 78 is not valid in FR")
	}
	if got := Format(num, E164); got != "+33612345678" {
		t.Errorf("E164 = %q", got)
	}
	if len(decoded) != 1 || !decoded["FR"] {
		t.Errorf("parsing a French number decoded %v, want FR alone", decoded)
	}
}

// TestIndexRegionsRefusesBrokenData: truncated or empty data is an
// error, never a partial index.
func TestIndexRegionsRefusesBrokenData(t *testing.T) {
	raw, err := decodeUnzip(numberData)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := indexRegions(raw[:len(raw)/2]); err == nil {
		t.Error("half the data was indexed without an error")
	}
	if _, err := indexRegions(nil); err == nil {
		t.Error("no data was indexed without an error")
	}
	if _, _, err := metadataKey([]byte{0x50, 0x21}); err == nil { // country_code 33, no id
		t.Error("a message without an id was keyed")
	}
}
