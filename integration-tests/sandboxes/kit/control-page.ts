/**
 * `GET /_control/` in a browser: every control endpoint of the sandbox as a small form (the
 * path's `:placeholders` as fields, a JSON body for a POST) that calls it and
 * shows the answer. One page for every sandbox, built from the same list the JSON index gives,
 * so a gateway's own endpoints (pay an order, settle a refund, a dashboard refund) appear with
 * the kit's (faults, clock, notifications) without any page code of their own.
 */
import { escapeHtml } from "./http"

export interface ControlEndpoint {
  method: string
  /** the full path, with :name placeholders */
  path: string
  summary: string
}

/** The page for a sandbox's endpoints; self-contained (no scripts or styles from elsewhere). */
export function controlPage(sandbox: string, endpoints: readonly ControlEndpoint[]): string {
  const title = `${escapeHtml(sandbox)} sandbox: control`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1f2328; max-width: 1100px; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  p.lead { margin: 0 0 16px; color: #57606a; }
  form { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; margin: 0 0 8px; }
  .head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
  .method { font-weight: 600; min-width: 56px; }
  code { font-size: 13px; }
  .summary { color: #57606a; }
  .fields { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 6px; align-items: flex-start; }
  input, textarea { font: 13px ui-monospace, monospace; padding: 3px 6px; }
  textarea { width: 360px; height: 44px; }
  button { padding: 3px 12px; }
  pre { background: #f6f8fa; padding: 6px 8px; margin: 6px 0 0; max-height: 240px; overflow: auto; }
  pre:empty { display: none; }
</style>
</head>
<body>
<h1>${title}</h1>
<p class="lead">Script the sandbox by hand: each form calls one control endpoint and shows what it answered. The same endpoints answer JSON for tests and scripts (see the kit's README).</p>
${endpoints.map(endpointForm).join("\n")}
<script>
for (const form of document.querySelectorAll("form[data-path]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault()
    const out = form.querySelector("pre")
    let path = form.dataset.path
    for (const input of form.querySelectorAll("input[data-param]")) {
      path = path.replace(":" + input.dataset.param, encodeURIComponent(input.value.trim()))
    }
    const body = form.querySelector("textarea")
    try {
      const response = await fetch(path, {
        method: form.dataset.method,
        headers: body ? { "content-type": "application/json" } : {},
        body: body && body.value.trim() ? body.value : undefined,
      })
      const text = await response.text()
      let shown = text
      try { shown = JSON.stringify(JSON.parse(text), null, 2) } catch {}
      out.textContent = response.status + " " + shown
    } catch (error) {
      out.textContent = String(error)
    }
  })
}
</script>
</body>
</html>
`
}

function endpointForm(endpoint: ControlEndpoint): string {
  const params = [...endpoint.path.matchAll(/:([A-Za-z]\w*)/g)].map((match) => match[1])
  const fields = params
    .map(
      (name) =>
        `<input data-param="${escapeHtml(name)}" placeholder="${escapeHtml(name)}" aria-label="${escapeHtml(name)}" required>`,
    )
    .join("")
  const body =
    endpoint.method !== "POST"
      ? ""
      : `<textarea aria-label="JSON body of ${escapeHtml(endpoint.path)}" placeholder="{ }"></textarea>`
  return `<form data-method="${escapeHtml(endpoint.method)}" data-path="${escapeHtml(endpoint.path)}">
  <div class="head"><span class="method">${escapeHtml(endpoint.method)}</span><code>${escapeHtml(endpoint.path)}</code><span class="summary">${escapeHtml(endpoint.summary)}</span></div>
  <div class="fields">${fields}${body}<button type="submit">Send</button></div>
  <pre></pre>
</form>`
}
