// Command cdevents-validator checks that CloudEvents carry valid CDEvents, by the validation the
// CDEvents project's Go SDK does: the CloudEvents 1.0 attributes, then the CDEvent in the data
// against the spec's JSON schema (embedded in the SDK) for the spec version the event names.
//
// It reads one structured-mode CloudEvent (application/cloudevents+json) per file named on the
// command line, or one per line on standard input when none is named, and prints one line per
// event: "ok <id> <type>" or "invalid <where>: <why>". The exit code is 0 when all are valid,
// 1 when one is not, 2 on a usage error.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	cdevents "github.com/cdevents/sdk-go/pkg/api"
	cdeventsv03 "github.com/cdevents/sdk-go/pkg/api/v03"
	cdeventsv04 "github.com/cdevents/sdk-go/pkg/api/v04"
	cdeventsv05 "github.com/cdevents/sdk-go/pkg/api/v05"
	cloudevents "github.com/cloudevents/sdk-go/v2/event"
)

func main() {
	var inputs [][]byte
	var names []string
	if len(os.Args) > 1 {
		for _, path := range os.Args[1:] {
			content, err := os.ReadFile(path)
			if err != nil {
				fmt.Fprintln(os.Stderr, "cdevents-validator:", err)
				os.Exit(2)
			}
			inputs = append(inputs, content)
			names = append(names, path)
		}
	} else {
		scanner := bufio.NewScanner(os.Stdin)
		scanner.Buffer(make([]byte, 1<<20), 1<<24)
		for line := 1; scanner.Scan(); line++ {
			text := strings.TrimSpace(scanner.Text())
			if text == "" {
				continue
			}
			inputs = append(inputs, []byte(text))
			names = append(names, fmt.Sprintf("line %d", line))
		}
		if err := scanner.Err(); err != nil {
			fmt.Fprintln(os.Stderr, "cdevents-validator:", err)
			os.Exit(2)
		}
	}
	failed := false
	for i, input := range inputs {
		id, eventType, err := validate(input)
		if err != nil {
			failed = true
			// One line per event: the schema validator's multi-line reasons are joined.
			reason := strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", " | ")), " ")
			fmt.Printf("invalid %s: %s\n", names[i], reason)
			continue
		}
		fmt.Printf("ok %s %s\n", id, eventType)
	}
	if failed {
		os.Exit(1)
	}
}

func validate(input []byte) (string, string, error) {
	var ce cloudevents.Event
	if err := json.Unmarshal(input, &ce); err != nil {
		return "", "", fmt.Errorf("not a structured CloudEvent: %w", err)
	}
	if err := ce.Validate(); err != nil {
		return "", "", fmt.Errorf("CloudEvent attributes: %w", err)
	}
	if ce.SpecVersion() != cloudevents.CloudEventsVersionV1 {
		return "", "", fmt.Errorf("CloudEvents spec version %q, want 1.0", ce.SpecVersion())
	}
	cd, err := parse(ce.Data())
	if err != nil {
		return "", "", fmt.Errorf("CDEvent in data: %w", err)
	}
	if err := cdevents.Validate(cd); err != nil {
		return "", "", fmt.Errorf("CDEvent %s: %w", cd.GetType(), err)
	}
	// The CloudEvent's attributes must say what the CDEvent says, as the binding requires.
	if ce.Type() != cd.GetType().String() {
		return "", "", fmt.Errorf("CloudEvent type %q differs from the CDEvent's %q", ce.Type(), cd.GetType())
	}
	if ce.ID() != cd.GetId() {
		return "", "", fmt.Errorf("CloudEvent id %q differs from the CDEvent's %q", ce.ID(), cd.GetId())
	}
	if ce.Source() != cd.GetSource() {
		return "", "", fmt.Errorf("CloudEvent source %q differs from the CDEvent's %q", ce.Source(), cd.GetSource())
	}
	return ce.ID(), ce.Type(), nil
}

// parse reads the CDEvent with the SDK package of the spec version its context names.
func parse(data []byte) (cdevents.CDEventReader, error) {
	var head struct {
		Context struct {
			Version     string `json:"version"`
			SpecVersion string `json:"specversion"`
		} `json:"context"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, err
	}
	version := head.Context.SpecVersion
	if version == "" {
		version = head.Context.Version
	}
	switch {
	case strings.HasPrefix(version, "0.3."):
		return cdeventsv03.NewFromJsonBytes(data)
	case strings.HasPrefix(version, "0.4."):
		return cdeventsv04.NewFromJsonBytes(data)
	case strings.HasPrefix(version, "0.5."):
		return cdeventsv05.NewFromJsonBytes(data)
	default:
		return nil, fmt.Errorf("spec version %q is not one the SDK knows (0.3, 0.4, 0.5)", version)
	}
}
