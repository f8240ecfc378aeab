package square

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"
	"unicode"

	square "github.com/square/square-go-sdk"
)

// sdkModule is the module that ships Square's OpenAPI spec.
const sdkModule = "github.com/square/square-go-sdk"

// specFile is the spec's path inside the SDK module.
var specFile = filepath.Join(".mock", "openapi", "openapi.json")

// SpecPath locates Square's OpenAPI spec inside the square-go-sdk module
// this binary was built with: first in the module cache (GOMODCACHE, else
// GOPATH/pkg/mod, else ~/go/pkg/mod) at the version recorded in the build
// info, then through `go list -m`. It returns an error naming both
// attempts when the spec is in neither place; `go mod download
// github.com/square/square-go-sdk` fixes that.
func SpecPath() (string, error) {
	cacheErr := errors.New("no build info")
	if dir, err := moduleCacheDir(); err == nil {
		path := filepath.Join(dir, specFile)
		if _, cacheErr = os.Stat(path); cacheErr == nil {
			return path, nil
		}
	} else {
		cacheErr = err
	}

	dir, listErr := goListModuleDir()
	if listErr == nil {
		path := filepath.Join(dir, specFile)
		if _, listErr = os.Stat(path); listErr == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("square OpenAPI spec not found (module cache: %v, go list: %v), "+
		"so run `go mod download %s`", cacheErr, listErr, sdkModule)
}

// moduleCacheDir returns the SDK module's directory from the build info.
// Test binaries carry no module list, so there it always fails.
func moduleCacheDir() (string, error) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", errors.New("the binary has no build info")
	}
	return moduleDirFromBuildInfo(info)
}

func moduleDirFromBuildInfo(info *debug.BuildInfo) (string, error) {
	for _, dep := range info.Deps {
		if dep.Path != sdkModule {
			continue
		}
		if dep.Replace != nil {
			if dep.Replace.Version == "" {
				return dep.Replace.Path, nil // replaced by a local directory
			}
			dep = dep.Replace
		}
		return filepath.Join(moduleCacheRoot(), escapeModulePath(dep.Path)+"@"+dep.Version), nil
	}
	return "", fmt.Errorf("the build info does not list %s", sdkModule)
}

func moduleCacheRoot() string {
	if dir := os.Getenv("GOMODCACHE"); dir != "" {
		return dir
	}
	if paths := filepath.SplitList(os.Getenv("GOPATH")); len(paths) > 0 && paths[0] != "" {
		return filepath.Join(paths[0], "pkg", "mod")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Join("go", "pkg", "mod")
	}
	return filepath.Join(home, "go", "pkg", "mod")
}

// escapeModulePath applies the module cache's case encoding: each upper
// case letter becomes "!" and its lower case form.
func escapeModulePath(path string) string {
	var b strings.Builder
	for _, r := range path {
		if unicode.IsUpper(r) {
			b.WriteByte('!')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// goListModuleDir runs `go list -m`, which works only inside this
// module's source tree.
func goListModuleDir() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	out, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}", sdkModule).Output()
	if err != nil {
		return "", fmt.Errorf("go list -m %s: %w", sdkModule, err)
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" {
		return "", fmt.Errorf("go list -m %s: the module is not downloaded", sdkModule)
	}
	return dir, nil
}

// specDocument is the part of the OpenAPI document SpecExampleOrders
// reads.
type specDocument struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]struct {
			Example json.RawMessage `json:"example"`
		} `json:"schemas"`
	} `json:"components"`
}

// specOperation is the part of an operation SpecExampleOrders reads.
type specOperation struct {
	Responses map[string]struct {
		Content map[string]struct {
			Schema struct {
				Ref string `json:"$ref"`
			} `json:"schema"`
			Example  json.RawMessage `json:"example"`
			Examples map[string]struct {
				Value json.RawMessage `json:"value"`
			} `json:"examples"`
		} `json:"content"`
	} `json:"responses"`
}

