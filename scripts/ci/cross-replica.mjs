/**
 * Sessions cross replicas: the CSRF token comes from the first replica, the credentials are posted to the second,
 * and the session cookie that answer sets then works on every replica and through the load balancer. Without the
 * cookie every one of them refuses. Part of the image stage (scripts/ci/image-stage.sh); it uses the demo admin.
 *
 * Usage: node scripts/ci/cross-replica.mjs EMAIL PASSWORD URL_1 URL_2 [URL …]
 */
const [email, password, ...urls] = process.argv.slice(2);
if (!email || !password || urls.length < 2) {
  console.error("usage: node scripts/ci/cross-replica.mjs EMAIL PASSWORD URL_1 URL_2 [URL …]");
  process.exit(2);
}

const cookieHeader = (jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
function keep(jar, res) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const i = pair.indexOf("=");
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
}
function fail(message) {
  console.error(`cross-replica: FAILED: ${message}`);
  process.exit(1);
}

const jar = new Map();
const csrfRes = await fetch(`${urls[0]}/api/auth/csrf`);
keep(jar, csrfRes);
const { csrfToken } = await csrfRes.json();
if (!csrfToken) fail(`no CSRF token from ${urls[0]}`);

const signIn = await fetch(`${urls[1]}/api/auth/callback/credentials`, {
  method: "POST",
  redirect: "manual",
  headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
  body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
});
keep(jar, signIn);
const session = [...jar.keys()].find((k) => k.endsWith("next-auth.session-token"));
if (!session)
  fail(`signing in at ${urls[1]} with the token from ${urls[0]} set no session cookie (HTTP ${signIn.status})`);

for (const url of urls) {
  const res = await fetch(`${url}/api/auth/session`, { headers: { cookie: cookieHeader(jar) } });
  const body = await res.json();
  if (body?.user?.email !== email) fail(`${url} did not accept the session: ${JSON.stringify(body)}`);
  const page = await fetch(`${url}/dashboard`, { redirect: "manual", headers: { cookie: cookieHeader(jar) } });
  if (page.status !== 200) fail(`${url}/dashboard answered ${page.status} with the session`);
  const anonymous = await fetch(`${url}/dashboard`, { redirect: "manual" });
  if (anonymous.status < 300 || anonymous.status >= 400)
    fail(`${url}/dashboard answered ${anonymous.status} without a session`);
  console.log(`cross-replica: ${url}: session accepted, /dashboard 200; without it ${anonymous.status}`);
}
console.log(`cross-replica: CSRF from ${urls[0]}, signed in at ${urls[1]}, session valid on all ${urls.length}`);
