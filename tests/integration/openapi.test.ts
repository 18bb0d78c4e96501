/**
 * The OpenAPI document of /api/v1 is valid OpenAPI 3.1, and it and the route files on disk describe the same API:
 * every exported method of every app/api/v1 route is an operation of the document, and every operation has a route
 * file exporting its method. Served at /api/v1/openapi.json, and rendered as the /api-reference page.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, openApiDocument } from "@/lib/api/openapi";
import { V1_ROUTES } from "@/lib/api/v1-routes";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ApiReferencePage from "@/app/(public)/api-reference/page";

const ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Every route.ts under app/api/v1, as its OpenAPI path ("/teams/{id}/matrix"). */
async function routeFiles(dir = ROOT, prefix = ""): Promise<{ file: string; path: string }[]> {
  const out: { file: string; path: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const segment = entry.name.replace(/^\[(\w+)\]$/, "{$1}");
      out.push(...(await routeFiles(full, `${prefix}/${segment}`)));
    } else if (entry.name === "route.ts") out.push({ file: full, path: prefix || "/" });
  }
  return out;
}

type Operation = { security?: unknown[]; "x-required-scope"?: unknown; responses: Record<string, unknown> };
const operations = (doc: ReturnType<typeof buildOpenApiDocument>) =>
  Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
    Object.entries(item as Record<string, Operation>)
      .filter(([m]) => METHODS.includes(m.toUpperCase()))
      .map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op })),
  );

describe("OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const doc = buildOpenApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("has an operation for every exported method of every route file, and a route file for every operation", async () => {
    const onDisk: string[] = [];
    for (const { file, path: p } of await routeFiles()) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of Object.keys(mod).filter((k) => METHODS.includes(k))) onDisk.push(`${m} ${p}`);
    }
    const inDoc = operations(openApiDocument()).map((o) => o.key);
    expect(onDisk.length).toBeGreaterThanOrEqual(14);
    expect(inDoc.sort()).toEqual(onDisk.sort());
  });

  it("says what each operation needs: the bearer token and its scope, or nothing for public ones", () => {
    const doc = openApiDocument();
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({
      type: "http",
      scheme: "bearer",
      bearerFormat: "skillgap token",
    });
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);
    const byKey = new Map(operations(doc).map((o) => [o.key, o.op]));
    for (const route of V1_ROUTES) {
      const op = byKey.get(`${route.method} ${route.path}`)!;
      if (route.scope === "public") {
        expect(op.security, route.path).toEqual([]);
        expect(op["x-required-scope"], route.path).toBeUndefined();
        expect(op.responses["401"], route.path).toBeUndefined();
      } else {
        expect(op.security, route.path).toEqual([{ bearer: [] }]);
        expect(op["x-required-scope"], route.path).toBe(route.scope ?? "any");
        for (const status of ["401", "403", "429"])
          expect(op.responses[status], `${route.path} ${status}`).toBeTruthy();
      }
    }
    expect(byKey.get("GET /taxonomy")?.security).toEqual([]);
    expect(byKey.get("GET /openapi.json")?.security).toEqual([]);
    expect(byKey.get("GET /teams/{id}/matrix")?.["x-required-scope"]).toBe("teams:read");
    expect(doc.components?.schemas?.Problem).toBeTruthy();
  });

  it("is served at /api/v1/openapi.json", async () => {
    const res = await openapiRoute.GET(new Request("http://localhost/api/v1/openapi.json"), {});
    expect(res.status).toBe(200);
    const served = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(served.openapi).toBe("3.1.0");
    expect(Object.keys(served.paths)).toContain("/me/ratings");
  });
});

describe("API reference page", () => {
  it("shows every operation from the document with its scope and a curl example, headings in order", async () => {
    const html = renderToStaticMarkup(createElement(ApiReferencePage));
    for (const route of V1_ROUTES) {
      expect(html, route.path).toContain(`<code class="font-mono">${route.path}</code>`);
      if (route.scope && route.scope !== "public") expect(html).toContain(`>${route.scope}</code>`);
    }
    expect(html).toContain('href="/account/tokens"');
    expect(html).toContain("Authorization: Bearer $SKILLGAP_TOKEN");
    // Code blocks scroll inside their own box and take keyboard focus to do so.
    expect(
      html.match(/<pre [^>]*>/g)!.every((pre) => pre.includes("overflow-x-auto") && pre.includes('tabindex="0"')),
    ).toBe(true);
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    levels.forEach((l, i) => i > 0 && expect(l, `heading ${i}`).toBeLessThanOrEqual(levels[i - 1] + 1));
  });
});
