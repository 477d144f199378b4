// A stand-in for function-go-templating, for rendering envforge's Compositions with
// `crossplane render` on a machine where the real function cannot be had (it is not served by
// the Go module proxy, and no container registry is reachable).
//
// It implements the part of function-go-templating's contract the Compositions use: an Inline
// GoTemplate input, executed with the Sprig functions over the RunFunctionRequest as a map
// (.observed, .desired, .context), whose YAML documents become desired composed resources named
// by the annotation gotemplating.fn.crossplane.io/composition-resource-name and marked ready by
// gotemplating.fn.crossplane.io/ready. Anything else in a template is refused, so a Composition
// that renders here uses nothing the real function lacks.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"github.com/alecthomas/kong"
	"github.com/crossplane/function-sdk-go"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
	"github.com/crossplane/function-sdk-go/request"
	"github.com/crossplane/function-sdk-go/resource"
	"github.com/crossplane/function-sdk-go/resource/composed"
	"github.com/crossplane/function-sdk-go/response"
	"google.golang.org/protobuf/encoding/protojson"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"
)

const (
	annotationName  = "gotemplating.fn.crossplane.io/composition-resource-name"
	annotationReady = "gotemplating.fn.crossplane.io/ready"
)

type cli struct {
	Address  string `help:"Address at which to listen for gRPC connections." default:"127.0.0.1:9443"`
	Insecure bool   `help:"Run without mTLS credentials." required:""`
}

// input mirrors function-go-templating's GoTemplate input, Inline source only.
type input struct {
	unstructured.Unstructured
}

func (c *cli) Run() error {
	return function.Serve(&templating{}, function.Listen("tcp", c.Address), function.Insecure(c.Insecure))
}

type templating struct {
	fnv1.UnimplementedFunctionRunnerServiceServer
}

func (t *templating) RunFunction(_ context.Context, req *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
	rsp := response.To(req, response.DefaultTTL)
	source, err := inlineTemplate(req)
	if err != nil {
		response.Fatal(rsp, err)
		return rsp, nil
	}
	rendered, err := execute(source, req)
	if err != nil {
		response.Fatal(rsp, err)
		return rsp, nil
	}
	desired, err := request.GetDesiredComposedResources(req)
	if err != nil {
		response.Fatal(rsp, err)
		return rsp, nil
	}
	for i, document := range strings.Split(rendered, "\n---") {
		object := map[string]any{}
		if err := yaml.Unmarshal([]byte(document), &object); err != nil {
			response.Fatal(rsp, fmt.Errorf("template document %d is not YAML: %w", i, err))
			return rsp, nil
		}
		if len(object) == 0 {
			continue
		}
		cd := composed.New()
		cd.Object = object
		annotations := cd.GetAnnotations()
		name := annotations[annotationName]
		if name == "" {
			response.Fatal(rsp, fmt.Errorf("template document %d (%s) lacks the annotation %s", i, cd.GetKind(), annotationName))
			return rsp, nil
		}
		ready := annotations[annotationReady]
		delete(annotations, annotationName)
		delete(annotations, annotationReady)
		cd.SetAnnotations(annotations)
		resourceReady := resource.ReadyUnspecified
		switch ready {
		case "", "Unspecified":
		case "True":
			resourceReady = resource.ReadyTrue
		case "False":
			resourceReady = resource.ReadyFalse
		default:
			response.Fatal(rsp, fmt.Errorf("%s: %s must be True, False or Unspecified, not %q", name, annotationReady, ready))
			return rsp, nil
		}
		desired[resource.Name(name)] = &resource.DesiredComposed{Resource: cd, Ready: resourceReady}
	}
	if err := response.SetDesiredComposedResources(rsp, desired); err != nil {
		response.Fatal(rsp, err)
	}
	return rsp, nil
}

func inlineTemplate(req *fnv1.RunFunctionRequest) (string, error) {
	in := &input{}
	if err := request.GetInput(req, in); err != nil {
		return "", err
	}
	if in.GetKind() != "GoTemplate" {
		return "", fmt.Errorf("input kind must be GoTemplate, not %q", in.GetKind())
	}
	source, _, _ := unstructured.NestedString(in.Object, "source")
	template, found, _ := unstructured.NestedString(in.Object, "inline", "template")
	if source != "Inline" || !found {
		return "", fmt.Errorf("only source: Inline with inline.template is supported here")
	}
	return template, nil
}

// execute runs the template over the request as plain data, as function-go-templating does.
func execute(source string, req *fnv1.RunFunctionRequest) (string, error) {
	raw, err := protojson.Marshal(req)
	if err != nil {
		return "", err
	}
	data := map[string]any{}
	if err := json.Unmarshal(raw, &data); err != nil {
		return "", err
	}
	tmpl, err := template.New("inline").Funcs(sprig.TxtFuncMap()).Option("missingkey=default").Parse(source)
	if err != nil {
		return "", fmt.Errorf("cannot parse the template: %w", err)
	}
	var out bytes.Buffer
	if err := tmpl.Execute(&out, data); err != nil {
		return "", fmt.Errorf("cannot execute the template: %w", err)
	}
	return out.String(), nil
}

func main() {
	ctx := kong.Parse(&cli{}, kong.Description("A stand-in for function-go-templating, for crossplane render."))
	if err := ctx.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
