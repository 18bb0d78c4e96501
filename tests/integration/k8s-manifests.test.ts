/**
 * The Kubernetes manifests render with kustomize (built into kubectl, no cluster needed) and every object they
 * produce is valid against the Kubernetes schemas (kubernetes-models; the Prometheus Operator's for ServiceMonitor).
 * Rendered: the default (`kubectl apply -k deploy/k8s`), the PgBouncer overlay, and base plus the ServiceMonitor component.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

const repo = path.resolve(__dirname, "../..");
const k8s = path.join(repo, "deploy/k8s");
const scratch = mkdtempSync(path.join(tmpdir(), "sg-k8s-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

function render(dir: string): K8sObject[] {
  return parseYaml(
    execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
  );
}

/** The example Secrets: shown to operators, never applied by kustomize (it would overwrite their real ones). */
function exampleSecrets(): K8sObject[] {
  return ["base/secret.example.yaml", "overlays/pgbouncer/secrets.example.yaml"].flatMap((f) =>
    parseYaml(readFileSync(path.join(k8s, f), "utf8")),
  );
}

/** Every secret name an object refers to (envFrom, env valueFrom). */
function secretRefs(objects: K8sObject[]): Set<string> {
  const names = new Set<string>();
  JSON.stringify(objects, (key, value) => {
    if ((key === "secretRef" || key === "secretKeyRef") && value?.name) names.add(value.name);
    return value;
  });
  return names;
}

