package devtemporal

import (
	"net"
	"strconv"
	"time"

	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/cluster"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/membership/static"
	"go.temporal.io/server/common/primitives"
	"go.temporal.io/server/temporal"
)

// storeName is the key of the single SQLite data store, used as both the
// default and the visibility store.
const storeName = "sqlite-default"

// clusterID is fixed so a database file keeps matching the cluster metadata
// it was created with.
const clusterID = "6c9e3f0a-52d1-4c6b-9a52-5e0b7f1d2a61"

// servicePorts are the five TCP ports of one server.
type servicePorts struct {
	frontend     int
	frontendHTTP int
	history      int
	matching     int
	worker       int
}

func (p servicePorts) all() []int {
	return []int{p.frontend, p.frontendHTTP, p.history, p.matching, p.worker}
}

// dynamicConfig returns the dynamic configuration of every dev server.
func dynamicConfig() dynamicconfig.StaticClient {
	return dynamicconfig.StaticClient{
		// The version check calls a Temporal-hosted endpoint at start and
		// every 24 hours after, and the dev server must stay on loopback.
		dynamicconfig.EnableServerVersionCheck.Key(): false,
		// The Web UI lists workflows on every page view, so the default of
		// 10 visibility requests per second throttles it.
		dynamicconfig.FrontendMaxNamespaceVisibilityRPSPerInstance.Key(): 100,
	}
}

// serverConfig builds the static configuration of a server that binds
// every service to s.ip.
func serverConfig(s settings, st store, ports servicePorts) *config.Config {
	conf := &config.Config{}
	conf.Global.Membership.MaxJoinDuration = 30 * time.Second
	conf.Global.Membership.BroadcastAddress = s.ip

	conf.Persistence.DefaultStore = storeName
	conf.Persistence.VisibilityStore = storeName
	conf.Persistence.NumHistoryShards = 1
	conf.Persistence.DataStores = map[string]config.DataStore{storeName: {SQL: st.sql}}

	conf.ClusterMetadata = &cluster.Config{
		EnableGlobalNamespace:    false,
		FailoverVersionIncrement: 10,
		MasterClusterName:        clusterName,
		CurrentClusterName:       clusterName,
		ClusterInformation: map[string]cluster.ClusterInformation{
			clusterName: {
				Enabled:                true,
				InitialFailoverVersion: 1,
				RPCAddress:             hostPort(s.ip, ports.frontend),
				HTTPAddress:            hostPort(s.ip, ports.frontendHTTP),
				ClusterID:              clusterID,
			},
		},
	}
	conf.DCRedirectionPolicy.Policy = "noop"

	conf.Services = map[string]config.Service{
		string(primitives.FrontendService): serviceConfig(s.ip, ports.frontend, ports.frontendHTTP),
		string(primitives.HistoryService):  serviceConfig(s.ip, ports.history, 0),
		string(primitives.MatchingService): serviceConfig(s.ip, ports.matching, 0),
		string(primitives.WorkerService):   serviceConfig(s.ip, ports.worker, 0),
	}

	conf.Archival.History.State = "disabled"
	conf.Archival.Visibility.State = "disabled"
	conf.NamespaceDefaults.Archival.History.State = "disabled"
	conf.NamespaceDefaults.Archival.Visibility.State = "disabled"

	return conf
}

// serviceConfig binds one service's gRPC port, and for the frontend its
// HTTP port, to ip. A zero httpPort disables the HTTP API.
func serviceConfig(ip string, grpcPort, httpPort int) config.Service {
	var svc config.Service
	svc.RPC.BindOnIP = ip
	svc.RPC.GRPCPort = grpcPort
	svc.RPC.HTTPPort = httpPort

	return svc
}

// serverOptions returns the options for temporal.NewServer. Static hosts
// replace the gossip membership ring, which would open one more listener
// per service.
func serverOptions(
	s settings, st store, ports servicePorts, logger *serverLogger,
) []temporal.ServerOption {
	host := func(port int) static.Hosts { return static.SingleLocalHost(hostPort(s.ip, port)) }

	return []temporal.ServerOption{
		temporal.WithConfig(serverConfig(s, st, ports)),
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithStaticHosts(map[primitives.ServiceName]static.Hosts{
			primitives.FrontendService: host(ports.frontend),
			primitives.HistoryService:  host(ports.history),
			primitives.MatchingService: host(ports.matching),
			primitives.WorkerService:   host(ports.worker),
		}),
		temporal.WithLogger(logger),
		temporal.WithDynamicConfigClient(dynamicConfig()),
		temporal.WithAuthorizer(authorization.NewNoopAuthorizer()),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper {
			return authorization.NewNoopClaimMapper()
		}),
	}
}

func hostPort(ip string, port int) string {
	return net.JoinHostPort(ip, strconv.Itoa(port))
}
