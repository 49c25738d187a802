package deploy

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// The names the checks expect; docs/scaling.md and the clients use them.
const (
	deploymentName  = "winnowd"
	containerName   = "winnowd"
	headlessService = "winnow-headless"
	grpcPortName    = "grpc"
	grpcPort        = 7390
)

// goRuntimeEnv are the environment variables the container may set that are
// not winnowd flags: the Go runtime's own.
var goRuntimeEnv = []string{"GOMEMLIMIT", "GOMAXPROCS", "GOGC", "GODEBUG"}

// image is the repository's Dockerfile parsed: its final stage's USER
// (numeric) and the ENV and CMD winnowd starts with.
type image struct {
	uid    int64
	config imageConfig
}

func parseImage(t *testing.T) image {
	t.Helper()
	d, _, err := parseDockerfile(readDeployFile(t, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	users := commands[*instructions.UserCommand](d.final())
	if len(users) == 0 {
		t.Fatal("Dockerfile sets no USER")
	}
	uid, _, _ := strings.Cut(users[len(users)-1].User, ":")
	n, err := strconv.ParseInt(uid, 10, 64)
	if err != nil {
		t.Fatalf("Dockerfile USER %s is not numeric", uid)
	}
	return image{uid: n, config: d.config()}
}

// containerConfig is winnowd's configuration in a container: flags from
// the arguments (the container's args, else the image's CMD) take
// precedence over WINNOWD_* variables (the container's, then the
// image's), which take precedence over the flag defaults.
type containerConfig struct {
	c     *corev1.Container
	img   imageConfig
	flags map[string]flagInfo
	args  map[string]string
}

func newContainerConfig(c *corev1.Container, img imageConfig, flags map[string]flagInfo) (containerConfig, []string) {
	cc := containerConfig{c: c, img: img, flags: flags, args: map[string]string{}}
	var problems []string
	if len(c.Command) > 0 {
		problems = append(problems, fmt.Sprintf("container %s overrides the image's ENTRYPOINT with command %v", c.Name, c.Command))
	}
	args := c.Args
	if len(args) == 0 {
		args = img.cmd
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, ok := strings.CutPrefix(a, "--")
		if !ok {
			name, ok = strings.CutPrefix(a, "-")
		}
		if !ok {
			problems = append(problems, fmt.Sprintf("argument %q is not a flag", a))
			continue
		}
		name, val, hasVal := strings.Cut(name, "=")
		if _, known := flags[name]; !known {
			problems = append(problems, fmt.Sprintf("argument %q: winnowd has no flag --%s", a, name))
			continue
		}
		if !hasVal && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
			i++
			val = args[i]
		}
		cc.args[name] = val
	}
	byEnv := map[string]string{}
	for _, f := range flags {
		byEnv[f.envName()] = f.Name
	}
	for _, e := range c.Env {
		_, isFlag := byEnv[e.Name]
		switch {
		case isFlag && !winnowdEnv:
			problems = append(problems, fmt.Sprintf("env %s: this winnowd does not read WINNOWD_* variables", e.Name))
		case !isFlag && !slices.Contains(goRuntimeEnv, e.Name):
			problems = append(problems, fmt.Sprintf("env %s: names no winnowd flag (nor a Go runtime variable)", e.Name))
		}
	}
	return cc, problems
}

// env returns the container's variable name, if set.
func (cc containerConfig) env(name string) (corev1.EnvVar, bool) {
	i := slices.IndexFunc(cc.c.Env, func(e corev1.EnvVar) bool { return e.Name == name })
	if i < 0 {
		return corev1.EnvVar{}, false
	}
	return cc.c.Env[i], true
}

// value returns the flag's value in the container and whether it is a
// literal (not from the downward API or a Secret).
func (cc containerConfig) value(flag string) (string, bool) {
	if v, ok := cc.args[flag]; ok {
		return v, true
	}
	f := cc.flags[flag]
	if e, ok := cc.env(f.envName()); ok && winnowdEnv {
		return e.Value, e.ValueFrom == nil
	}
	if v, ok := cc.img.env[f.envName()]; ok && winnowdEnv {
		return v, true
	}
	return f.Default, true
}

// duration returns a duration flag's value; 0 when winnowd has no such
// flag or its default is zero (which -h does not print).
func (cc containerConfig) duration(flag string) (time.Duration, error) {
	if _, ok := cc.flags[flag]; !ok {
		return 0, nil
	}
	v, literal := cc.value(flag)
	if !literal {
		return 0, fmt.Errorf("--%s is not a literal", flag)
	}
	if v == "" {
		return 0, nil
	}
	return time.ParseDuration(v)
}

// containerPortByRef resolves a Service or NetworkPolicy port reference
// (a name or a number) to a container port.
func containerPortByRef(c *corev1.Container, ref intstr.IntOrString) (corev1.ContainerPort, bool) {
	for _, p := range c.Ports {
		if ref.Type == intstr.String && p.Name == ref.StrVal || ref.Type == intstr.Int && p.ContainerPort == ref.IntVal {
			return p, true
		}
	}
	return corev1.ContainerPort{}, false
}

// matches reports whether a label selector selects a pod with these labels.
func matches(sel *metav1.LabelSelector, podLabels map[string]string) bool {
	if sel == nil {
		return false
	}
	s, err := metav1.LabelSelectorAsSelector(sel)
	return err == nil && !s.Empty() && s.Matches(labels.Set(podLabels))
}

// problems checks one rendered set of manifests. overlay is true for a
// production overlay, whose image must be pinned.
func (m *manifests) problems(flags map[string]flagInfo, img image, overlay bool) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	if len(m.Deployments) != 1 || m.Deployments[0].Name != deploymentName {
		bad("want exactly one Deployment %s, have %d", deploymentName, len(m.Deployments))
		return problems
	}
	d := m.Deployments[0]
	pod := &d.Spec.Template
	podLabels := pod.Labels
	if !matches(d.Spec.Selector, podLabels) {
		bad("Deployment selector %v does not select its pod template's labels %v", d.Spec.Selector, podLabels)
	}
	ci := slices.IndexFunc(pod.Spec.Containers, func(c corev1.Container) bool { return c.Name == containerName })
	if ci < 0 {
		bad("Deployment has no container %s", containerName)
		return problems
	}
	c := &pod.Spec.Containers[ci]
	cc, errs := newContainerConfig(c, img.config, flags)
	problems = append(problems, errs...)

	problems = append(problems, checkPorts(cc)...)
	problems = append(problems, checkProbes(cc)...)
	problems = append(problems, checkDrain(pod, cc)...)
	problems = append(problems, checkResources(cc)...)
	problems = append(problems, checkSecurity(pod, c, img.uid)...)
	problems = append(problems, m.checkSecrets(pod, cc)...)
	problems = append(problems, checkScrape(pod, cc)...)
	problems = append(problems, m.checkServices(cc, podLabels)...)
	problems = append(problems, m.checkScaling(d, c, podLabels)...)
	problems = append(problems, m.checkNetworkPolicy(c, podLabels)...)

	if overlay && (c.Image == "winnowd" || strings.HasSuffix(c.Image, ":latest") || !strings.ContainsAny(c.Image, ":@")) {
		bad("overlay image %q: pin a registry image by tag or digest", c.Image)
	}
	if ru := d.Spec.Strategy.RollingUpdate; d.Spec.Strategy.Type != appsv1.RollingUpdateDeploymentStrategyType || ru == nil || ru.MaxUnavailable == nil || ru.MaxUnavailable.IntValue() != 0 {
		bad("rolling update must keep maxUnavailable 0 (a new pod is ready before an old one drains)")
	}
	return problems
}

