/** The ImageBuild custom resource, version v1alpha1: spec and status as Kubernetes stores them (the CRD is generated from these). */
package dev.playbake.api.v1alpha1;
