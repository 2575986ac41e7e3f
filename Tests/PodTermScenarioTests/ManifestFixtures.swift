/// Real-looking Kubernetes manifests for the import and lint tests.
enum Manifests {
    /// `kubectl get deployment web -o yaml`: status, managedFields and the rest of the metadata.
    static let kubectlGetDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          annotations:
            deployment.kubernetes.io/revision: "3"
          creationTimestamp: "2026-11-30T09:12:44Z"
          generation: 3
          labels:
            app: web
          managedFields:
          - apiVersion: apps/v1
            fieldsType: FieldsV1
            fieldsV1:
              f:spec:
                f:replicas: {}
            manager: kubectl-client-side-apply
            operation: Update
            time: "2026-11-30T09:12:44Z"
          name: web
          namespace: shop
          resourceVersion: "184467"
          uid: 6f1c2a54-3b7e-4d55-9d0e-1f9a0f3c2b11
        spec:
          progressDeadlineSeconds: 600
          replicas: 3
          revisionHistoryLimit: 10
          selector:
            matchLabels:
              app: web
          strategy:
            rollingUpdate:
              maxSurge: 25%
              maxUnavailable: 25%
            type: RollingUpdate
          template:
            metadata:
              creationTimestamp: null
              labels:
                app: web
            spec:
              containers:
              - command:
                - /bin/sh
                - -c
                - java -Xmx512m -jar /app/web.jar
                image: registry.example.com/shop/web:2.4.1
                imagePullPolicy: IfNotPresent
                name: app
                ports:
                - containerPort: 8080
                  name: http
                  protocol: TCP
                readinessProbe:
                  failureThreshold: 3
                  httpGet:
                    path: /ready
                    port: http
                    scheme: HTTP
                  periodSeconds: 5
                  successThreshold: 1
                  timeoutSeconds: 1
                resources:
                  limits:
                    memory: 1Gi
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
              dnsPolicy: ClusterFirst
              restartPolicy: Always
              schedulerName: default-scheduler
              securityContext: {}
              terminationGracePeriodSeconds: 30
        status:
          availableReplicas: 3
          conditions:
          - lastTransitionTime: "2026-11-30T09:12:50Z"
            message: Deployment has minimum availability.
            reason: MinimumReplicasAvailable
            status: "True"
            type: Available
          observedGeneration: 3
          readyReplicas: 3
          replicas: 3
          updatedReplicas: 3
        """

    /// A Service and a StatefulSet in one file; the app runs under tini.
    static let statefulSetWithService = """
        apiVersion: v1
        kind: Service
        metadata:
          name: indexer
        spec:
          clusterIP: None
          selector: {app: indexer}
          ports: [{port: 9200}]
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: indexer
        spec:
          serviceName: indexer
          replicas: 2
          selector:
            matchLabels: {app: indexer}
          template:
            metadata:
              labels: {app: indexer}
            spec:
              terminationGracePeriodSeconds: 60
              containers:
                - name: indexer
                  image: eclipse-temurin:21-jre-alpine
                  command: ["tini", "-g", "--", "java", "-jar", "/app/indexer.jar"]
                  volumeMounts:
                    - {name: data, mountPath: /data}
          volumeClaimTemplates:
            - metadata: {name: data}
              spec:
                accessModes: [ReadWriteOnce]
                resources: {requests: {storage: 10Gi}}
        """

    /// A CronJob whose job runs a Python script through an entrypoint script.
    static let cronJob = """
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: nightly-report
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              backoffLimit: 2
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                    - name: report
                      image: python:3.12-slim
                      command: ["/entrypoint.sh"]
                      args: ["python", "report.py"]
        """

    /// A Job with an init container that runs to completion (left out) and a native sidecar.
    static let jobWithSidecar = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
        spec:
          template:
            spec:
              restartPolicy: Never
              initContainers:
                - name: wait-for-db
                  image: busybox:1.36
                  command: ["sh", "-c", "until nc -z db 5432; do sleep 1; done"]
                - name: cloud-sql-proxy
                  image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11
                  restartPolicy: Always
                  args: ["--port=5432", "shop:europe-west1:db"]
              containers:
                - name: migrate
                  image: node:20
                  command: ["node", "migrate.js"]
        """

    /// A List, as `kubectl get pods -o yaml` prints, of two pods.
    static let podList = """
        apiVersion: v1
        kind: List
        metadata:
          resourceVersion: ""
        items:
        - apiVersion: v1
          kind: Pod
          metadata:
            name: web-7d9c-abcde
          spec:
            containers:
            - name: nginx
              image: nginx:1.27
              ports:
              - containerPort: 80
        - apiVersion: v1
          kind: Pod
          metadata:
            name: worker-5f6b-fghij
          spec:
            containers:
            - name: worker
              image: example/worker:1.0
        """

    /// A DaemonSet with an Envoy proxy as an ordinary container beside the app.
    static let daemonSetWithProxy = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: edge
        spec:
          selector:
            matchLabels: {app: edge}
          template:
            metadata:
              labels: {app: edge}
            spec:
              containers:
                - name: app
                  image: example/edge:3.1
                  command: ["/app/edge"]
                  ports: [{containerPort: 8080}]
                - name: envoy
                  image: envoyproxy/envoy:v1.31-latest
                  ports: [{containerPort: 10000}]
        """

    /// A ReplicaSet running Node through npm.
    static let replicaSet = """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: api-6b8f
        spec:
          replicas: 1
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
                - name: api
                  image: node:20-alpine
                  command: ["node", "server.js"]
                  ports: [{containerPort: 3000}]
        """
}