// checkPorts: every address winnowd listens on is a named container port,
// not on loopback, and every container port is one winnowd listens on; the
// gRPC port is grpc/7390.
func checkPorts(cc containerConfig) []string {
	var problems []string
	listening := map[int32]string{}
	for _, f := range listenFlags(cc.flags) {
		addr, literal := cc.value(f.Name)
		if !literal {
			problems = append(problems, fmt.Sprintf("--%s must be a literal address", f.Name))
			continue
		}
		if addr == "" {
			continue
		}
		if isLoopback(addr) {
			problems = append(problems, fmt.Sprintf("--%s=%s: loopback is unreachable from outside the pod", f.Name, addr))
		}
		listening[int32(portOf(addr))] = f.Name
	}
	for port, flag := range listening {
		i := slices.IndexFunc(cc.c.Ports, func(p corev1.ContainerPort) bool { return p.ContainerPort == port })
		if i < 0 {
			problems = append(problems, fmt.Sprintf("winnowd listens on %d (--%s) but the container declares no such port", port, flag))
		} else if cc.c.Ports[i].Name == "" {
			problems = append(problems, fmt.Sprintf("container port %d has no name", port))
		}
	}
	for _, p := range cc.c.Ports {
		if _, ok := listening[p.ContainerPort]; !ok {
			problems = append(problems, fmt.Sprintf("container port %s/%d: winnowd listens there on no flag", p.Name, p.ContainerPort))
		}
	}
	if p, ok := containerPortByRef(cc.c, intstr.FromString(grpcPortName)); !ok || p.ContainerPort != grpcPort || listening[grpcPort] != "listen" {
		problems = append(problems, fmt.Sprintf("want container port %s = %d = --listen", grpcPortName, grpcPort))
	}
	return problems
}

