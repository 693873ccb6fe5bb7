/**
 * Tests: one HTTP call to a sandbox, its answer read once as text and, when it is JSON, parsed,
 * so a test can look at the exact text (amounts with their decimals, a cut "malformed" body)
 * and at the value.
 */
export interface TestAnswer {
  status: number
  /** parsed JSON; the text when it is not JSON; undefined when empty */
  body: any
  /** the body as received */
  text: string
  headers: Headers
}

export async function testCall(url: string, init: RequestInit): Promise<TestAnswer> {
  const response = await fetch(url, init)
  const text = await response.text()
  let body: unknown = undefined
  if (text !== "") {
    try {
      body = JSON.parse(text)
    } catch {
      body = text
    }
  }
  return { status: response.status, body, text, headers: response.headers }
}
