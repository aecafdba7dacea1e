/**
 * The build-log API: {@code /apis/logs.playbake.dev/v1alpha1/namespaces/NS/imagebuilds/NAME/log}, served by the
 * operator behind the Kubernetes API server's aggregation layer, so a user reads a log with their own kubeconfig
 * and only when they may get that ImageBuild.
 */
package dev.playbake.operator.logapi;
