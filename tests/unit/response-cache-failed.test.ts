import { describe, expect, it } from "vitest";
import { makeEntry } from "@/lib/response-cache.mjs";

/** A 200 page whose body is `html`, as Next would send it. */
const page = (html: string) => ({
  status: 200,
  headers: { "content-type": "text/html; charset=utf-8" },
  body: Buffer.from(`<!DOCTYPE html><html><body>${html}</body></html>`),
});

describe("a page whose streamed part failed or redirected is sent but never stored", () => {
  it.each([
    [
      "a Suspense section that threw (React's digest on the boundary)",
      `<!--$!--><template data-dgst="3175237498"></template><!--/$-->`,
    ],
    [
      "an error row in the RSC payload",
      `<script>self.__next_f.push([1,"5:E{\\"digest\\":\\"3175237498\\"}\\n"])</script>`,
    ],
    [
      "a redirect inside a streamed section",
      `<script>self.__next_f.push([1,"6:E{\\"digest\\":\\"NEXT_REDIRECT;replace;/signin;307;\\"}"])</script>`,
    ],
    [
      "a late redirect as a meta refresh",
      `<meta id="__next-page-redirect" http-equiv="refresh" content="1;url=/signin"/>`,
    ],
    ["a not-found thrown inside a section", `<script>self.__next_f.push([1,"NEXT_HTTP_ERROR_FALLBACK;404"])</script>`],
  ])("%s", async (_what, html) => {
    expect(await makeEntry(page(html), Infinity)).toBeNull();
  });

  it("a part rendered in the browser by design (an empty digest, or the client-rendering bail-out) is stored", async () => {
    for (const html of [
      `<div data-testid="radar-chart"><!--$!--><template data-dgst=""></template><!--/$--></div>`,
      `<!--$!--><template data-dgst="BAILOUT_TO_CLIENT_SIDE_RENDERING"></template><!--/$-->`,
    ]) {
      const entry = await makeEntry(page(html), Infinity);
      expect(entry).not.toBeNull();
      expect(entry!.identity.toString()).toContain(html);
    }
  });
});
