// Package deploy holds the checks of Winnow's deployment files: the
// repository's Dockerfile and .dockerignore, and the Kubernetes manifests
// under deploy/kubernetes. It is its own module so that the Kubernetes API
// types, kustomize and buildkit's Dockerfile parser stay out of the main
// module's dependencies.
//
// Nothing here runs a container engine or a cluster: the tests parse the
// files with the parsers those tools use, decode every manifest strictly
// into the Kubernetes API types, render the production overlay with
// kustomize's own library, and check that the files agree with each other
// and with winnowd as built from the parent module (its flags and their
// defaults, read from `winnowd -h`).
package deploy