var httpMethods = map[string]bool{
	"get": true, "put": true, "post": true, "delete": true, "patch": true,
	"options": true, "head": true, "trace": true,
}

// SpecExampleOrders returns every COMPLETED order in the response
// examples of the spec's /v2/orders endpoints, decoded with the SDK types
// and otherwise exactly as published. Orders are deduplicated by id,
// keeping the first found in path, method and status order. Orders
// without an id are skipped. The orders reference their own location ids, which must
// be loaded as locations before SearchOrders can return them. It returns
// an error when the file cannot be read or decoded.
func SpecExampleOrders(specPath string) ([]*square.Order, error) {
	raw, err := os.ReadFile(specPath)
	if err != nil {
		return nil, fmt.Errorf("read square OpenAPI spec: %w", err)
	}
	var doc specDocument
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("decode square OpenAPI spec %s: %w", specPath, err)
	}

	examples, err := orderEndpointExamples(&doc)
	if err != nil {
		return nil, fmt.Errorf("square OpenAPI spec %s: %w", specPath, err)
	}
	var orders []*square.Order
	seen := map[string]bool{}
	for _, example := range examples {
		found, err := ordersInExample(example)
		if err != nil {
			return nil, fmt.Errorf("square OpenAPI spec %s: %w", specPath, err)
		}
		for _, order := range found {
			id := order.GetID()
			if id == nil || seen[*id] || order.GetState() == nil || *order.GetState() != square.OrderStateCompleted {
				continue
			}
			seen[*id] = true
			orders = append(orders, order)
		}
	}
	return orders, nil
}

// orderEndpointExamples collects the response examples of every /v2/orders
// operation, both inline and on the referenced response schema.
func orderEndpointExamples(doc *specDocument) ([]json.RawMessage, error) {
	var examples []json.RawMessage
	add := func(example json.RawMessage) {
		if len(example) > 0 && string(example) != "null" {
			examples = append(examples, example)
		}
	}
	for _, path := range slices.Sorted(maps.Keys(doc.Paths)) {
		if path != "/v2/orders" && !strings.HasPrefix(path, "/v2/orders/") {
			continue
		}
		item := doc.Paths[path]
		for _, method := range slices.Sorted(maps.Keys(item)) {
			if !httpMethods[method] {
				continue
			}
			var op specOperation
			if err := json.Unmarshal(item[method], &op); err != nil {
				return nil, fmt.Errorf("%s %s: %w", strings.ToUpper(method), path, err)
			}
			for _, status := range slices.Sorted(maps.Keys(op.Responses)) {
				content := op.Responses[status].Content
				for _, mediaType := range slices.Sorted(maps.Keys(content)) {
					media := content[mediaType]
					add(media.Example)
					for _, name := range slices.Sorted(maps.Keys(media.Examples)) {
						add(media.Examples[name].Value)
					}
					schema := strings.TrimPrefix(media.Schema.Ref, "#/components/schemas/")
					add(doc.Components.Schemas[schema].Example)
				}
			}
		}
	}
	return examples, nil
}

// ordersInExample decodes the "order" object and the "orders" array of a
// response example.
func ordersInExample(example json.RawMessage) ([]*square.Order, error) {
	if trimmed := bytes.TrimSpace(example); len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, nil // only an object can hold "order" or "orders"
	}
	var body struct {
		Order  json.RawMessage   `json:"order"`
		Orders []json.RawMessage `json:"orders"`
	}
	if err := json.Unmarshal(example, &body); err != nil {
		return nil, fmt.Errorf("decode response example: %w", err)
	}
	raws := body.Orders
	if len(body.Order) > 0 && string(body.Order) != "null" {
		raws = append([]json.RawMessage{body.Order}, raws...)
	}
	orders := make([]*square.Order, 0, len(raws))
	for _, raw := range raws {
		order := new(square.Order)
		if err := json.Unmarshal(raw, order); err != nil {
			return nil, fmt.Errorf("decode example order: %w", err)
		}
		orders = append(orders, order)
	}
	return orders, nil
}