// checkProbes: readiness and liveness (and startup, if any) are Kubernetes
// gRPC probes of grpc.health.v1 on the gRPC port — or, when winnowd serves
// TLS there (which the kubelet's gRPC probe cannot speak), TCP probes of
// that port.
func checkProbes(cc containerConfig) []string {
	var problems []string
	c := cc.c
	tlsOn := false
	if _, ok := cc.flags["tls-cert"]; ok {
		v, _ := cc.value("tls-cert")
		tlsOn = v != ""
	}
	for _, p := range []struct {
		name     string
		probe    *corev1.Probe
		required bool
	}{{"readiness", c.ReadinessProbe, true}, {"liveness", c.LivenessProbe, true}, {"startup", c.StartupProbe, false}} {
		switch {
		case p.probe == nil:
			if p.required {
				problems = append(problems, fmt.Sprintf("no %s probe", p.name))
			}
		case tlsOn && p.probe.GRPC != nil:
			problems = append(problems, fmt.Sprintf("%s probe is a gRPC probe but the port serves TLS, which the kubelet's gRPC probe cannot speak: use a TCP probe", p.name))
		case tlsOn && p.probe.TCPSocket == nil:
			problems = append(problems, fmt.Sprintf("%s probe: with TLS on the gRPC port, want a TCP probe of it", p.name))
		case tlsOn:
			if port, ok := containerPortByRef(c, p.probe.TCPSocket.Port); !ok || port.ContainerPort != grpcPort {
				problems = append(problems, fmt.Sprintf("%s probe on port %s, want the gRPC port %d", p.name, p.probe.TCPSocket.Port.String(), grpcPort))
			}
		case p.probe.GRPC == nil:
			problems = append(problems, fmt.Sprintf("%s probe is not a gRPC (grpc.health.v1) probe", p.name))
		case p.probe.GRPC.Port != grpcPort:
			problems = append(problems, fmt.Sprintf("%s probe on port %d, want the gRPC port %d", p.name, p.probe.GRPC.Port, grpcPort))
		}
	}
	return problems
}

// probeServices returns the grpc.health.v1 service names the probes ask for.
func probeServices(c *corev1.Container) []string {
	var names []string
	for _, p := range []*corev1.Probe{c.ReadinessProbe, c.LivenessProbe, c.StartupProbe} {
		if p != nil && p.GRPC != nil {
			s := ""
			if p.GRPC.Service != nil {
				s = *p.GRPC.Service
			}
			if !slices.Contains(names, s) {
				names = append(names, s)
			}
		}
	}
	return names
}

// checkDrain: the pod's grace covers the preStop sleep plus winnowd's
// --drain-delay (if it has one) and --shutdown-timeout, with a margin of 1
// to 10 seconds.
func checkDrain(pod *corev1.PodTemplateSpec, cc containerConfig) []string {
	var problems []string
	drain, err := cc.duration("shutdown-timeout")
	if err != nil {
		return []string{fmt.Sprintf("--shutdown-timeout: %v", err)}
	}
	delay, err := cc.duration("drain-delay")
	if err != nil {
		return []string{fmt.Sprintf("--drain-delay: %v", err)}
	}
	drain += delay
	var sleep time.Duration
	if l := cc.c.Lifecycle; l == nil || l.PreStop == nil || l.PreStop.Sleep == nil {
		problems = append(problems, "no preStop sleep: the pod would get SIGTERM before it leaves DNS and kube-proxy")
	} else {
		sleep = time.Duration(l.PreStop.Sleep.Seconds) * time.Second
	}
	if pod.Spec.TerminationGracePeriodSeconds == nil {
		return append(problems, "no terminationGracePeriodSeconds")
	}
	grace := time.Duration(*pod.Spec.TerminationGracePeriodSeconds) * time.Second
	if margin := grace - sleep - drain; margin < time.Second || margin > 10*time.Second {
		problems = append(problems, fmt.Sprintf("terminationGracePeriodSeconds %v vs preStop sleep %v + --drain-delay and --shutdown-timeout %v: want a margin of 1 to 10 s, have %v", grace, sleep, drain, margin))
	}
	return problems
}

