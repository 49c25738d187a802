package deploy

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/kustomize/api/krusty"
	kustypes "sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

// kubeDir holds the manifests: base/ and overlays/NAME/.
const kubeDir = "kubernetes"

// manifests is a decoded set of Kubernetes objects.
type manifests struct {
	Deployments     []*appsv1.Deployment
	Services        []*corev1.Service
	Secrets         []*corev1.Secret
	Namespaces      []*corev1.Namespace
	HPAs            []*autoscalingv2.HorizontalPodAutoscaler
	PDBs            []*policyv1.PodDisruptionBudget
	NetworkPolicies []*networkingv1.NetworkPolicy
}

// add decodes one YAML document strictly (an unknown or duplicate field is
// an error) into the API type its apiVersion and kind name, and adds it.
func (m *manifests) add(doc []byte) error {
	var tm metav1.TypeMeta
	if err := yaml.Unmarshal(doc, &tm); err != nil {
		return err
	}
	var into any
	switch tm.APIVersion + " " + tm.Kind {
	case "apps/v1 Deployment":
		into = appendNew(&m.Deployments)
	case "v1 Service":
		into = appendNew(&m.Services)
	case "v1 Secret":
		into = appendNew(&m.Secrets)
	case "v1 Namespace":
		into = appendNew(&m.Namespaces)
	case "autoscaling/v2 HorizontalPodAutoscaler":
		into = appendNew(&m.HPAs)
	case "policy/v1 PodDisruptionBudget":
		into = appendNew(&m.PDBs)
	case "networking.k8s.io/v1 NetworkPolicy":
		into = appendNew(&m.NetworkPolicies)
	default:
		return fmt.Errorf("apiVersion %q kind %q: not a kind these checks know", tm.APIVersion, tm.Kind)
	}
	return yaml.UnmarshalStrict(doc, into)
}

// appendNew appends a new zero T to list and returns it.
func appendNew[T any](list *[]*T) *T {
	v := new(T)
	*list = append(*list, v)
	return v
}

// splitYAML splits a multi-document YAML stream, dropping empty documents.
func splitYAML(data []byte) [][]byte {
	var docs [][]byte
	for _, d := range bytes.Split(append([]byte("\n"), data...), []byte("\n---")) {
		if len(bytes.TrimSpace(stripComments(d))) > 0 {
			docs = append(docs, d)
		}
	}
	return docs
}

func stripComments(d []byte) []byte {
	var out []byte
	for _, line := range bytes.Split(d, []byte("\n")) {
		if !bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) {
			out = append(append(out, line...), '\n')
		}
	}
	return out
}

// kustomizations returns the directories under kubeDir holding a
// buildable kustomization.yaml: base and every overlay (not components,
// which only overlays build).
func kustomizations(t *testing.T) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(kubeDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() != "kustomization.yaml" {
			return err
		}
		var k kustypes.Kustomization
		data, err := os.ReadFile(p)
		if err == nil {
			err = yaml.Unmarshal(data, &k)
		}
		if err == nil && k.Kind != kustypes.ComponentKind {
			dirs = append(dirs, filepath.Dir(p))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 2 {
		t.Fatalf("kustomizations %v: want base and at least one overlay", dirs)
	}
	return dirs
}

// render runs kustomize build on dir with kustomize's own library and
// decodes the result strictly.
func render(t *testing.T, dir string) *manifests {
	t.Helper()
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	rm, err := k.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		t.Fatalf("kustomize build %s: %v", dir, err)
	}
	out, err := rm.AsYaml()
	if err != nil {
		t.Fatal(err)
	}
	m := &manifests{}
	for _, doc := range splitYAML(out) {
		if err := m.add(doc); err != nil {
			t.Fatalf("kustomize build %s: %v\n%s", dir, err, doc)
		}
	}
	return m
}

// TestManifestsDecode decodes every YAML file under kubernetes/ strictly:
// kustomization.yaml into kustomize's Kustomization, every other document
// (resources and patches alike) into its Kubernetes API type.
func TestManifestsDecode(t *testing.T) {
	n := 0
	err := filepath.WalkDir(kubeDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(p); ext != ".yaml" && ext != ".yml" {
			t.Errorf("%s: manifests are .yaml files", p)
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		if d.Name() == "kustomization.yaml" {
			var k kustypes.Kustomization
			if err := yaml.UnmarshalStrict(data, &k); err != nil {
				t.Errorf("%s: %v", p, err)
			}
			kustomization := k.Kind == kustypes.KustomizationKind && k.APIVersion == kustypes.KustomizationVersion
			component := k.Kind == kustypes.ComponentKind && k.APIVersion == kustypes.ComponentVersion
			if !kustomization && !component {
				t.Errorf("%s: %s %s, want a %s %s or a %s %s", p, k.APIVersion, k.Kind,
					kustypes.KustomizationVersion, kustypes.KustomizationKind, kustypes.ComponentVersion, kustypes.ComponentKind)
			}
			return nil
		}
		var m manifests
		docs := splitYAML(data)
		if len(docs) == 0 {
			t.Errorf("%s: no document", p)
		}
		for i, doc := range docs {
			if err := m.add(doc); err != nil {
				t.Errorf("%s document %d: %v", p, i+1, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 8 {
		t.Errorf("only %d files under %s", n, kubeDir)
	}
}

// TestManifests renders base and every overlay with kustomize and checks
// each rendered set: cross-references between the objects, and agreement
// with winnowd (its flags and defaults) and with the Dockerfile.
func TestManifests(t *testing.T) {
	flags := winnowd(t)
	img := parseImage(t)
	for _, dir := range kustomizations(t) {
		t.Run(strings.ReplaceAll(strings.TrimPrefix(dir, kubeDir+"/"), "/", "_"), func(t *testing.T) {
			m := render(t, dir)
			for _, p := range m.problems(flags, img, dir != filepath.Join(kubeDir, "base")) {
				t.Error(p)
			}
		})
	}
}
