{{/* Object names: <release>-envforge unless overridden, cut to fit Kubernetes' 63 characters. */}}
{{- define "envforge.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default "envforge" .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "envforge.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: envforge
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: envforge
{{- /* Not managed-by=envforge: that label marks environments, which the reaper sweeps. */}}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* (dict "root" $ "component" "worker") */}}
{{- define "envforge.componentLabels" -}}
{{ include "envforge.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "envforge.selectorLabels" -}}
app.kubernetes.io/name: envforge
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "envforge.workerServiceAccount" -}}
{{ include "envforge.fullname" . }}-worker
{{- end -}}

{{- define "envforge.operatorServiceAccount" -}}
{{ include "envforge.fullname" . }}-operator
{{- end -}}

{{- define "envforge.workerEnvironmentRole" -}}
{{ include "envforge.fullname" . }}-worker-environment
{{- end -}}

{{- define "envforge.image" -}}
{{- $image := .values.image -}}
{{- $tag := default .root.Chart.AppVersion $image.tag -}}
{{- if .root.Values.image.registry -}}
{{ printf "%s/%s:%s" .root.Values.image.registry $image.repository $tag }}
{{- else -}}
{{ printf "%s:%s" $image.repository $tag }}
{{- end -}}
{{- end -}}

{{/*
Spring settings both components share: the Temporal connection and the payload codec. Secrets
are mounted as files; the API key, which the Temporal starter only takes as a value, is read
through Spring's config tree from a file whose name is the property.
*/}}
{{- define "envforge.sharedConfig" -}}
{{- $t := .Values.temporal -}}
{{- $connection := dict "target" $t.address -}}
{{- if $t.mtls.enabled -}}
{{- $mtls := dict "cert-chain-file" "/etc/envforge/temporal-tls/cert-chain" "key-file" "/etc/envforge/temporal-tls/key" -}}
{{- if $t.mtls.serverName }}{{ $_ := set $mtls "server-name" $t.mtls.serverName }}{{ end -}}
{{- $_ := set $connection "mtls" $mtls -}}
{{- end -}}
{{- $spring := dict "temporal" (dict "namespace" $t.namespace "connection" $connection) -}}
{{- if $t.apiKey.enabled -}}
{{- $_ := set $connection "enable-https" true -}}
{{- $_ := set $spring "config" (dict "import" "optional:configtree:/etc/envforge/temporal-api-key/") -}}
{{- end -}}
{{- $codec := dict "enabled" $t.codec.enabled -}}
{{- if $t.codec.enabled -}}
{{- $_ := set $codec "key-directory" "/etc/envforge/codec-keys" -}}
{{- $_ := set $codec "active-key-id" $t.codec.activeKeyId -}}
{{- end -}}
{{- /*
Only what the values set: an unset one keeps the applications' own default (envforge-shared.yaml
and the settings records in the workflows module), written there once.
*/ -}}
{{- $envforge := dict "codec" $codec -}}
{{- if hasKey .Values "taskQueue" }}{{ $_ := set $envforge "task-queue" .Values.taskQueue }}{{ end -}}
{{- if hasKey .Values "namespacePrefix" }}{{ $_ := set $envforge "namespace-prefix" .Values.namespacePrefix }}{{ end -}}
{{- /* The same TTL policy in both: the API checks requests with it, the workflow again. */ -}}
{{- $ttl := include "envforge.ttlRule" .Values.ttl | fromYaml -}}
{{- if hasKey .Values.ttl "warnBefore" }}{{ $_ := set $ttl "warn-before" .Values.ttl.warnBefore }}{{ end -}}
{{- with .Values.ttl.profiles }}{{ $_ := set $ttl "profiles" (include "envforge.ttlRules" . | fromYaml) }}{{ end -}}
{{- with .Values.ttl.teams }}{{ $_ := set $ttl "teams" (include "envforge.ttlRules" . | fromYaml) }}{{ end -}}
{{- with $ttl }}{{ $_ := set $envforge "ttl" . }}{{ end -}}
{{- /* Per profile, the capabilities (Dapr components) of a request that names none. */ -}}
{{- with .Values.capabilities }}{{ $_ := set $envforge "capabilities" . }}{{ end -}}
{{- toYaml (dict "spring" $spring "envforge" $envforge) -}}
{{- end -}}

{{/* Volumes for the shared settings above. */}}
{{- define "envforge.sharedVolumes" -}}
- name: config
  configMap:
    name: {{ .configMap }}
- name: tmp
  emptyDir: {}
{{- $t := .root.Values.temporal }}
{{- if $t.mtls.enabled }}
- name: temporal-tls
  secret:
    secretName: {{ $t.mtls.secretName }}
    items:
      - {key: {{ $t.mtls.certKey }}, path: cert-chain}
      - {key: {{ $t.mtls.keyKey }}, path: key}
{{- end }}
{{- if $t.apiKey.enabled }}
- name: temporal-api-key
  secret:
    secretName: {{ $t.apiKey.secretName }}
    items:
      - {key: {{ $t.apiKey.key }}, path: spring.temporal.connection.api-key}
{{- end }}
{{- if $t.codec.enabled }}
- name: codec-keys
  secret:
    secretName: {{ $t.codec.secretName }}
{{- end }}
{{- end -}}

{{- define "envforge.sharedVolumeMounts" -}}
- {name: config, mountPath: /etc/envforge/config, readOnly: true}
- {name: tmp, mountPath: /tmp}
{{- $t := .Values.temporal }}
{{- if $t.mtls.enabled }}
- {name: temporal-tls, mountPath: /etc/envforge/temporal-tls, readOnly: true}
{{- end }}
{{- if $t.apiKey.enabled }}
- {name: temporal-api-key, mountPath: /etc/envforge/temporal-api-key, readOnly: true}
{{- end }}
{{- if $t.codec.enabled }}
- {name: codec-keys, mountPath: /etc/envforge/codec-keys, readOnly: true}
{{- end }}
{{- end -}}

{{- define "envforge.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/* Probes on Spring Boot's actuator health groups. */}}
{{- define "envforge.probes" -}}
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: 5
  failureThreshold: 36
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: http}
  periodSeconds: 5
  failureThreshold: 3
{{- end -}}

{{/* The environment variables every component gets. */}}
{{- define "envforge.commonEnv" -}}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: file:/etc/envforge/config/
- name: JAVA_TOOL_OPTIONS
  value: {{ .values.javaToolOptions | quote }}
{{- with .values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* One TTL rule (or the global one) from values (camelCase) to configuration (kebab-case). */}}
{{- define "envforge.ttlRule" -}}
{{- $r := dict -}}
{{- if hasKey . "default" }}{{ $_ := set $r "default" .default }}{{ end -}}
{{- if hasKey . "max" }}{{ $_ := set $r "max" .max }}{{ end -}}
{{- if hasKey . "keepAllowed" }}{{ $_ := set $r "keep-allowed" .keepAllowed }}{{ end -}}
{{- toYaml $r -}}
{{- end -}}

{{/* TTL rules per profile or team, each as above. */}}
{{- define "envforge.ttlRules" -}}
{{- $out := dict -}}
{{- range $name, $rule := . -}}
{{- $_ := set $out $name (include "envforge.ttlRule" $rule | fromYaml) -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}