// checkResources: CPU and memory requests and limits are set (the HPA
// needs the CPU request), requests do not exceed limits, and the memory
// bounds winnowd and the Go runtime keep are read from the pod's own limit
// through the downward API.
func checkResources(cc containerConfig) []string {
	var problems []string
	r := cc.c.Resources
	for _, res := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		req, okReq := r.Requests[res]
		lim, okLim := r.Limits[res]
		if !okReq || !okLim {
			problems = append(problems, fmt.Sprintf("%s: want both a request and a limit", res))
			continue
		}
		if req.Cmp(lim) > 0 {
			problems = append(problems, fmt.Sprintf("%s request %s above its limit %s", res, req.String(), lim.String()))
		}
	}
	// winnowd's admission budget comes from the pod's memory request, so
	// that the scheduler reserves it; what the process holds beyond the
	// budget (the model, request buffers, the GC's headroom: about 300 MB
	// by docs/operations.md) must fit under the limit.
	if f, ok := cc.flags["max-memory"]; ok {
		if q, ok := cc.fromResource(f.envName(), "requests.memory"); !ok {
			problems = append(problems, fmt.Sprintf("env %s: want it from the pod's memory request (resourceFieldRef requests.memory, bytes)", f.envName()))
		} else if lim := r.Limits[corev1.ResourceMemory]; q.Value()+budgetHeadroom > lim.Value() {
			problems = append(problems, fmt.Sprintf("--max-memory %s + %d MB beyond the budget exceeds the memory limit %s", q.String(), budgetHeadroom/1e6, lim.String()))
		}
		if _, set := cc.args["max-memory"]; set {
			problems = append(problems, "--max-memory is an argument; set it from the memory request through its env variable")
		}
	} else if _, ok := cc.fromResource("GOMEMLIMIT", "limits.memory"); !ok {
		// Without an admission budget, the Go runtime's soft limit is
		// the only memory bound: the pod's limit.
		problems = append(problems, "env GOMEMLIMIT: want it from the pod's memory limit (resourceFieldRef limits.memory, bytes)")
	}
	if e, ok := cc.env("GOMEMLIMIT"); ok && (e.ValueFrom == nil || e.ValueFrom.ResourceFieldRef == nil || e.ValueFrom.ResourceFieldRef.Resource != "limits.memory") {
		problems = append(problems, "env GOMEMLIMIT: when set, want it from the pod's memory limit")
	}
	return problems
}

// budgetHeadroom is what winnowd holds beyond its --max-memory budget:
// docs/operations.md sizes the budget at the process's memory minus about
// 300 MB (base, request buffers, GC headroom; its fault test peaked at the
// budget plus 193 MB).
const budgetHeadroom int64 = 300e6

// fromResource returns the container resource a variable is read from
// through the downward API (resourceFieldRef of this container, in bytes:
// divisor 1), if it is read from want.
func (cc containerConfig) fromResource(env, want string) (resource.Quantity, bool) {
	e, ok := cc.env(env)
	if !ok || e.ValueFrom == nil || e.ValueFrom.ResourceFieldRef == nil {
		return resource.Quantity{}, false
	}
	ref := e.ValueFrom.ResourceFieldRef
	if ref.Resource != want || ref.ContainerName != cc.c.Name || !ref.Divisor.IsZero() && ref.Divisor.Value() != 1 {
		return resource.Quantity{}, false
	}
	kind, name, _ := strings.Cut(want, ".")
	list := cc.c.Resources.Limits
	if kind == "requests" {
		list = cc.c.Resources.Requests
	}
	q, ok := list[corev1.ResourceName(name)]
	return q, ok
}

