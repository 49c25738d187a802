package deploy

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// TestManifestRules breaks the rendered base one rule at a time and checks
// that the checks notice.
func TestManifestRules(t *testing.T) {
	flags := winnowd(t)
	img := parseImage(t)
	base := filepath.Join(kubeDir, "base")
	if p := render(t, base).problems(flags, img, false); len(p) > 0 {
		t.Fatalf("the base itself has problems: %q", p)
	}
	container := func(m *manifests) *corev1.Container {
		return &m.Deployments[0].Spec.Template.Spec.Containers[0]
	}
	setArg := func(m *manifests, flag, val string) {
		c := container(m)
		i := slices.IndexFunc(c.Args, func(a string) bool { return strings.HasPrefix(a, "--"+flag+"=") })
		if i < 0 {
			c.Args = append(c.Args, "--"+flag+"="+val)
		} else {
			c.Args[i] = "--" + flag + "=" + val
		}
	}
	tests := []struct {
		name string
		edit func(m *manifests)
		want string // a substring of one of the problems
	}{
		{"unknown flag", func(m *manifests) { setArg(m, "no-such-flag", "1") }, "no flag --no-such-flag"},
		{"unknown env", func(m *manifests) {
			c := container(m)
			c.Env = append(c.Env, corev1.EnvVar{Name: "WINNOWD_NO_SUCH_FLAG", Value: "1"})
		}, "env WINNOWD_NO_SUCH_FLAG"},
		{"loopback", func(m *manifests) { setArg(m, "listen", "127.0.0.1:7390") }, "loopback"},
		{"port moved", func(m *manifests) { setArg(m, "listen", "0.0.0.0:7399") }, "declares no such port"},
		{"grace too short", func(m *manifests) {
			g := int64(10)
			m.Deployments[0].Spec.Template.Spec.TerminationGracePeriodSeconds = &g
		}, "terminationGracePeriodSeconds"},
		{"drain longer than grace", func(m *manifests) { setArg(m, "shutdown-timeout", "60s") }, "terminationGracePeriodSeconds"},
		{"no preStop", func(m *manifests) { container(m).Lifecycle = nil }, "no preStop"},
		{"http readiness", func(m *manifests) {
			container(m).ReadinessProbe.ProbeHandler = corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(7390)}}
		}, "readiness probe is not a gRPC"},
		{"liveness port", func(m *manifests) { container(m).LivenessProbe.GRPC.Port = 9999 }, "liveness probe on port 9999"},
		{"no cpu request", func(m *manifests) { delete(container(m).Resources.Requests, corev1.ResourceCPU) }, "needs a CPU request"},
		{"request above limit", func(m *manifests) {
			container(m).Resources.Requests[corev1.ResourceMemory] = resource.MustParse("2Gi")
		}, "memory request 2Gi above its limit"},
		{"GOMEMLIMIT literal", func(m *manifests) { setEnv(container(m), "GOMEMLIMIT", "500MiB") }, "env GOMEMLIMIT"},
		{"budget from the limit", func(m *manifests) {
			setEnvFrom(container(m), "WINNOWD_MAX_MEMORY", "limits.memory")
		}, "env WINNOWD_MAX_MEMORY: want it from the pod's memory request"},
		{"budget without headroom", func(m *manifests) {
			container(m).Resources.Requests[corev1.ResourceMemory] = resource.MustParse("900Mi")
		}, "beyond the budget exceeds the memory limit"},
		{"drain delay", func(m *manifests) { setEnv(container(m), "WINNOWD_DRAIN_DELAY", "10s") }, "terminationGracePeriodSeconds"},
		{"tokens path", func(m *manifests) { setEnv(container(m), "WINNOWD_AUTH_TOKENS", "/etc/winnow/auth/token") }, "has no key token"},
		{"scrape port", func(m *manifests) {
			m.Deployments[0].Spec.Template.Annotations["prometheus.io/port"] = "9091"
		}, "prometheus.io/port \"9091\""},
		{"metrics off", func(m *manifests) { setEnv(container(m), "WINNOWD_METRICS_LISTEN", "") }, "winnowd serves no metrics"},
		{"grpc probe on a TLS port", func(m *manifests) {
			setEnv(container(m), "WINNOWD_TLS_CERT", "/etc/winnow/auth/tokens")
		}, "the kubelet's gRPC probe cannot speak"},
		{"root", func(m *manifests) {
			zero := int64(0)
			m.Deployments[0].Spec.Template.Spec.SecurityContext.RunAsUser = &zero
		}, "runAsUser 65532"},
		{"writable root", func(m *manifests) {
			f := false
			container(m).SecurityContext.ReadOnlyRootFilesystem = &f
		}, "readOnlyRootFilesystem"},
		{"selector", func(m *manifests) {
			m.Deployments[0].Spec.Template.Labels = map[string]string{"app": "other"}
		}, "does not select"},
		{"service target", func(m *manifests) {
			m.Services[0].Spec.Ports[0].TargetPort = intstr.FromString("grcp")
		}, "targets grcp"},
		{"headless port", func(m *manifests) {
			for _, s := range m.Services {
				if s.Name == headlessService {
					s.Spec.Ports[0].Port = 80
				}
			}
		}, "Service winnow-headless: want port grpc"},
		{"no gateway service", func(m *manifests) {
			for _, s := range m.Services {
				if s.Name != headlessService {
					s.Spec.Ports = slices.DeleteFunc(s.Spec.Ports, func(p corev1.ServicePort) bool { return p.Name == "http" })
				}
			}
		}, "no regular Service reaches it"},
		{"no headless", func(m *manifests) {
			m.Services = slices.DeleteFunc(m.Services, func(s *corev1.Service) bool { return s.Name == headlessService })
		}, "no headless Service"},
		{"hpa target", func(m *manifests) { m.HPAs[0].Spec.ScaleTargetRef.Name = "winnow" }, "HPA targets"},
		{"pdb blocks drains", func(m *manifests) {
			m.PDBs[0].Spec.MaxUnavailable = &intstr.IntOrString{Type: intstr.Int, IntVal: 0}
		}, "PodDisruptionBudget: want maxUnavailable"},
		{"network policy port", func(m *manifests) {
			p := intstr.FromString("grcp")
			m.NetworkPolicies[0].Spec.Ingress[0].Ports[0].Port = &p
		}, "ingress port grcp"},
		{"egress", func(m *manifests) {
			m.NetworkPolicies[0].Spec.Egress = append(m.NetworkPolicies[0].Spec.Egress, networkingv1.NetworkPolicyEgressRule{})
		}, "egress denied"},
		{"missing secret", func(m *manifests) {
			pod := &m.Deployments[0].Spec.Template.Spec
			pod.Volumes = append(pod.Volumes, corev1.Volume{Name: "x", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "nope"}}})
		}, "no Secret nope"},
		{"maxUnavailable", func(m *manifests) {
			v := intstr.FromInt32(1)
			m.Deployments[0].Spec.Strategy.RollingUpdate.MaxUnavailable = &v
		}, "maxUnavailable 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := render(t, base)
			tt.edit(m)
			problems := m.problems(flags, img, false)
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("problems %q; want one containing %q", problems, tt.want)
			}
		})
	}
	t.Run("unpinned overlay image", func(t *testing.T) {
		m := render(t, base)
		problems := m.problems(flags, img, true)
		if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, "pin a registry image") }) {
			t.Errorf("problems %q; want the base image flagged as unpinned", problems)
		}
	})
}

// setEnv sets a literal variable in the container.
func setEnv(c *corev1.Container, name, value string) {
	c.Env = slices.DeleteFunc(c.Env, func(e corev1.EnvVar) bool { return e.Name == name })
	c.Env = append(c.Env, corev1.EnvVar{Name: name, Value: value})
}

// setEnvFrom sets a variable from one of the container's resources.
func setEnvFrom(c *corev1.Container, name, resource string) {
	c.Env = slices.DeleteFunc(c.Env, func(e corev1.EnvVar) bool { return e.Name == name })
	c.Env = append(c.Env, corev1.EnvVar{Name: name, ValueFrom: &corev1.EnvVarSource{
		ResourceFieldRef: &corev1.ResourceFieldSelector{ContainerName: c.Name, Resource: resource},
	}})
}