function parseYaml(out: string): K8sObject[] {
  return parseAllDocuments(out)
    .map((d) => d.toJSON() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

/** The schema class for an object: kubernetes-models/<group>/<version>/<Kind>, core as kubernetes-models/v1/<Kind>. */
async function validate(o: K8sObject): Promise<void> {
  const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["", o.apiVersion];
  const specifier =
    group === "monitoring.coreos.com"
      ? `@kubernetes-models/prometheus-operator/${group}/${version}/${o.kind}`
      : `kubernetes-models/${group ? `${group}/` : ""}${version}/${o.kind}`;
  const mod = (await import(/* @vite-ignore */ specifier)) as Record<string, new (o: unknown) => { validate(): void }>;
  const Model = mod[o.kind] ?? mod.default;
  expect(Model, `${specifier} has no model`).toBeTypeOf("function");
  new Model(o).validate();
}

function withComponent(): string {
  const dir = path.join(scratch, "with-servicemonitor");
  execFileSync("mkdir", ["-p", dir]);
  writeFileSync(
    path.join(dir, "kustomization.yaml"),
    [
      "apiVersion: kustomize.config.k8s.io/v1beta1",
      "kind: Kustomization",
      "resources:",
      `  - ${path.relative(dir, k8s)}`,
      "components:",
      `  - ${path.relative(dir, path.join(k8s, "components/servicemonitor"))}`,
      "",
    ].join("\n"),
  );
  return dir;
}

const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);

describe("Kubernetes manifests", () => {
  const variants: Array<[string, () => string]> = [
    ["deploy/k8s", () => k8s],
    ["deploy/k8s/overlays/pgbouncer", () => path.join(k8s, "overlays/pgbouncer")],
    ["deploy/k8s + components/servicemonitor", withComponent],
  ];

  it.each(variants)("%s renders, and every object is valid against its schema", async (_name, dir) => {
    const objects = render(dir());
    expect(objects.length).toBeGreaterThan(5);
    for (const o of objects) {
      try {
        await validate(o);
      } catch (e) {
        throw new Error(`${o.kind}/${o.metadata?.name}: ${(e as Error).message}`);
      }
      if (o.kind !== "Namespace") expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe("skillgap");
    }
  });

  it("the default set has what the issue lists: probes, resources, non-root, migration job, HPA, PDB, ingress", () => {
    const objects = render(k8s);
    const kinds = new Set(objects.map((o) => o.kind));
    for (const kind of [
      "Namespace",
      "ConfigMap",
      "Job",
      "Deployment",
      "Service",
      "Ingress",
      "HorizontalPodAutoscaler",
      "PodDisruptionBudget",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    const [deployment] = byKind(objects, "Deployment") as unknown as Array<{
      spec: { template: { spec: { containers: Array<Record<string, any>>; securityContext?: Record<string, any> } } };
    }>;
    const pod = deployment.spec.template.spec;
    const app = pod.containers[0];
    expect(app.livenessProbe.httpGet.path).toBe("/api/health/live");
    expect(app.readinessProbe.httpGet.path).toBe("/api/health/ready");
    expect(app.resources.requests).toBeDefined();
    expect(app.resources.limits.memory).toBeDefined();
    const security = { ...pod.securityContext, ...app.securityContext };
    expect(security.runAsNonRoot).toBe(true);
    expect(app.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(app.securityContext.allowPrivilegeEscalation).toBe(false);
    // The pods only check migrations; the Job applies them.
    const env = Object.fromEntries((app.env ?? []).map((e: { name: string; value?: string }) => [e.name, e.value]));
    const config = byKind(objects, "ConfigMap")[0] as unknown as { data: Record<string, string> };
    expect(env.SKIP_MIGRATIONS ?? config.data.SKIP_MIGRATIONS).toBe("1");
    const [job] = byKind(objects, "Job") as unknown as Array<{
      spec: { template: { spec: { containers: Array<{ command?: string[]; args?: string[] }> } } };
    }>;
    const jobCommand = [
      ...(job.spec.template.spec.containers[0].command ?? []),
      ...(job.spec.template.spec.containers[0].args ?? []),
    ];
    expect(jobCommand.join(" ")).toContain("scripts/migrate.mjs");
  });

  it("the PgBouncer overlay points the app at PgBouncer in transaction mode", () => {
    const objects = render(path.join(k8s, "overlays/pgbouncer"));
    const text = JSON.stringify(objects);
    expect(byKind(objects, "Deployment").map((d) => d.metadata.name)).toContain("skillgap-pgbouncer");
    expect(text).toMatch(/transaction/i);
    const [app] = byKind(objects, "Deployment").filter((d) => d.metadata.name === "skillgap") as unknown as Array<{
      spec: { template: { spec: { containers: Array<{ env: Array<{ name: string; valueFrom?: any }> }> } } };
    }>;
    const [job] = byKind(objects, "Job") as unknown as Array<{
      spec: { template: { spec: { containers: Array<{ env: Array<{ name: string; valueFrom?: any }> }> } } };
    }>;
    for (const container of [app.spec.template.spec.containers[0], job.spec.template.spec.containers[0]]) {
      const url = container.env.find((e) => e.name === "DATABASE_URL");
      expect(url?.valueFrom.secretKeyRef.name).toBe("skillgap-database-pooled");
    }
    const pooled = exampleSecrets().find((o) => o.metadata.name === "skillgap-database-pooled") as unknown as {
      stringData: { DATABASE_URL: string };
    };
    expect(pooled.stringData.DATABASE_URL).toContain("@skillgap-pgbouncer:6432/");
  });

  it("applies no Secret (it would overwrite the operator's), and the examples show every secret the pods use", async () => {
    const examples = exampleSecrets();
    for (const o of examples) await validate(o);
    const exampleNames = new Set(examples.map((o) => o.metadata.name));
    for (const variant of [k8s, path.join(k8s, "overlays/pgbouncer")]) {
      const objects = render(variant);
      expect(byKind(objects, "Secret")).toEqual([]);
      for (const name of secretRefs(objects)) expect(exampleNames, `${name} has an example`).toContain(name);
    }
  });

  it("a broken object is refused (the validation can fail)", async () => {
    const [deployment] = byKind(render(k8s), "Deployment");
    const broken = structuredClone(deployment) as K8sObject & { spec: { replicas: unknown } };
    broken.spec.replicas = "two";
    await expect(validate(broken)).rejects.toThrow();
  });
});