// checkSecurity: the pod keeps the restricted Pod Security Standard and
// runs as the Dockerfile's non-root user.
func checkSecurity(pod *corev1.PodTemplateSpec, c *corev1.Container, uid int64) []string {
	var problems []string
	ps := pod.Spec.SecurityContext
	if ps == nil || ps.RunAsNonRoot == nil || !*ps.RunAsNonRoot {
		problems = append(problems, "pod: want runAsNonRoot")
	}
	if ps == nil || ps.RunAsUser == nil || *ps.RunAsUser != uid {
		problems = append(problems, fmt.Sprintf("pod: want runAsUser %d, the Dockerfile's USER", uid))
	}
	if ps == nil || ps.SeccompProfile == nil || ps.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		problems = append(problems, "pod: want seccompProfile RuntimeDefault")
	}
	cs := c.SecurityContext
	if cs == nil || cs.AllowPrivilegeEscalation == nil || *cs.AllowPrivilegeEscalation {
		problems = append(problems, "container: want allowPrivilegeEscalation false")
	}
	if cs == nil || cs.ReadOnlyRootFilesystem == nil || !*cs.ReadOnlyRootFilesystem {
		problems = append(problems, "container: want readOnlyRootFilesystem")
	}
	if cs == nil || cs.Capabilities == nil || !slices.Contains(cs.Capabilities.Drop, "ALL") {
		problems = append(problems, "container: want capabilities drop ALL")
	}
	return problems
}

// checkSecrets: every Secret the pod mounts or reads exists in the set with
// the keys it asks for, and every volume mount names a volume.
func (m *manifests) checkSecrets(pod *corev1.PodTemplateSpec, cc containerConfig) []string {
	var problems []string
	secret := func(name string) *corev1.Secret {
		i := slices.IndexFunc(m.Secrets, func(s *corev1.Secret) bool { return s.Name == name })
		if i < 0 {
			return nil
		}
		return m.Secrets[i]
	}
	hasKey := func(s *corev1.Secret, key string) bool {
		_, a := s.Data[key]
		_, b := s.StringData[key]
		return a || b
	}
	for _, v := range pod.Spec.Volumes {
		if v.Secret == nil {
			continue
		}
		s := secret(v.Secret.SecretName)
		if s == nil {
			problems = append(problems, fmt.Sprintf("volume %s: no Secret %s", v.Name, v.Secret.SecretName))
			continue
		}
		for _, it := range v.Secret.Items {
			if !hasKey(s, it.Key) {
				problems = append(problems, fmt.Sprintf("volume %s: Secret %s has no key %s", v.Name, s.Name, it.Key))
			}
		}
	}
	for _, c := range pod.Spec.Containers {
		for _, vm := range c.VolumeMounts {
			if !slices.ContainsFunc(pod.Spec.Volumes, func(v corev1.Volume) bool { return v.Name == vm.Name }) {
				problems = append(problems, fmt.Sprintf("container %s mounts %s: no such volume", c.Name, vm.Name))
			}
		}
		for _, e := range c.Env {
			if e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil {
				continue
			}
			ref := e.ValueFrom.SecretKeyRef
			if s := secret(ref.Name); s == nil || !hasKey(s, ref.Key) {
				problems = append(problems, fmt.Sprintf("env %s: no Secret %s with key %s", e.Name, ref.Name, ref.Key))
			}
		}
	}
	// A flag naming a file under a Secret's mount must name one of its keys.
	for _, f := range cc.flags {
		v, literal := cc.value(f.Name)
		if !literal || !strings.HasPrefix(v, "/") {
			continue
		}
		for _, vm := range cc.c.VolumeMounts {
			rel, under := strings.CutPrefix(v, strings.TrimSuffix(vm.MountPath, "/")+"/")
			if !under {
				continue
			}
			i := slices.IndexFunc(pod.Spec.Volumes, func(v corev1.Volume) bool { return v.Name == vm.Name })
			if i < 0 || pod.Spec.Volumes[i].Secret == nil {
				continue
			}
			sv := pod.Spec.Volumes[i].Secret
			key := rel
			if len(sv.Items) > 0 {
				j := slices.IndexFunc(sv.Items, func(it corev1.KeyToPath) bool { return it.Path == rel })
				if j < 0 {
					problems = append(problems, fmt.Sprintf("--%s=%s: the volume %s maps no key to %s", f.Name, v, vm.Name, rel))
					continue
				}
				key = sv.Items[j].Key
			}
			if s := secret(sv.SecretName); s != nil && !hasKey(s, key) {
				problems = append(problems, fmt.Sprintf("--%s=%s: Secret %s has no key %s", f.Name, v, s.Name, key))
			}
		}
	}
	for _, s := range m.Secrets {
		used := slices.ContainsFunc(pod.Spec.Volumes, func(v corev1.Volume) bool { return v.Secret != nil && v.Secret.SecretName == s.Name })
		if !used {
			problems = append(problems, fmt.Sprintf("Secret %s: the pod does not use it", s.Name))
		}
	}
	return problems
}

