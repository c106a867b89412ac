package phonenumbers

// onboard's patch (PATCHES.md): the territory metadata is indexed by
// region as wire bytes, and each region is decoded the first time it is
// read. Decoding all 250 regions took about 4 ms of CPU in a process
// that reads one or two of them. The index keeps the unzipped data
// (about 0.5 MB) for the life of the process; the full decode it
// replaces allocated about 1.9 MB.

import (
	"errors"
	"sync"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// Field numbers, from phonemetadata.proto.
const (
	collectionMetadataField = 1  // PhoneMetadataCollection.metadata
	metadataIDField         = 9  // PhoneMetadata.id
	metadataCountryField    = 10 // PhoneMetadata.country_code
)

// lazyRegions is the territory metadata, each region decoded on its
// first read. The maps are built once by indexRegions and only read
// after: a read takes no lock, and two regions decode in parallel.
type lazyRegions struct {
	regions map[string]func() *PhoneMetadata // by region code
	nonGeo  map[int]func() *PhoneMetadata    // region "001"'s, by country calling code
}

// indexRegions finds each PhoneMetadata message in a serialized
// PhoneMetadataCollection and keys it as newMetadataContainer does: by
// its id, or by its country code for the non-geographical entity "001".
// A later message for the same key replaces an earlier one, as there.
func indexRegions(b []byte) (*lazyRegions, error) {
	l := &lazyRegions{regions: make(map[string]func() *PhoneMetadata, 256), nonGeo: make(map[int]func() *PhoneMetadata, 16)}
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, protowire.ParseError(n)
		}
		b = b[n:]
		if num != collectionMetadataField || typ != protowire.BytesType {
			if n = protowire.ConsumeFieldValue(num, typ, b); n < 0 {
				return nil, protowire.ParseError(n)
			}
			b = b[n:]
			continue
		}
		msg, n := protowire.ConsumeBytes(b)
		if n < 0 {
			return nil, protowire.ParseError(n)
		}
		b = b[n:]
		id, code, err := metadataKey(msg)
		if err != nil {
			return nil, err
		}
		decode := sync.OnceValue(func() *PhoneMetadata { return decodeRegion(msg) })
		if id == REGION_CODE_FOR_NON_GEO_ENTITY {
			l.nonGeo[code] = decode
		} else {
			l.regions[id] = decode
		}
	}
	if len(l.regions)+len(l.nonGeo) == 0 {
		return nil, ErrEmptyMetadata
	}
	return l, nil
}

// metadataKey reads a PhoneMetadata message's id and country code
// without decoding the rest; the last value of a field wins, as in a
// full decode.
func metadataKey(b []byte) (id string, code int, err error) {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return "", 0, protowire.ParseError(n)
		}
		b = b[n:]
		switch {
		case num == metadataIDField && typ == protowire.BytesType:
			var v []byte
			v, n = protowire.ConsumeBytes(b)
			id = string(v)
		case num == metadataCountryField && typ == protowire.VarintType:
			var v uint64
			v, n = protowire.ConsumeVarint(b)
			code = int(int32(v))
		default:
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		if n < 0 {
			return "", 0, protowire.ParseError(n)
		}
		b = b[n:]
	}
	if id == "" {
		return "", 0, errors.New("phonenumbers: a region's metadata has no id")
	}
	return id, code, nil
}

// region returns the metadata of a region code, decoding it on first read.
func (l *lazyRegions) region(key string) (*PhoneMetadata, bool) {
	decode, ok := l.regions[key]
	if !ok {
		return nil, false
	}
	return decode(), true
}

// nonGeographical returns the metadata of a non-geographical calling
// code (800, 808…), decoding it on first read.
func (l *lazyRegions) nonGeographical(code int) (*PhoneMetadata, bool) {
	decode, ok := l.nonGeo[code]
	if !ok {
		return nil, false
	}
	return decode(), true
}

// decodeRegion decodes one region's PhoneMetadata. The bytes are the
// embedded data, which TestLazyRegionsMatchEager decodes whole; a failure
// is a broken build, which panics as v1.8.1's decode in init did.
func decodeRegion(raw []byte) *PhoneMetadata {
	m := &PhoneMetadata{}
	if err := proto.Unmarshal(raw, m); err != nil {
		panic(err)
	}
	return m
}
