package flow

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// MaxOrganizationFileBytes bounds an --organization file.
const MaxOrganizationFileBytes = 1 << 20

// MaxPeople bounds each list of the personnel in a file, and the
// wizard's table.
const MaxPeople = 200

// LoadOrganization reads an --organization file, YAML or JSON (JSON is
// YAML to the parser), refusing what it does not know by its path
// ("company.legalNam: onboard knows no such field"). Document files
// named relative to it are made relative to its folder. It checks the
// file's shape, not the rules: Validate does that.
func LoadOrganization(path string) (Organization, error) {
	f, err := os.Open(path)
	if err != nil {
		return Organization{}, fmt.Errorf("reading the organisation file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxOrganizationFileBytes+1))
	if err != nil {
		return Organization{}, fmt.Errorf("reading the organisation file: %w", err)
	}
	if len(data) > MaxOrganizationFileBytes {
		return Organization{}, fmt.Errorf("the organisation file is larger than %d KiB; is it the right file?", MaxOrganizationFileBytes>>10)
	}
	o, err := ParseOrganization(data)
	if err != nil {
		return Organization{}, err
	}
	return o.relativeTo(filepath.Dir(path)), nil
}

// ParseOrganization reads an organisation from YAML or JSON text.
func ParseOrganization(data []byte) (Organization, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return Organization{}, fmt.Errorf("the organisation file is neither YAML nor JSON: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return Organization{}, errors.New("the organisation file is empty; see examples/organization.yaml")
	}
	root := doc.Content[0]
	if err := checkShape(root, reflect.TypeOf(Organization{}), ""); err != nil {
		return Organization{}, err
	}
	var o Organization
	if err := root.Decode(&o); err != nil {
		return Organization{}, fmt.Errorf("the organisation file: %w", err)
	}
	return o.fillReferences(), nil
}

// checkShape walks node against the type t, which it must fit: a mapping
// for a struct (with only the struct's keys), a sequence for a slice, a
// scalar of the right kind otherwise. path names the node in the file.
func checkShape(n *yaml.Node, t reflect.Type, path string) error {
	where := func(s string) error {
		if path == "" {
			return fmt.Errorf("line %d: %s", n.Line, s)
		}
		return fmt.Errorf("%s (line %d): %s", path, n.Line, s)
	}
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return where("anchors and aliases (& and *) are not accepted; write the value out")
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return where("expected a mapping of fields (name: value)")
		}
		return checkFields(n, t, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return where("expected a list (- item)")
		}
		if len(n.Content) > MaxPeople {
			return where(fmt.Sprintf("a list of at most %d items", MaxPeople))
		}
		for i, c := range n.Content {
			if err := checkShape(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return where("expected a single value")
	}
	if t.Kind() == reflect.Float64 && n.Tag != "!!int" && n.Tag != "!!float" {
		return where(fmt.Sprintf("expected a number, not %q", n.Value))
	}
	return nil
}

// checkFields checks a mapping's keys against the struct t's fields,
// including those of an embedded (inline) struct.
func checkFields(n *yaml.Node, t reflect.Type, path string) error {
	fields := map[string]reflect.Type{}
	collectFields(t, fields)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		p := k.Value
		if path != "" {
			p = path + "." + k.Value
		}
		ft, ok := fields[k.Value]
		if !ok {
			return fmt.Errorf("%s (line %d): onboard knows no such field; see examples/organization.yaml", p, k.Line)
		}
		if err := checkShape(v, ft, p); err != nil {
			return err
		}
	}
	return nil
}

func collectFields(t reflect.Type, into map[string]reflect.Type) {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			collectFields(f.Type, into)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		into[name] = f.Type
	}
}

// fillReferences completes a person given by email alone (a director who
// is an employee above) from their first full entry.
func (o Organization) fillReferences() Organization {
	full := map[string]Person{}
	fill := func(p Person) Person {
		k := strings.ToLower(strings.TrimSpace(p.Email))
		if k == "" {
			return p
		}
		if f, ok := full[k]; ok && p.FirstName == "" && p.LastName == "" && p.DateOfBirth == "" && p.Nationality == "" {
			doc := p.IDDocument
			p = f
			if doc != "" {
				p.IDDocument = doc
			}
			return p
		}
		if _, ok := full[k]; !ok {
			full[k] = p
		}
		return p
	}
	for i := range o.Employees {
		o.Employees[i].Person = fill(o.Employees[i].Person)
	}
	for i := range o.Directors {
		o.Directors[i].Person = fill(o.Directors[i].Person)
	}
	for i := range o.Shareholders {
		o.Shareholders[i].Person = fill(o.Shareholders[i].Person)
	}
	return o
}

// relativeTo makes the document files named relative to the file's folder
// dir relative to the working directory.
func (o Organization) relativeTo(dir string) Organization {
	at := func(f string) string {
		if f == "" || filepath.IsAbs(f) {
			return f
		}
		return filepath.Join(dir, f)
	}
	for i := range o.Documents {
		o.Documents[i].File = at(o.Documents[i].File)
	}
	for i := range o.Shareholders {
		o.Shareholders[i].IDDocument = at(o.Shareholders[i].IDDocument)
	}
	for i := range o.Directors {
		o.Directors[i].IDDocument = at(o.Directors[i].IDDocument)
	}
	for i := range o.Employees {
		o.Employees[i].IDDocument = at(o.Employees[i].IDDocument)
	}
	return o
}

// CheckDocumentFiles reads every document the organisation names, as
// the upload would, and returns the problems by path: a missing, empty,
// too large file or one of the wrong type.
func (o Organization) CheckDocumentFiles() Problems {
	var out Problems
	for i, d := range o.Documents {
		if d.File == "" {
			continue
		}
		if _, err := ReadDocument(d.File, d.Type); err != nil {
			out = append(out, FieldError{Path: fmt.Sprintf("documents[%d].file", i), Msg: err.Error()})
		}
	}
	for i, s := range o.Shareholders {
		if s.IDDocument == "" {
			continue
		}
		if _, err := ReadDocument(s.IDDocument, "GOVERNMENT_ID"); err != nil {
			out = append(out, FieldError{Path: fmt.Sprintf("shareholders[%d].idDocument", i), Msg: err.Error(), Email: s.Email})
		}
	}
	return out
}