// checkServices: the headless Service for client-side balancing and a
// regular one exist, select the pods, and every port targets a container
// port.
func (m *manifests) checkServices(cc containerConfig, podLabels map[string]string) []string {
	var problems []string
	c := cc.c
	headless, regular := false, false
	for _, s := range m.Services {
		if !matches(&metav1.LabelSelector{MatchLabels: s.Spec.Selector}, podLabels) {
			problems = append(problems, fmt.Sprintf("Service %s selector %v does not select the pods %v", s.Name, s.Spec.Selector, podLabels))
		}
		for _, p := range s.Spec.Ports {
			target := p.TargetPort
			if target.Type == intstr.Int && target.IntVal == 0 {
				target = intstr.FromInt32(p.Port)
			}
			if _, ok := containerPortByRef(c, target); !ok {
				problems = append(problems, fmt.Sprintf("Service %s port %s targets %s: no such container port", s.Name, p.Name, target.String()))
			}
		}
		if s.Spec.ClusterIP == corev1.ClusterIPNone {
			if s.Name != headlessService {
				continue
			}
			headless = true
			if s.Spec.PublishNotReadyAddresses {
				problems = append(problems, "headless Service publishes not-ready (draining) pods")
			}
			i := slices.IndexFunc(s.Spec.Ports, func(p corev1.ServicePort) bool { return p.Name == grpcPortName })
			if i < 0 || s.Spec.Ports[i].Port != grpcPort {
				problems = append(problems, fmt.Sprintf("Service %s: want port %s = %d (clients dial dns:///%s.<ns>.svc:%d)", s.Name, grpcPortName, grpcPort, headlessService, grpcPort))
			}
		} else {
			regular = true
		}
	}
	if !headless {
		problems = append(problems, fmt.Sprintf("no headless Service %s", headlessService))
	}
	if !regular {
		problems = append(problems, "no regular (ClusterIP) Service")
	}
	// When winnowd serves the REST gateway, a regular Service carries it.
	if addr, _ := cc.value("http-listen"); addr != "" {
		gateway := slices.ContainsFunc(m.Services, func(s *corev1.Service) bool {
			return s.Spec.ClusterIP != corev1.ClusterIPNone && slices.ContainsFunc(s.Spec.Ports, func(p corev1.ServicePort) bool {
				cp, ok := containerPortByRef(cc.c, p.TargetPort)
				return ok && int(cp.ContainerPort) == portOf(addr)
			})
		})
		if !gateway {
			problems = append(problems, fmt.Sprintf("winnowd serves HTTP/JSON on %s (--http-listen) but no regular Service reaches it", addr))
		}
	}
	return problems
}

