{{- define "newsflow.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "newsflow.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "newsflow.labels" -}}
{{ include "newsflow.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "newsflow.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{ default (include "newsflow.fullname" .) .Values.serviceAccount.name }}
{{- else -}}
{{ default "default" .Values.serviceAccount.name }}
{{- end -}}
{{- end -}}

{{/* Environment variables from Secrets: never in the ConfigMap. */}}
{{- define "newsflow.secretEnv" -}}
{{- range .Values.secretEnv }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef: {name: {{ .secretName }}, key: {{ .key | quote }}}
{{- end }}
{{- if .Values.registry.basicAuthSecret }}
- name: NEWSFLOW_REGISTRY_BASIC_AUTH_USER_INFO
  valueFrom:
    secretKeyRef: {name: {{ .Values.registry.basicAuthSecret }}, key: userInfo}
{{- end }}
{{- end -}}

{{- define "newsflow.secretFileMounts" -}}
{{- range $i, $f := .Values.secretFiles }}
- name: secret-file-{{ $i }}
  mountPath: {{ $f.mountPath }}
  readOnly: true
{{- end }}
{{- end -}}

{{- define "newsflow.secretFileVolumes" -}}
{{- range $i, $f := .Values.secretFiles }}
- name: secret-file-{{ $i }}
  secret:
    secretName: {{ $f.secretName }}
    defaultMode: 0440
{{- end }}
{{- end -}}

{{/* What Pod Security "restricted" asks of a container. */}}
{{- define "newsflow.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities: {drop: ["ALL"]}
seccompProfile: {type: RuntimeDefault}
{{- end -}}

{{/* The pod template shared by the StatefulSet and the Deployment. */}}
{{- define "newsflow.podTemplate" -}}
metadata:
  labels:
    {{- include "newsflow.labels" . | nindent 4 }}
    {{- with .Values.podLabels }}{{ toYaml . | nindent 4 }}{{ end }}
  annotations:
    checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
    {{- with .Values.podAnnotations }}{{ toYaml . | nindent 4 }}{{ end }}
spec:
  serviceAccountName: {{ include "newsflow.serviceAccountName" . }}
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets: {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  {{- with .Values.topologySpreadConstraints }}
  topologySpreadConstraints: {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext: {{- toYaml .Values.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: 60
  containers:
    - name: newsflow
      image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      args: ["run"]
      ports:
        - name: http
          containerPort: {{ .Values.http.port }}
      envFrom:
        - configMapRef:
            name: {{ include "newsflow.fullname" . }}
      env:
        - name: POD_NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        {{- if eq .Values.workload "StatefulSet" }}
        # static membership: a restarted pod takes its partitions back without a rebalance
        - name: KAFKA_GROUP_INSTANCE_ID
          value: "$(POD_NAME)"
        # where the other instances ask this one for its share of interactive queries
        - name: KAFKA_APPLICATION_SERVER
          value: "$(POD_NAME).{{ include "newsflow.fullname" . }}:{{ .Values.http.port }}"
        {{- end }}
        - name: JAVA_TOOL_OPTIONS
          value: {{ .Values.javaOptions | quote }}
        {{- include "newsflow.secretEnv" . | nindent 8 }}
      startupProbe:
        httpGet: {path: /live, port: http}
        periodSeconds: {{ .Values.probes.startup.periodSeconds }}
        failureThreshold: {{ .Values.probes.startup.failureThreshold }}
      livenessProbe:
        httpGet: {path: /live, port: http}
        periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
        failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
        timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
      readinessProbe:
        httpGet: {path: /ready, port: http}
        periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
        failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
        timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
      resources: {{- toYaml .Values.resources | nindent 8 }}
      securityContext: {{- include "newsflow.containerSecurityContext" . | nindent 8 }}
      volumeMounts:
        - name: state
          mountPath: /var/lib/newsflow
        - name: tmp
          mountPath: /tmp
        {{- include "newsflow.secretFileMounts" . | nindent 8 }}
  volumes:
    - name: tmp
      emptyDir: {}
    {{- include "newsflow.secretFileVolumes" . | nindent 4 }}
    {{- if eq .Values.workload "Deployment" }}
    - name: state
      emptyDir: {}
    {{- end }}
  {{- with .Values.nodeSelector }}
  nodeSelector: {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations: {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.affinity }}
  affinity: {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
