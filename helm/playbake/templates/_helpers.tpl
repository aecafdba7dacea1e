{{- define "playbake.labels" -}}
app.kubernetes.io/name: playbake
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{- define "playbake.selector" -}}
app.kubernetes.io/name: playbake
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- /* The namespaces the operator watches, comma-separated: watchNamespaces, else the release's own; empty with watchAllNamespaces. */ -}}
{{- define "playbake.namespaces" -}}
{{- if .Values.watchAllNamespaces }}
{{- if .Values.watchNamespaces }}
{{- fail "set watchNamespaces or watchAllNamespaces, not both" }}
{{- end }}
{{- else if .Values.watchNamespaces }}
{{- join "," .Values.watchNamespaces }}
{{- else }}
{{- .Release.Namespace }}
{{- end }}
{{- end }}

{{- /* What the operator calls, and nothing more (docs/operator.md: RBAC). */ -}}
{{- define "playbake.rules" -}}
- apiGroups: ["playbake.dev"]
  resources: ["imagebuilds"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["playbake.dev"]
  resources: ["imagebuilds/status"]
  verbs: ["patch"]
- apiGroups: [""]
  resources: ["configmaps", "secrets"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end }}