// checkScaling: the HPA scales this Deployment on CPU (which the container
// requests), and the PodDisruptionBudget selects the pods and always
// leaves some of the HPA's minimum running.
func (m *manifests) checkScaling(d *appsv1.Deployment, c *corev1.Container, podLabels map[string]string) []string {
	var problems []string
	minReplicas := int32(1)
	if len(m.HPAs) != 1 {
		problems = append(problems, fmt.Sprintf("want one HorizontalPodAutoscaler, have %d", len(m.HPAs)))
	} else {
		h := m.HPAs[0]
		ref := h.Spec.ScaleTargetRef
		if ref.Kind != "Deployment" || ref.APIVersion != "apps/v1" || ref.Name != d.Name {
			problems = append(problems, fmt.Sprintf("HPA targets %s %s %s, want apps/v1 Deployment %s", ref.APIVersion, ref.Kind, ref.Name, d.Name))
		}
		if h.Spec.MinReplicas != nil {
			minReplicas = *h.Spec.MinReplicas
		}
		if minReplicas < 2 || h.Spec.MaxReplicas < minReplicas {
			problems = append(problems, fmt.Sprintf("HPA replicas %d..%d: want at least 2 and min ≤ max", minReplicas, h.Spec.MaxReplicas))
		}
		onCPU := slices.ContainsFunc(h.Spec.Metrics, func(ms autoscalingv2.MetricSpec) bool {
			return ms.Resource != nil && ms.Resource.Name == corev1.ResourceCPU
		})
		if !onCPU {
			problems = append(problems, "HPA does not scale on CPU")
		}
		if _, ok := c.Resources.Requests[corev1.ResourceCPU]; !ok {
			problems = append(problems, "HPA on CPU utilisation needs a CPU request")
		}
	}
	if len(m.PDBs) != 1 {
		problems = append(problems, fmt.Sprintf("want one PodDisruptionBudget, have %d", len(m.PDBs)))
	} else {
		p := m.PDBs[0]
		if !matches(p.Spec.Selector, podLabels) {
			problems = append(problems, "PodDisruptionBudget does not select the pods")
		}
		if p.Spec.MaxUnavailable == nil || p.Spec.MaxUnavailable.Type != intstr.Int || p.Spec.MaxUnavailable.IntVal < 1 || p.Spec.MaxUnavailable.IntVal >= minReplicas {
			problems = append(problems, fmt.Sprintf("PodDisruptionBudget: want maxUnavailable from 1 to %d (below the HPA's minimum)", minReplicas-1))
		}
	}
	return problems
}

// checkNetworkPolicy: one policy selects the pods, lets gRPC in, names
// only container ports, and allows no egress.
func (m *manifests) checkNetworkPolicy(c *corev1.Container, podLabels map[string]string) []string {
	var problems []string
	if len(m.NetworkPolicies) != 1 {
		return []string{fmt.Sprintf("want one NetworkPolicy, have %d", len(m.NetworkPolicies))}
	}
	np := m.NetworkPolicies[0]
	if !matches(&np.Spec.PodSelector, podLabels) {
		problems = append(problems, "NetworkPolicy does not select the pods")
	}
	grpcIn := false
	for _, rule := range np.Spec.Ingress {
		if len(rule.Ports) == 0 {
			problems = append(problems, "NetworkPolicy ingress rule without ports opens every port")
		}
		for _, p := range rule.Ports {
			if p.Port == nil {
				problems = append(problems, "NetworkPolicy ingress port without a port number or name")
				continue
			}
			cp, ok := containerPortByRef(c, *p.Port)
			if !ok {
				problems = append(problems, fmt.Sprintf("NetworkPolicy ingress port %s: no such container port", p.Port.String()))
			} else if cp.ContainerPort == grpcPort {
				grpcIn = true
			}
		}
	}
	if !grpcIn {
		problems = append(problems, "NetworkPolicy lets no gRPC in")
	}
	if !slices.Contains(np.Spec.PolicyTypes, "Egress") || len(np.Spec.Egress) > 0 {
		problems = append(problems, "NetworkPolicy: winnowd opens no connection; want all egress denied")
	}
	return problems
}

// checkScrape: when winnowd serves metrics, the pod carries Prometheus'
// scrape annotations naming the metrics port and path, and the container
// declares that port; without metrics, no annotations.
func checkScrape(pod *corev1.PodTemplateSpec, cc containerConfig) []string {
	addr := ""
	if _, ok := cc.flags["metrics-listen"]; ok {
		addr, _ = cc.value("metrics-listen")
	}
	a := pod.Annotations
	if addr == "" {
		if a["prometheus.io/scrape"] != "" {
			return []string{"scrape annotations but winnowd serves no metrics (--metrics-listen)"}
		}
		return nil
	}
	var problems []string
	if a["prometheus.io/scrape"] != "true" {
		problems = append(problems, "winnowd serves metrics: want the pod annotation prometheus.io/scrape \"true\"")
	}
	if port := strconv.Itoa(portOf(addr)); a["prometheus.io/port"] != port {
		problems = append(problems, fmt.Sprintf("prometheus.io/port %q, want %s (--metrics-listen %s)", a["prometheus.io/port"], port, addr))
	}
	if a["prometheus.io/path"] != "/metrics" {
		problems = append(problems, fmt.Sprintf("prometheus.io/path %q, want /metrics", a["prometheus.io/path"]))
	}
	return problems
}
