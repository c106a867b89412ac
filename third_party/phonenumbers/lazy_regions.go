package phonenumbers

// onboard's patch (PATCHES.md): the territory metadata is indexed by
// region as wire bytes, and each region is decoded the first time it is
// read. Decoding all 250 regions took about 4 ms of CPU in a process
// that reads one or two of them.

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

// lazyRegions is the territory metadata, undecoded until read.
type lazyRegions struct {
	mu        sync.Mutex
	raw       map[string][]byte // a region's PhoneMetadata message, by region code
	rawNonGeo map[int][]byte    // region "001"'s, by country calling code
	regions   map[string]*PhoneMetadata
	nonGeo    map[int]*PhoneMetadata
}

// indexRegions finds each PhoneMetadata message in a serialized
// PhoneMetadataCollection and keys it as newMetadataContainer does: by
// its id, or by its country code for the non-geographical entity "001".
// A later message for the same key replaces an earlier one, as there.
func indexRegions(b []byte) (*lazyRegions, error) {
	l := &lazyRegions{raw: make(map[string][]byte, 256), rawNonGeo: make(map[int][]byte, 16),
		regions: make(map[string]*PhoneMetadata, 4), nonGeo: make(map[int]*PhoneMetadata)}
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
		if id == REGION_CODE_FOR_NON_GEO_ENTITY {
			l.rawNonGeo[code] = msg
		} else {
			l.raw[id] = msg
		}
	}
	if len(l.raw)+len(l.rawNonGeo) == 0 {
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
	l.mu.Lock()
	defer l.mu.Unlock()
	if m, ok := l.regions[key]; ok {
		return m, true
	}
	raw, ok := l.raw[key]
	if !ok {
		return nil, false
	}
	m := decodeRegion(raw)
	l.regions[key] = m
	delete(l.raw, key)
	return m, true
}

// nonGeographical returns the metadata of a non-geographical calling
// code (800, 808…), decoding it on first read.
func (l *lazyRegions) nonGeographical(code int) (*PhoneMetadata, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if m, ok := l.nonGeo[code]; ok {
		return m, true
	}
	raw, ok := l.rawNonGeo[code]
	if !ok {
		return nil, false
	}
	m := decodeRegion(raw)
	l.nonGeo[code] = m
	delete(l.rawNonGeo, code)
	return m, true
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
