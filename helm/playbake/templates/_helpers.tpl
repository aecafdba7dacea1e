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
