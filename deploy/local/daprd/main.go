// Command daprd is Dapr's sidecar runtime with only the components envforge wires into an
// environment registered: the Postgres state store and the Kubernetes secret store. Built by
// `deploy/local/build-tools.sh daprd` against the released github.com/dapr/dapr module.
//
// Dapr's own cmd/daprd registers its components from files guarded by the `allcomponents` and
// `stablecomponents` build tags; building it with either tag compiles every cloud provider's SDK.
// The runtime (app.Run) is the released one; only the registry differs, so what this binary proves
// about envforge's components holds for the released daprd.
package main

import (
	kubernetessecrets "github.com/dapr/components-contrib/secretstores/kubernetes"
	postgresv1 "github.com/dapr/components-contrib/state/postgresql/v1"
	postgresv2 "github.com/dapr/components-contrib/state/postgresql/v2"
	"github.com/dapr/dapr/cmd/daprd/app"
	"github.com/dapr/dapr/pkg/components"
	secretstores "github.com/dapr/dapr/pkg/components/secretstores"
	state "github.com/dapr/dapr/pkg/components/state"
)

func main() {
	// The same names and versions as the released daprd, so a component written for a cluster
	// loads here unchanged.
	postgres := components.Versioning{
		Preferred: components.VersionConstructor{Version: "v2", Constructor: postgresv2.NewPostgreSQLStateStore},
		Others:    []components.VersionConstructor{{Version: "v1", Constructor: postgresv1.NewPostgreSQLStateStore}},
		Default:   "v1",
	}
	state.DefaultRegistry.RegisterComponentWithVersions("postgresql", postgres)
	state.DefaultRegistry.RegisterComponentWithVersions("postgres", postgres)
	secretstores.DefaultRegistry.RegisterComponent(kubernetessecrets.NewKubernetesSecretStore, "kubernetes")
	app.Run()
}
