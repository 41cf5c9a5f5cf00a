// Opens GraphiQL on a running gateway in headless Chromium, types a query, runs it and waits
// for the result. Prints the result JSON; saves a screenshot.
// Usage: node graphiql.mjs <gatewayUrl> <screenshot.png> <query-file>
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [url, screenshot, queryFile, modules] = process.argv.slice(2);
const require = createRequire(modules + "/");
const { chromium } = require("playwright-core");
const query = readFileSync(queryFile, "utf8");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: "load", timeout: 30000 });
  const editor = page.locator(".graphiql-query-editor .CodeMirror").first();
  await editor.waitFor({ timeout: 30000 });
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(query);
  await page.locator(".graphiql-execute-button").first().click();
  await page.waitForFunction(
    () => {
      const cm = document.querySelector(".graphiql-response .CodeMirror");
      return cm && cm.CodeMirror && cm.CodeMirror.getValue().includes('"data"');
    },
    null,
    { timeout: 30000 },
  );
  const result = await page.evaluate(
    () => document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue(),
  );
  await page.screenshot({ path: screenshot, fullPage: true });
  const external = requests.filter((u) => !u.startsWith(url.replace(/\/$/, "")) && !u.startsWith("data:"));
  if (external.length > 0) {
    console.error("GraphiQL requested resources outside the gateway: " + external.join(", "));
    process.exit(3);
  }
  console.log(result);
} finally {
  await browser.close();
}
